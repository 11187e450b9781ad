import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_CONCURRENT_REQUESTS } from './concurrency';
import { DEFAULT_MAX_RETRIES } from './retryPolicy';

/**
 * Our settings in n8n's own "Request Options" (node Settings tab): n8n merges its Batching,
 * Proxy, Timeout and SSL options into a declarative node's `requestOptions` property.
 */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	isNodeSetting: true,
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrentRequests',
			type: 'number',
			default: DEFAULT_MAX_CONCURRENT_REQUESTS,
			typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 },
			description:
				'The most requests this node has in flight at once; the other items wait their turn. Requests are paced by the quota DigitalOcean announces on every answer (shared by every execution that uses the credential), and as many go at once as that quota needs, never above this. Where DigitalOcean turns requests away (429) without announcing a quota, the node sends fewer, finds what it admits and tries more again later.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			default: DEFAULT_MAX_RETRIES,
			typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
			description:
				"How often to send a request again after a rate limit (429), a server error (500, 502, 503, 504), a timeout (408, or no answer in time) or a dropped connection. Waits as DigitalOcean asks (Retry-After, rate-limit reset), else backs off exponentially; only the failed item's request is repeated. A 429 for sending more at once than DigitalOcean admits is sent again without counting.",
		},
	],
};
