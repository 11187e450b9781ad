// The baseline for "cost per item": a declarative node making the same call as ours with
// n8n's routing alone, no hooks (no checks, no retries, no slots, no output shaping).
import type { INodeType } from 'n8n-workflow';

import { withRoutingExecute } from '../test/harness/package.cjs';

export const bareDeclarativeNode: INodeType = withRoutingExecute({
	description: {
		displayName: 'Bare Chat',
		name: 'bareChat',
		group: ['transform'],
		version: 1,
		description: 'A declarative chat completion without hooks',
		defaults: { name: 'Bare Chat' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'digitalOceanGradientApi', required: true }],
		requestDefaults: {
			baseURL: '={{ $credentials.baseUrl }}',
			headers: { Accept: 'application/json' },
			json: true,
		},
		properties: [
			{
				displayName: 'Model',
				name: 'model',
				type: 'string',
				default: '',
				routing: {
					request: { method: 'POST', url: '/v1/chat/completions' },
					send: { type: 'body', property: 'model' },
				},
			},
			{
				displayName: 'Prompt',
				name: 'prompt',
				type: 'string',
				default: '',
				routing: {
					send: { type: 'body', property: 'messages', value: '={{ [{ role: "user", content: $value }] }}' },
				},
			},
		],
	},
});

export const bareParameters = { model: 'llama3.3-70b-instruct', prompt: '={{ $json.q }}' };
