// The workflows the real-n8n benchmark runs: N prompts made by a Set and a Split Out node, then
// one node that asks the model once per item: ours, or what a user would pick instead.
import type { IDataObject } from 'n8n-workflow';

export const MODEL = 'llama3.3-70b-instruct';
export const CALLER = 'Ask the model';

export interface BenchCredentials {
	ours: { id: string; name: string };
	headerAuth: { id: string; name: string };
	digitalOcean: { id: string; name: string };
}

export interface Variant {
	key: string;
	label: string;
	/** The node that makes the calls, with its credential. */
	node(standInUrl: string, credentials: BenchCredentials): IDataObject;
	/** Whether an output item holds the model's answer (not an error, not a 429 body). */
	answered(json: IDataObject): boolean;
}

const continueOnError = { onError: 'continueRegularOutput' };
const hasChoices = (json: IDataObject) => Array.isArray(json.choices) && json.choices.length > 0;

const httpRequest = (batching?: { batchSize: number; batchInterval: number }) =>
	(standInUrl: string, credentials: BenchCredentials): IDataObject => ({
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${standInUrl}/v1/chat/completions`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ model: '${MODEL}', messages: [{ role: 'user', content: $json.prompt }] }) }}`,
			options: batching ? { batching: { batch: batching } } : {},
		},
		credentials: { httpHeaderAuth: credentials.headerAuth },
		...continueOnError,
	});

export const OURS: Variant = {
	key: 'ours',
	label: 'this node, defaults',
	node: (_url, credentials) => ({
		type: 'n8n-nodes-digitalocean-gradient.digitalOceanGradient',
		typeVersion: 1,
		parameters: { model: { __rl: true, mode: 'id', value: MODEL }, prompt: '={{ $json.prompt }}', options: {} },
		credentials: { digitalOceanGradientApi: credentials.ours },
		...continueOnError,
	}),
	answered: (json) => typeof json.content === 'string' && json.error === undefined,
};

const httpVariant = (key: string, label: string, batching?: { batchSize: number; batchInterval: number }): Variant => ({
	key,
	label,
	node: httpRequest(batching),
	answered: hasChoices,
});

/** Batching set by hand to what the API admits: 8 requests per 100 ms (its latency). */
export const HTTP_TUNED = httpVariant('httpTuned', 'HTTP Request 4.2, Batching 8 per 100 ms (hand-tuned)', { batchSize: 8, batchInterval: 100 });

export const HTTP_DEFAULTS = httpVariant('httpDefaults', 'HTTP Request 4.2, defaults');

/** For a limit on requests per second: Batching at that rate (n8n's own default, 50 per 1,000 ms). */
export const HTTP_AT_RATE = httpVariant('httpAtRate', 'HTTP Request 4.2, Batching 50 per 1,000 ms (hand-tuned to the rate)', {
	batchSize: 50,
	batchInterval: 1000,
});

export const DIGITALOCEAN: Variant = {
	key: 'digitalOcean',
	label: "DigitalOcean's node 1.0.6, defaults",
	node: (_url, credentials) => ({
		type: '@digitalocean/n8n-nodes-digitalocean-gradient-serverless-inference.digitalOceanGradientServerlessInference',
		typeVersion: 1,
		parameters: { resource: 'text', operation: 'complete', model: MODEL, inputType: 'prompt', prompt: '={{ $json.prompt }}' },
		credentials: { digitalOceanServerlessInferenceApi: credentials.digitalOcean },
		...continueOnError,
	}),
	answered: hasChoices,
};

/** A workflow id n8n accepts (16 characters), one per variant and N. */
export const workflowId = (variant: Variant, items: number) =>
	`b${variant.key.slice(0, 5).padEnd(5, 'x')}${String(items).padStart(10, '0')}`;

/**
 * `n8n execute` runs the workflow while n8n is still starting (its task runner among others, on
 * the same cores): a Wait first lets that settle, so that the figure is the node's, as in an n8n
 * that is already running.
 */
export const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_S ?? 5);

export function benchWorkflow(variant: Variant, items: number, standInUrl: string, credentials: BenchCredentials): IDataObject {
	return {
		id: workflowId(variant, items),
		name: `bench ${variant.key} N=${items}`,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			Start: { main: [[{ node: 'Let n8n finish starting', type: 'main', index: 0 }]] },
			'Let n8n finish starting': { main: [[{ node: 'Prompts', type: 'main', index: 0 }]] },
			Prompts: { main: [[{ node: 'One item per prompt', type: 'main', index: 0 }]] },
			'One item per prompt': { main: [[{ node: CALLER, type: 'main', index: 0 }]] },
		},
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'settle',
				name: 'Let n8n finish starting',
				type: 'n8n-nodes-base.wait',
				typeVersion: 1.1,
				position: [100, 0],
				parameters: { amount: SETTLE_SECONDS, unit: 'seconds' },
			},
			{
				id: 'prompts',
				name: 'Prompts',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: {
					assignments: {
						assignments: [
							{ id: 'p1', name: 'prompts', type: 'array', value: `={{ Array.from({ length: ${items} }, (_, i) => 'bench prompt ' + i) }}` },
						],
					},
					options: {},
				},
			},
			{
				id: 'split',
				name: 'One item per prompt',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 0],
				parameters: { fieldToSplitOut: 'prompts', options: { destinationFieldName: 'prompt' } },
			},
			{ id: 'caller', name: CALLER, position: [600, 0], ...variant.node(standInUrl, credentials) },
		],
	};
}
