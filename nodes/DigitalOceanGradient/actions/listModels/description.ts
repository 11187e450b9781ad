import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Model ID Contains',
				name: 'idContains',
				type: 'string',
				default: '',
				placeholder: 'e.g. llama',
				description: 'Only return models whose ID contains this text (any case)',
			},
		],
	},
];

export const listModelsDescription = updateDisplayOptions(
	{ show: { operation: ['listModels'] } },
	properties,
);
