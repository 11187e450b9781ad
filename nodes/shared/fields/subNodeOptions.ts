import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_BATCH_SIZE, MAX_INPUTS_PER_REQUEST } from '../embeddings/vectors';
import { DEFAULT_MAX_RETRIES } from '../transport/retryPolicy';

/** Fields without routing that the node and the sub-nodes show alike (the sub-nodes send their requests themselves). */

export const maxRetriesOption = (description: string): INodeProperties => ({
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	default: DEFAULT_MAX_RETRIES,
	typeOptions: { minValue: 0, numberPrecision: 0 },
	description,
});

export const DEFAULT_TIMEOUT_MS = 60_000;

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	default: DEFAULT_TIMEOUT_MS,
	typeOptions: { minValue: 1, numberPrecision: 0 },
	description: 'How long to wait for each answer, in milliseconds',
};

/** How many texts one embeddings request holds: the node's option and the sub-node's. */
export const batchSizeOption = (description: string): INodeProperties => ({
	displayName: 'Batch Size',
	name: 'batchSize',
	type: 'number',
	default: DEFAULT_BATCH_SIZE,
	typeOptions: { minValue: 1, maxValue: MAX_INPUTS_PER_REQUEST, numberPrecision: 0 },
	description,
});
