import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_BATCH_SIZE, MAX_INPUTS_PER_REQUEST } from '../shared/embeddings/vectors';
import { DEFAULT_MAX_CONCURRENT_REQUESTS } from '../shared/transport/concurrency';
import { DEFAULT_MAX_RETRIES } from '../shared/transport/retryPolicy';

export const embeddingsOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			default: DEFAULT_BATCH_SIZE,
			typeOptions: { minValue: 1, maxValue: MAX_INPUTS_PER_REQUEST, numberPrecision: 0 },
			description: `How many texts go in one request (DigitalOcean takes up to ${MAX_INPUTS_PER_REQUEST})`,
		},
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrentRequests',
			type: 'number',
			default: DEFAULT_MAX_CONCURRENT_REQUESTS,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			description:
				'How many requests may wait for their answer at once when many texts are embedded; fewer when the API answers 429',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			default: DEFAULT_MAX_RETRIES,
			typeOptions: { minValue: 0, numberPrecision: 0 },
			description:
				'How many times a request that hit the rate limit (429) or a server error is sent again, with growing pauses; other errors are not retried',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			default: 60000,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			description: 'How long to wait for each answer, in milliseconds',
		},
	],
};

export interface EmbeddingsOptions {
	batchSize?: number;
	maxConcurrentRequests?: number;
	maxRetries?: number;
	timeout?: number;
}
