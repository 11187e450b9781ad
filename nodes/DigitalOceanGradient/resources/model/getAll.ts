import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { modelsMatching } from '../../../shared/models/modelList';
import { answerError } from '../../../shared/transport/answers';
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

/** postReceive: one item per model, sorted by id, optionally filtered on the id (paired by the request path). */
export async function toModelItems(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const filter = this.getNodeParameter('filters.idContains', '') as string;
	const models = modelsMatching(response.body, filter);
	if (!models) {
		throw answerError(this.getNode(), response.body, {
			message: 'The API answered without a list of models',
			description: 'Check the Base URL in the DigitalOcean Gradient credential.',
			itemIndex: this.getItemIndex(),
		});
	}
	return models.map((model) => ({ json: { ...model } }));
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
	});
