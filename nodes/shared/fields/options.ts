import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { invalidInput, rangeText, setPath, textOf } from '../input';

export interface NumberRange {
	min?: number;
	max?: number;
	integer?: boolean;
}

/** A body property by its routing path: `input.num_images` reaches into `input`. */
const valueAt = (body: IDataObject, property: string): unknown =>
	property.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], body);

/**
 * A preSend hook that checks a number option already placed in the body: the editor keeps a
 * typed value in range, an expression does not.
 */
export function checkNumber(label: string, property: string, { min, max, integer }: NumberRange) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const value = valueAt(requestOptions.body as IDataObject, property);
		const range = rangeText(min, max);
		const kind = integer ? 'whole number' : 'number';
		if (typeof value !== 'number' || !Number.isFinite(value)) {
			throw invalidInput(this, label, `${JSON.stringify(value)} is not a number; use a ${kind} ${range}`);
		}
		if ((integer && !Number.isInteger(value)) || (min !== undefined && value < min) || (max !== undefined && value > max)) {
			throw invalidInput(this, label, `${value} is out of range; use a ${kind} ${range}`);
		}
		return requestOptions;
	};
}

/**
 * A preSend hook for a text that must not be empty (a prompt), already placed in the body: a
 * number or a boolean from an expression is sent as its text; empty text, a list or an object
 * is refused for its item.
 */
export function checkText(label: string, property: string, hint?: string) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const body = requestOptions.body as IDataObject;
		const text = textOf(this, label, valueAt(body, property));
		if (text.trim() === '') throw invalidInput(this, label, 'is empty', hint);
		setPath(body, property, text);
		return requestOptions;
	};
}

/** A number option: the editor's bounds and the check for values set by expression, from one range. */
export function numberOption(
	option: Pick<INodeProperties, 'displayName' | 'name' | 'description'> & { default: number; property: string },
	range: NumberRange,
): INodeProperties {
	const { property, ...rest } = option;
	return {
		...rest,
		type: 'number',
		typeOptions: {
			...(range.min !== undefined ? { minValue: range.min } : {}),
			...(range.max !== undefined ? { maxValue: range.max } : {}),
			numberPrecision: range.integer ? 0 : 2,
		},
		routing: {
			send: { type: 'body', property, preSend: [checkNumber(option.displayName, property, range)] },
		},
	};
}

/** An option sent as one body property, unchanged. */
export function sentAs(property: string): INodeProperties['routing'] {
	return { send: { type: 'body', property } };
}

/** A field as a node shows it that builds its requests itself (an AI sub-node): without routing. */
export function withoutRouting({ routing, ...field }: INodeProperties): INodeProperties {
	void routing;
	return field;
}

/** Options in the order n8n's editor lists a collection's: by their names. */
export const sortedByName = (options: INodeProperties[]): INodeProperties[] =>
	[...options].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** An operation's Options collection (n8n's name and look): only the options the user adds are sent. */
export function optionsCollection(options: INodeProperties[], description = 'Only the options you add are sent to the API'): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, description, options };
}

/** The User option of the chat, embeddings and images APIs: an ID for the end user, sent as `user`. */
export const userOption: INodeProperties = {
	displayName: 'User',
	name: 'user',
	type: 'string',
	default: '',
	placeholder: 'e.g. user-1234',
	description: 'An ID for your end user, sent as the API\'s "user" (it helps DigitalOcean detect abuse)',
	routing: sentAs('user'),
};

/** A list of key/value rows (Metadata, Tags), each row under `row` in the saved parameters. */
export function keyValueField(
	field: Pick<INodeProperties, 'displayName' | 'name' | 'description' | 'placeholder'> & { row: string; keyPlaceholder?: string; valuePlaceholder?: string },
): INodeProperties {
	const { row, keyPlaceholder, valuePlaceholder, ...shown } = field;
	const placeholder = (text?: string) => (text ? { placeholder: text } : {});
	return {
		...shown,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		options: [
			{
				displayName: row === 'pair' ? 'Pair' : field.displayName.replace(/s$/, ''),
				name: row,
				values: [
					{ displayName: 'Key', name: 'key', type: 'string', default: '', ...placeholder(keyPlaceholder) },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', ...placeholder(valuePlaceholder) },
				],
			},
		],
	};
}

/** A key/value field's rows as a map of text, checked: every key given, none twice (an expression may give anything). */
export function keyValueMap(context: IExecuteSingleFunctions, parameter: string, label: string): IDataObject {
	const rows = context.getNodeParameter(parameter, []) as Array<{ key?: unknown; value?: unknown }>;
	const map: IDataObject = {};
	for (const { key, value } of rows) {
		const name = textOf(context, `${label} → Key`, key ?? '').trim();
		if (name === '') throw invalidInput(context, label, 'a key is empty');
		if (name in map) throw invalidInput(context, label, `the key "${name}" is set twice`);
		map[name] = textOf(context, `${label} → Value`, value ?? '');
	}
	return map;
}
