import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { invalidInput } from '../../shared/input';
import { withItemErrors } from '../../shared/request';

/** preSend: a chat request needs a model; say so before sending an empty one. */
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

export const modelProperty: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The model that answers',
	hint: 'The list shows every model your model access key may use, embedding and image models included: pick a chat model',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a model...',
			typeOptions: {
				searchListMethod: 'searchModels',
				searchable: true,
			},
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. llama3.3-70b-instruct',
		},
	],
	routing: {
		send: {
			type: 'body',
			property: 'model',
			preSend: [withItemErrors(requireModel)],
		},
	},
};
