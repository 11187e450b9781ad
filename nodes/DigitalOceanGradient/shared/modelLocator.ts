import type { INodeProperties } from 'n8n-workflow';

/** The Model field: a model from the key's list (searchModels) or any model ID. */
export const modelLocator: INodeProperties = {
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
};
