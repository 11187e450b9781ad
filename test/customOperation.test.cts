// Chat → Message a model runs as a custom operation (no RoutingNode pass): the same requests,
// items, pairedItem and errors as when RoutingNode runs it, scenario by scenario.
import nock from 'nock';
import type { INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { type CapturedRequest, completion, interceptChat, type Reply } from './harness/api.cjs';
import { loadPackage } from './harness/package.cjs';
import {
	batchCreateParameters,
	batchParameters,
	chatParameters,
	embeddingParameters,
	imageParameters,
	jobParameters,
	jobStartParameters,
} from './harness/parameters.cjs';
import { type NodeRun, runNode, type RunOptions, testCredentials } from './harness/runNode.cjs';
import { useStandIn } from './harness/standIn.cjs';

let nodeType: INodeType;
let customOperations: INodeType['customOperations'];

beforeAll(async () => {
	({ nodeType } = await loadPackage());
	customOperations = nodeType.customOperations;
});
afterEach(() => {
	nodeType.customOperations = customOperations;
});

const answer = (body: unknown): Reply => {
	const { messages } = body as { messages: Array<{ content: string }> };
	const last = messages[messages.length - 1].content;
	if (last.includes('refuse')) return { status: 400, body: { error: { message: 'bad request for ' + last } } };
	return { body: completion({ content: `answer to ${last}` }, { content: '{"a": 1}' }) };
};

const errorOf = (error: unknown) => {
	if (!error) return undefined;
	const { message, description, httpCode, context } = error as { message: string; description?: string; httpCode?: string; context?: unknown };
	return { type: (error as object).constructor.name, message, description, httpCode, context };
};

const shapeOf = (run: NodeRun, requests: CapturedRequest[]) => ({
	items: run.items.map((item: INodeExecutionData) => ({ json: item.json, pairedItem: item.pairedItem, error: errorOf(item.error) })),
	error: errorOf(run.error),
	requests: requests
		.map(({ path, body, headers }) => ({ path, body, accept: headers.accept, authorization: headers.authorization, type: headers['content-type'] }))
		.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
});

async function bothWays(options: RunOptions) {
	const shapes = [];
	const ran: boolean[] = [];
	for (const custom of [true, false]) {
		let customRan = false;
		if (custom) {
			const complete = customOperations!.chat.complete;
			nodeType.customOperations = {
				chat: {
					complete: async function (this: ThisParameterType<typeof complete>) {
						customRan = true;
						return await complete.call(this);
					},
				},
			};
		} else nodeType.customOperations = undefined;
		const requests = interceptChat(answer, 20);
		const run = await runNode(options);
		// A node that stopped on an error leaves its items' requests already under way (in RoutingNode too): let them land here, not in the next scenario.
		if (run.error) await new Promise((resolve) => setTimeout(resolve, 200));
		nock.cleanAll();
		ran.push(customRan);
		shapes.push(shapeOf(run, requests));
	}
	expect(ran).toEqual([true, false]);
	return shapes;
}

const inputs = (...texts: string[]): INodeExecutionData[] => texts.map((q) => ({ json: { q } }));
const prompted = (overrides: INodeParameters = {}) => chatParameters({ prompt: '={{ $json.q }}', ...overrides });

const scenarios: Array<[string, RunOptions]> = [
	['three prompts by expression', { parameters: prompted(), input: inputs('a', 'b', 'c') }],
	[
		'every option that routing sends',
		{
			parameters: prompted({
				systemMessage: 'Be brief',
				simplify: false,
				options: {
					temperature: 0.3,
					maxTokens: 55,
					frequencyPenalty: 0.5,
					presencePenalty: -0.5,
					seed: 7,
					n: 2,
					topP: 0.9,
					user: 'someone',
					logprobs: true,
					topLogprobs: 2,
					jsonOutput: false,
					stopSequences: { values: [{ sequence: 'END' }, { sequence: ',' }] },
					metadata: { pair: [{ key: 'workflow', value: 'digest' }] },
					logitBias: '{"50256": -100}',
					tools: { tool: [{ name: 'get_weather', description: 'Weather', parameters: '{"type": "object", "properties": {}}' }] },
					toolChoice: 'function',
					toolChoiceFunctionName: 'get_weather',
					reasoningEffort: 'low',
					maxCompletionTokens: 99,
				},
			}),
			input: inputs('x', 'y'),
		},
	],
	['Output Content as JSON fails an item (continue)', { parameters: prompted({ options: { jsonOutput: true } }), input: inputs('a'), onError: 'continueRegularOutput' }],
	[
		'messages rows',
		{ parameters: chatParameters({ inputType: 'messages', messages: { message: [{ role: 'system', content: 'sys' }, { role: 'user', content: '={{ $json.q }}' }] } }), input: inputs('m1', 'm2') },
	],
	['messages JSON by expression', { parameters: chatParameters({ inputType: 'json', messagesJson: '={{ JSON.stringify([{ role: "user", content: $json.q }]) }}' }), input: inputs('j1', 'j2') }],
	['an empty prompt on one item, stop', { parameters: prompted(), input: inputs('a', ' ', 'c') }],
	['an empty prompt on one item, continue', { parameters: prompted(), input: inputs('a', ' ', 'c'), onError: 'continueRegularOutput' }],
	['an empty prompt on one item, error output', { parameters: prompted(), input: inputs('a', ' ', 'c'), onError: 'continueErrorOutput' }],
	['an API error on one item, stop', { parameters: prompted(), input: inputs('a', 'refuse me', 'c') }],
	['an API error on one item, continue', { parameters: prompted(), input: inputs('a', 'refuse me', 'c'), onError: 'continueRegularOutput' }],
	['a temperature out of range by expression, continue', { parameters: prompted({ options: { temperature: '={{ $json.q === "b" ? 5 : 1 }}' } }), input: inputs('a', 'b'), onError: 'continueRegularOutput' }],
	['a model expression that gives nothing', { parameters: prompted({ model: { __rl: true, mode: 'id', value: '={{ $json.model }}' } }), input: inputs('a') }],
	['a model by expression per item', { parameters: prompted({ model: { __rl: true, mode: 'id', value: '={{ "model-" + $json.q }}' } }), input: inputs('a', 'b') }],
	['Execute Once', { parameters: prompted(), input: inputs('a', 'b', 'c'), settings: { executeOnce: true } }],
	['n8n Batching', { parameters: prompted({ requestOptions: { batching: { batch: { batchSize: 2, batchInterval: 5 } } } }), input: inputs('a', 'b', 'c') }],
	['Max Concurrent Requests 1', { parameters: prompted({ requestOptions: { maxConcurrentRequests: 1 } }), input: inputs('a', 'b', 'c') }],
	['a prompt expression that fails, continue', { parameters: prompted({ prompt: '={{ $json.q.nope.deeper }}' }), input: inputs('a'), onError: 'continueRegularOutput' }],
	['a prompt expression that fails, stop', { parameters: prompted({ prompt: '={{ $json.q.nope.deeper }}' }), input: inputs('a') }],
	['a model expression that fails, continue', { parameters: prompted({ model: { __rl: true, mode: 'id', value: '={{ $json.q.nope.deeper }}' } }), input: inputs('a'), onError: 'continueRegularOutput' }],
	['a model expression that fails, stop', { parameters: prompted({ model: { __rl: true, mode: 'id', value: '={{ $json.q.nope.deeper }}' } }), input: inputs('a') }],
	['a prompt expression that throws, continue', { parameters: prompted({ prompt: '={{ $("No Such Node").item.json.q }}' }), input: inputs('a', 'b'), onError: 'continueRegularOutput' }],
	['a prompt expression that throws, stop', { parameters: prompted({ prompt: '={{ $("No Such Node").item.json.q }}' }), input: inputs('a', 'b') }],
	// RoutingNode reads every parameter before it starts an item: the items after the failing one are never sent.
	['a prompt expression that throws on the second of four items, stop', { parameters: prompted({ prompt: '={{ $json.q === "b" ? $("No Such Node").item.json.q : $json.q }}' }), input: inputs('a', 'b', 'c', 'd') }],
	['a model expression that throws, continue', { parameters: prompted({ model: { __rl: true, mode: 'id', value: '={{ JSON.parse("{") }}' } }), input: inputs('a', 'b'), onError: 'continueRegularOutput' }],
	['a model expression that throws, stop', { parameters: prompted({ model: { __rl: true, mode: 'id', value: '={{ JSON.parse("{") }}' } }), input: inputs('a', 'b') }],
	['a temperature expression that throws on one item, continue', { parameters: prompted({ options: { temperature: '={{ $json.q === "b" ? JSON.parse("{") : 0.5 }}' } }), input: inputs('a', 'b', 'c'), onError: 'continueRegularOutput' }],
	['a hidden field with an expression that throws (System Message under Messages)', { parameters: chatParameters({ inputType: 'messages', systemMessage: '={{ JSON.parse("{") }}', messages: { message: [{ role: 'user', content: 'hi' }] } }), input: inputs('a') }],
	['a Messages row with an expression that throws, continue', { parameters: chatParameters({ inputType: 'messages', messages: { message: [{ role: 'user', content: '={{ JSON.parse("{") }}' }] } }), input: inputs('a'), onError: 'continueRegularOutput' }],
];

describe('Chat → Message a model as a custom operation', () => {
	it.each(scenarios)('matches RoutingNode: %s', async (_name, options) => {
		const [custom, routing] = await bothWays(options);
		if (process.env.SHOW_SHAPES) console.log(_name, JSON.stringify(custom).slice(0, 700));
		expect(custom).toEqual(routing);
	});
});

/** Every other operation, against the stand-in: the same items, binary data, pairedItem, errors and requests both ways. */
describe('every operation as a custom operation', () => {
	const stand = useStandIn();

	// The stand-in's IDs and times differ from run to run.
	const stable = (shape: object) =>
		JSON.parse(
			JSON.stringify(shape)
				.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
				.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<time>'),
		) as object;

	const binaryOf = (item: INodeExecutionData) =>
		item.binary && Object.fromEntries(Object.entries(item.binary).map(([key, { mimeType, fileName, fileSize, fileExtension }]) => [key, { mimeType, fileName, fileSize, fileExtension }]));

	async function bothWaysOnStandIn(options: RunOptions) {
		const shapes = [];
		for (const custom of [true, false]) {
			nodeType.customOperations = custom ? customOperations : undefined;
			stand.current.reset();
			const run = await runNode({ ...options, credentials: testCredentials({ baseUrl: stand.current.url, apiKey: stand.current.key }) });
			const { byRoute, byStatus } = stand.current.stats();
			shapes.push(stable({
				items: run.items.map((item) => ({ json: item.json, binary: binaryOf(item), pairedItem: item.pairedItem, error: errorOf(item.error) })),
				error: errorOf(run.error),
				byRoute,
				byStatus,
			}));
		}
		return shapes;
	}

	const texts = (...values: string[]): INodeExecutionData[] => values.map((text) => ({ json: { text, question: text } }));
	const operations: Array<[string, RunOptions]> = [
		['Embedding → Create', { parameters: embeddingParameters(), input: texts('one', 'two', 'three') }],
		['Embedding → Create, an empty text, continue', { parameters: embeddingParameters(), input: texts('one', '', 'three'), onError: 'continueRegularOutput' }],
		['Image → Generate', { parameters: imageParameters(), input: texts('a', 'b') }],
		['Job → Start, waiting and downloading', { parameters: jobStartParameters(), input: texts('a') }],
		['Job → Start, not waiting', { parameters: jobStartParameters({ waitForCompletion: false }), input: texts('a', 'b') }],
		['Job → Get Status of an unknown job, continue', { parameters: jobParameters('getStatus', 'no-such-job'), input: texts('a'), onError: 'continueRegularOutput' }],
		['Job → Get Result of an unknown job, stop', { parameters: jobParameters('getResult', 'no-such-job'), input: texts('a') }],
		['Model → List', { parameters: { resource: 'model', operation: 'getAll' }, input: texts('a', 'b') }],
		['Batch → Create', { parameters: batchCreateParameters(), input: texts('q1', 'q2', 'q3') }],
		['Batch → Create, an empty prompt, continue', { parameters: batchCreateParameters(), input: texts('q1', ' ', 'q3'), onError: 'continueRegularOutput' }],
		['Batch → Get of an unknown batch, stop', { parameters: batchParameters('get', 'no-such-batch'), input: texts('a') }],
		['Batch → Cancel of an unknown batch, continue', { parameters: batchParameters('cancel', 'no-such-batch'), input: texts('a'), onError: 'continueRegularOutput' }],
		['Batch → List', { parameters: { resource: 'batch', operation: 'getAll' }, input: texts('a') }],
	];

	it.each(operations)('matches RoutingNode: %s', async (_name, options) => {
		const [custom, routing] = await bothWaysOnStandIn(options);
		if (process.env.SHOW_SHAPES) console.log(_name, JSON.stringify(custom).slice(0, 700));
		expect(custom).toEqual(routing);
	});
});
