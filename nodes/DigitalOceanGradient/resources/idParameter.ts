import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { invalidInput, textOf } from '../../shared/input';
import type { Subject } from '../../shared/transport/answers';
import { concerning } from '../../shared/transport/request';

/** What an ID field is about: a job's request_id, a batch's batch_id. */
export interface IdKind {
	/** The field's label, e.g. "Job ID", and its parameter name. */
	label: string;
	name: string;
	/** The answer's property that holds the ID, which the field takes from the incoming item by default. */
	property: string;
	/** Which operation outputs it, e.g. "Job → Start". */
	madeBy: string;
	placeholder: string;
	/** The placeholder of the ID in the routes' URL templates, e.g. "{request_id}". */
	inUrl: string;
	subject: (id: string) => Subject;
}

/** An ID field (by default the incoming item's ID), the item's ID checked, and the preSend hook that puts it in a URL. */
export function idParameter(kind: IdKind) {
	const { label, name, property, madeBy, placeholder, inUrl, subject } = kind;
	const field: INodeProperties = {
		displayName: label,
		name,
		type: 'string',
		required: true,
		default: `={{ $json.${property} }}`,
		placeholder: `e.g. ${placeholder}`,
		description: `The ${property} that ${madeBy} output`,
	};

	/** The item's ID: text (a number as its text), not empty, not dots ("." and ".." would step out of the route, encoded or not). */
	function idOf(context: IExecuteSingleFunctions): string {
		const id = textOf(context, label, context.getNodeParameter(name, '')).trim();
		const hint = `Use the ${property} that ${madeBy} output, e.g. {{ $json.${property} }}.`;
		if (id === '') throw invalidInput(context, label, 'is empty', hint);
		if (/^\.+$/.test(id)) throw invalidInput(context, label, `"${id}" is not a ${label.replace(/ ID$/, '').toLowerCase()} ID`, hint);
		return id;
	}

	const urlOf = (template: string, id: string) => template.replace(inUrl, encodeURIComponent(id));

	/** A preSend hook that puts the item's ID into the request's URL (`template`). */
	function toUrl(template: string) {
		return async function sendToId(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
			const id = idOf(this);
			requestOptions.url = urlOf(template, id);
			return concerning(requestOptions, subject(id));
		};
	}

	return { field, idOf, urlOf, toUrl };
}
