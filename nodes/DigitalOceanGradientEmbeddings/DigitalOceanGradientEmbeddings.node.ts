import type {
	ICredentialDataDecryptedObject,
	INodeType,
	INodeTypeDescription,
	ISupplyDataFunctions,
	SupplyData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { GradientEmbeddings } from './gradientEmbeddings';
import { embeddingsOptions, type EmbeddingsOptions } from './options';
import { apiV1UrlFrom } from '../shared/baseUrl';
import { DEFAULT_BATCH_SIZE, MAX_INPUTS_PER_REQUEST } from '../shared/embeddings/vectors';
import { wholeNumberIn } from '../shared/input';
import { embeddingModelLocator, searchEmbeddingModels } from '../shared/models/modelPicker';
import { DEFAULT_MAX_CONCURRENT_REQUESTS } from '../shared/transport/concurrency';
import { DEFAULT_MAX_RETRIES } from '../shared/transport/retryPolicy';
import { subNodeDescription } from '../shared/subNode';
import { CREDENTIAL_TYPE } from '../shared/transport/runCredentials';

export class DigitalOceanGradientEmbeddings implements INodeType {
	description: INodeTypeDescription = subNodeDescription({
		displayName: 'DigitalOcean Gradient Embeddings',
		name: 'digitalOceanGradientEmbeddings',
		description: 'Embeddings from a DigitalOcean Gradient model, for vector stores',
		output: NodeConnectionTypes.AiEmbedding,
		outputName: 'Embeddings',
		hint: "This node must be connected to a vector store. <a data-action='openSelectiveNodeCreator' data-action-parameter-connectiontype='ai_vectorStore'>Insert one</a>",
		properties: [embeddingModelLocator, embeddingsOptions],
	});

	methods = { listSearch: { searchEmbeddingModels } };

	async supplyData(this: ISupplyDataFunctions, itemIndex: number): Promise<SupplyData> {
		const credentialData = await this.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
		const apiKey = String(credentialData.apiKey ?? '').trim();
		const apiUrl = apiV1UrlFrom(this.getNode(), credentialData.baseUrl);
		const value = this.getNodeParameter('model', itemIndex, '', { extractValue: true });
		const model = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
		if (model === '') {
			throw new NodeOperationError(this.getNode(), 'Model: no model is selected', {
				description: 'Pick an embedding model from the list, or enter a model ID.',
			});
		}
		const options = this.getNodeParameter('options', itemIndex, {}) as EmbeddingsOptions;
		const option = (label: string, value: unknown, fallback: number, min: number, max?: number) => {
			if (value === undefined) return fallback;
			const number = wholeNumberIn(value, min, max);
			if (number !== undefined) return number;
			const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
			throw new NodeOperationError(this.getNode(), `${label}: ${JSON.stringify(value)} is not a whole number ${range}`);
		};
		const embeddings = new GradientEmbeddings(this, {
			apiUrl,
			apiKey,
			credentialData,
			model,
			batchSize: option('Batch Size', options.batchSize, DEFAULT_BATCH_SIZE, 1, MAX_INPUTS_PER_REQUEST),
			maxConcurrentRequests: option('Max Concurrent Requests', options.maxConcurrentRequests, DEFAULT_MAX_CONCURRENT_REQUESTS, 1),
			maxRetries: option('Max Retries', options.maxRetries, DEFAULT_MAX_RETRIES, 0),
			...(options.timeout !== undefined ? { timeout: option('Timeout', options.timeout, 60000, 1) } : {}),
		});
		return { response: embeddings };
	}
}
