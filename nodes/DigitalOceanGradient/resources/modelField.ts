import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { invalidInput } from '../../shared/input';
import { chatModelLocator } from '../../shared/models/modelPicker';

/** A preSend hook: a request for a model needs one in `property`; say so before sending an empty one. Sent trimmed. */
export function modelRequiredIn(property: string) {
	return async function requireModel(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const body = requestOptions.body as IDataObject;
		const model = typeof body[property] === 'number' ? String(body[property]) : body[property];
		if (typeof model !== 'string' || model.trim() === '') {
			throw invalidInput(this, 'Model', 'no model is selected');
		}
		body[property] = model.trim();
		return requestOptions;
	};
}

/** A Model picker as an operation sends it: the body's `property` (`model` unless told), trimmed, required. */
export function modelFieldFrom(locator: INodeProperties, property = 'model'): INodeProperties {
	return { ...locator, routing: { send: { type: 'body', property, preSend: [modelRequiredIn(property)] } } };
}

/** The chat Model picker (chat models first), sent as the body's `model`. */
export const modelField = modelFieldFrom(chatModelLocator);
