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
	/** Nodes a user needs around the caller (e.g. Aggregate before, Split Out after); timed with it. */
	around?: { before?: IDataObject[]; after?: IDataObject[] };
	/** Words of padding in each prompt (long prompts for a tokens-per-minute quota). */
	promptWords?: number;
}

/** The nodes timed for a variant, in order: those around the caller, and the caller. */
export const timedNodes = (variant: Variant): string[] => [
	...(variant.around?.before ?? []).map((node) => node.name as string),
	CALLER,
	...(variant.around?.after ?? []).map((node) => node.name as string),
];

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

export const httpVariant = (key: string, label: string, batching?: { batchSize: number; batchInterval: number }): Variant => ({
	key,
	label,
	node: httpRequest(batching),
	answered: hasChoices,
});

/** The same caller with prompts of about 2,000 tokens each (`key`: a new 5-character key). */
export const withLongPrompts = (variant: Variant, key: string): Variant => ({ ...variant, key, label: `${variant.label}, 2,000-token prompts`, promptWords: LONG_PROMPT_WORDS });

/** Words of padding that make a prompt of about 2,000 tokens (the stand-in counts 4 characters a token). */
export const LONG_PROMPT_WORDS = 1600;

/** The padding of a long prompt, as the workflow's expression builds it. */
export const PADDING_WORD = 'lorem';

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

export const EMBEDDING_MODEL = 'qwen3-embedding-0.6b';

const isVector = (json: IDataObject) => Array.isArray(json.embedding) && json.embedding.length > 0;

const embedWithOurs = (key: string, label: string, text: IDataObject): Variant => ({
	key,
	label,
	node: (_url, credentials) => ({
		type: 'n8n-nodes-digitalocean-gradient.digitalOceanGradient',
		typeVersion: 1,
		parameters: {
			resource: 'embedding',
			operation: 'create',
			model: { __rl: true, mode: 'id', value: EMBEDDING_MODEL },
			...text,
			options: {},
		},
		credentials: { digitalOceanGradientApi: credentials.ours },
		...continueOnError,
	}),
	answered: isVector,
});

export const EMBED_OURS = embedWithOurs('eOurs', 'this node, Embedding → Create, defaults (text from a field, Batch Size 100)', {
	textFrom: 'field',
	textField: 'prompt',
});

export const EMBED_OURS_EXPRESSION = embedWithOurs('eExpr', 'this node, Embedding → Create, text by expression {{ $json.prompt }}', {
	textFrom: 'define',
	text: '={{ $json.prompt }}',
});

const httpEmbeddings = (input: string, batching?: { batchSize: number; batchInterval: number }) =>
	(standInUrl: string, credentials: BenchCredentials): IDataObject => ({
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${standInUrl}/v1/embeddings`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ model: '${EMBEDDING_MODEL}', input: ${input} }) }}`,
			options: batching ? { batching: { batch: batching } } : {},
		},
		credentials: { httpHeaderAuth: credentials.headerAuth },
		...continueOnError,
	});

/** One request per item, Batching set by hand to what the API admits. */
export const EMBED_HTTP_TUNED: Variant = {
	key: 'eHttp',
	label: 'HTTP Request 4.2, one request per item, Batching 8 per 100 ms (hand-tuned)',
	node: httpEmbeddings('$json.prompt', { batchSize: 8, batchInterval: 100 }),
	answered: (json) => Array.isArray(json.data) && json.data.length === 1,
};

/** What a user who knows the API builds by hand: all texts in one request, then one item per vector (no pairing back). */
export const EMBED_HTTP_ONE_REQUEST: Variant = {
	key: 'eAggr',
	label: 'Aggregate → HTTP Request 4.2 (all texts in one request) → Split Out',
	node: httpEmbeddings('$json.prompt'),
	answered: isVector,
	around: {
		before: [
			{
				id: 'aggregate',
				name: 'All texts in one item',
				type: 'n8n-nodes-base.aggregate',
				typeVersion: 1,
				parameters: { fieldsToAggregate: { fieldToAggregate: [{ fieldToAggregate: 'prompt' }] }, options: {} },
			},
		],
		after: [
			{
				id: 'vectors',
				name: 'One item per vector',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				parameters: { fieldToSplitOut: 'data', options: {} },
			},
		],
	},
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
	const { before = [], after = [] } = variant.around ?? {};
	const chain: IDataObject[] = [
		...before,
		{ id: 'caller', name: CALLER, ...variant.node(standInUrl, credentials) },
		...after,
	].map((node, index) => ({ position: [600 + 200 * index, 0], ...node }));
	const chainConnections = Object.fromEntries(
		chain.slice(0, -1).map((node, index) => [node.name as string, { main: [[{ node: chain[index + 1].name, type: 'main', index: 0 }]] }]),
	);
	return {
		id: workflowId(variant, items),
		name: `bench ${variant.key} N=${items}`,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			Start: { main: [[{ node: 'Let n8n finish starting', type: 'main', index: 0 }]] },
			'Let n8n finish starting': { main: [[{ node: 'Prompts', type: 'main', index: 0 }]] },
			Prompts: { main: [[{ node: 'One item per prompt', type: 'main', index: 0 }]] },
			'One item per prompt': { main: [[{ node: chain[0].name, type: 'main', index: 0 }]] },
			...chainConnections,
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
							{
								id: 'p1',
								name: 'prompts',
								type: 'array',
								value: `={{ Array.from({ length: ${items} }, (_, i) => 'bench prompt ' + i${variant.promptWords ? ` + ' ${PADDING_WORD}'.repeat(${variant.promptWords})` : ''}) }}`,
							},
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
			...chain,
		],
	};
}
