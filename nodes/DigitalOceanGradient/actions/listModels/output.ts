import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { modelsMatching } from '../../../shared/models/modelList';

/** postReceive: one item per model, sorted by id, optionally filtered on the id. */
export async function toModelItems(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const filter = this.getNodeParameter('filters.idContains', '') as string;
	const models = modelsMatching(response.body, filter);
	if (!models) {
		throw new NodeApiError(this.getNode(), response.body as JsonObject, {
			message: 'The API answered without a list of models',
			description: 'Check the Base URL in the DigitalOcean Gradient credential.',
			itemIndex: this.getItemIndex(),
		});
	}
	const pairedItem = { item: this.getItemIndex() };
	return models.map((model) => ({ json: { ...model }, pairedItem }));
}
