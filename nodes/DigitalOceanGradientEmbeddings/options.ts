import type { INodeProperties } from 'n8n-workflow';

import { MAX_INPUTS_PER_REQUEST } from '../shared/embeddings/vectors';
import { batchSizeOption, maxRetriesOption, timeoutOption } from '../shared/fields/subNodeOptions';
import { DEFAULT_MAX_CONCURRENT_REQUESTS } from '../shared/transport/concurrency';

export const embeddingsOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		batchSizeOption(`How many texts go in one request (DigitalOcean takes up to ${MAX_INPUTS_PER_REQUEST})`),
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrentRequests',
			type: 'number',
			default: DEFAULT_MAX_CONCURRENT_REQUESTS,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			description:
				'The most requests that may wait for their answer at once when many texts are embedded. Requests are paced by the quota DigitalOcean announces on every answer, shared with the credential\'s other runs; fewer go when the API answers 429.',
		},
		maxRetriesOption(
			'How many times a request that hit the rate limit (429) or a server error is sent again, with growing pauses; other errors are not retried',
		),
		timeoutOption,
	],
};

export interface EmbeddingsOptions {
	batchSize?: number;
	maxConcurrentRequests?: number;
	maxRetries?: number;
	timeout?: number;
}
