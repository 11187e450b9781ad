import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { invalidInput } from '../../shared/input';
import { modelLocator } from '../../shared/models/modelPicker';

/** preSend: a request for a model needs one; say so before sending an empty one. */
export async function requireModel(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const model = (requestOptions.body as IDataObject).model;
	if (typeof model !== 'string' || model.trim() === '') {
		throw invalidInput(this, 'Model', 'no model is selected');
	}
	return requestOptions;
}

/** The Model picker, sent as the body's `model`. */
export const modelField: INodeProperties = {
	...modelLocator,
	routing: { send: { type: 'body', property: 'model', preSend: [requireModel] } },
};
