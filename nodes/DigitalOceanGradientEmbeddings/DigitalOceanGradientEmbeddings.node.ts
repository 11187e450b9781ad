import type {
	INodeType,
	INodeTypeDescription,
	ISupplyDataFunctions,
	SupplyData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { GradientEmbeddings } from './gradientEmbeddings';
import { embeddingsOptions, type EmbeddingsOptions } from './options';
import { DEFAULT_BATCH_SIZE, MAX_INPUTS_PER_REQUEST } from '../shared/embeddings/vectors';
import { DEFAULT_TIMEOUT_MS } from '../shared/fields/subNodeOptions';
import { notAWholeNumber, wholeNumberIn } from '../shared/input';
import { embeddingModelLocator, searchEmbeddingModels } from '../shared/models/modelPicker';
import { subNodeTarget } from '../shared/subNodeTarget';
import { DEFAULT_MAX_CONCURRENT_REQUESTS } from '../shared/transport/concurrency';
import { DEFAULT_MAX_RETRIES } from '../shared/transport/retryPolicy';
import { CREDENTIAL_TYPE } from '../shared/transport/runCredentials';

export class DigitalOceanGradientEmbeddings implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DigitalOcean Gradient Embeddings',
		name: 'digitalOceanGradientEmbeddings',
		icon: {
			light: 'file:../../icons/digitalOceanGradient.svg',
			dark: 'file:../../icons/digitalOceanGradient.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["model"] }}',
		description: 'Embeddings from a DigitalOcean Gradient model, for vector stores',
		defaults: { name: 'DigitalOcean Gradient Embeddings' },
		inputs: [],
		outputs: [NodeConnectionTypes.AiEmbedding],
		outputNames: ['Embeddings'],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				// The wording and class n8n's own embeddings nodes use for this hint.
				displayName:
					"This node must be connected to a vector store. <a data-action='openSelectiveNodeCreator' data-action-parameter-connectiontype='ai_vectorStore'>Insert one</a>",
				name: 'notice',
				type: 'notice',
				default: '',
				typeOptions: { containerClass: 'ndv-connection-hint-notice' },
			},
			embeddingModelLocator,
			embeddingsOptions,
		],
	};

	methods = { listSearch: { searchEmbeddingModels } };

	async supplyData(this: ISupplyDataFunctions, itemIndex: number): Promise<SupplyData> {
		const { credentialData, apiKey, apiUrl, model } = await subNodeTarget(
			this,
			itemIndex,
			'Pick an embedding model from the list, or enter a model ID.',
		);
		const options = this.getNodeParameter('options', itemIndex, {}) as EmbeddingsOptions;
		const option = (label: string, value: unknown, fallback: number, min: number, max?: number) => {
			if (value === undefined) return fallback;
			const number = wholeNumberIn(value, min, max);
			if (number !== undefined) return number;
			throw new NodeOperationError(this.getNode(), `${label}: ${notAWholeNumber(value, min, max)}`);
		};
		const embeddings = new GradientEmbeddings(this, {
			apiUrl,
			apiKey,
			credentialData,
			model,
			batchSize: option('Batch Size', options.batchSize, DEFAULT_BATCH_SIZE, 1, MAX_INPUTS_PER_REQUEST),
			maxConcurrentRequests: option('Max Concurrent Requests', options.maxConcurrentRequests, DEFAULT_MAX_CONCURRENT_REQUESTS, 1),
			maxRetries: option('Max Retries', options.maxRetries, DEFAULT_MAX_RETRIES, 0),
			timeout: option('Timeout', options.timeout, DEFAULT_TIMEOUT_MS, 1),
		});
		return { response: embeddings };
	}
}
