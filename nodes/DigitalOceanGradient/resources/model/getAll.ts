import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { modelsIn } from '../../../shared/models/modelList';
import { defineOperation } from '../define';

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

/** postReceive: one item per model, sorted by ID, optionally filtered on the ID (paired by the request path). */
export async function toModelItems(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const filter = this.getNodeParameter('filters.idContains', '') as string;
	return modelsIn(this.getNode(), response.body, { filter, itemIndex: this.getItemIndex() }).map((model) => ({ json: { ...model } }));
}

export const getAll = (resource: string) =>
	defineOperation(resource, {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many models',
		description: 'List the models your model access key may use',
		request: { method: 'GET', url: '/v1/models' },
		properties,
		postReceive: [toModelItems],
		answersWithList: true,
	});
