import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { invalidInput } from '../../shared/input';
import { modelLocator } from '../../shared/models/modelPicker';

/** preSend: a request for a model needs one; say so before sending an empty one. Sent trimmed. */
export async function requireModel(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	const model = typeof body.model === 'number' ? String(body.model) : body.model;
	if (typeof model !== 'string' || model.trim() === '') {
		throw invalidInput(this, 'Model', 'no model is selected');
	}
	body.model = model.trim();
	return requestOptions;
}

/** The Model picker, sent as the body's `model`. */
export const modelField: INodeProperties = {
	...modelLocator,
	routing: { send: { type: 'body', property: 'model', preSend: [requireModel] } },
};
