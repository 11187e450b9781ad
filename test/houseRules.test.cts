// The house rules, checked on the node as n8n loads it: every operation, today's and any
// added later, goes through the one request path. An operation wired by hand would silently
// get no retries, no concurrency slot, no pairedItem, and would send a request whose input
// check failed; this test names it instead.
import type {
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

import nock from 'nock';

import { agentParameters } from './harness/agent.cjs';
import { TEST_AGENT_ENDPOINT } from './harness/agentCredentials.cjs';
import { intercept } from './harness/api.cjs';
import { CHAT_MODEL_NODE_TYPE } from './harness/chatModel.cjs';
import { EMBEDDINGS_NODE_TYPE } from './harness/embeddings.cjs';
import { loadPackage, NODE_TYPE } from './harness/package.cjs';
import { batchCreateParameters, batchParameters, chatParameters, embeddingParametersWithText, imageParameters, jobParameters, jobStartParameters } from './harness/parameters.cjs';
import { runNode } from './harness/runNode.cjs';
import { ON_REQUEST_PATH } from '../nodes/shared/transport/request';

type Routing = NonNullable<INodeProperties['routing']>;
type Hook = { name: string } | object;

const hookName = (hook: Hook) => ('name' in hook && typeof hook.name === 'string' ? hook.name : 'a declarative action');

/** Every field of the description, collections' fields included, with the path to it. */
function* fieldsOf(properties: INodeProperties[], path = ''): Generator<[string, INodeProperties]> {
	for (const property of properties) {
		const here = `${path}${property.name}`;
		yield [here, property];
		if (property.type === 'options' && property.name !== 'operation') {
			// RoutingNode also runs the routing of an options field's chosen value (the operations are checked apart).
			for (const option of (property.options ?? []) as INodePropertyOptions[]) {
				if (option.routing) yield [`${here}=${String(option.value)}`, { ...property, routing: option.routing }];
			}
		}
		if (property.type !== 'collection' && property.type !== 'fixedCollection') continue;
		for (const option of (property.options ?? []) as Array<INodeProperties | INodePropertyCollection>) {
			if ('values' in option) yield* fieldsOf(option.values, `${here}.${option.name}.`);
			else yield* fieldsOf([option as INodeProperties], `${here}.`);
		}
	}
}

function unwrappedHooks(routing: Routing | undefined): string[] {
	return (routing?.send?.preSend ?? []).map(hookName).filter((name) => !name.startsWith(`${ON_REQUEST_PATH}(`));
}

/** What is wrong with the description, one sentence per broken rule; empty when all hold. */
export function houseRuleViolations(description: INodeTypeDescription): string[] {
	const violations: string[] = [];
	const pagination = description.requestOperations?.pagination;
	if (typeof pagination !== 'function' || pagination.name !== 'sendRequest') {
		violations.push('requestOperations.pagination is not sendRequest, the request path');
	}

	const operationFields = description.properties.filter(({ name }) => name === 'operation');
	if (operationFields.length === 0) violations.push('the node has no Operation field');
	for (const field of operationFields) {
		const resource = field.displayOptions?.show?.resource?.[0];
		if (typeof resource !== 'string') violations.push('an Operation field is not shown for one resource');
		for (const option of (field.options ?? []) as INodePropertyOptions[]) {
			const operation = `${String(resource)}:${String(option.value)}`;
			const routing = option.routing;
			if (routing?.send?.paginate !== true) {
				violations.push(`${operation} does not set send.paginate, so sendRequest never sees its request`);
			}
			for (const name of unwrappedHooks(routing)) {
				violations.push(`${operation} has a preSend hook (${name}) that is not on the request path`);
			}
			const first = routing?.output?.postReceive?.[0];
			if (!first || !['rejectUnsuccessfulAnswer', 'rejectUnsuccessfulAnswerOrList'].includes(hookName(first))) {
				violations.push(`${operation} does not let rejectUnsuccessfulAnswer see the answer first`);
			}
			if (!option.action) violations.push(`${operation} has no action text`);
			if (!String(description.subtitle).includes(JSON.stringify(operation))) {
				violations.push(`${operation} is missing from the subtitle`);
			}
		}
	}

	for (const [path, field] of fieldsOf(description.properties)) {
		for (const name of unwrappedHooks(field.routing)) {
			violations.push(`the field ${path} has a preSend hook (${name}) that is not on the request path`);
		}
	}
	return violations;
}

/** A deep copy that keeps the hooks (functions) themselves, so a test may break it freely. */
function copyOf<T>(value: T): T {
	if (Array.isArray(value)) return value.map(copyOf) as T;
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(Object.entries(value).map(([key, each]) => [key, copyOf(each)])) as T;
}

async function builtDescription(): Promise<INodeTypeDescription> {
	return copyOf((await loadPackage()).nodeType.description);
}

describe('house rules', () => {
	it('hold for every operation of the node as n8n loads it', async () => {
		const description = await builtDescription();
		expect(houseRuleViolations(description)).toEqual([]);
	});

	it('name an operation wired by hand, without the request path', async () => {
		const description = await builtDescription();
		const chatOperations = description.properties.find(
			({ name, displayOptions }) => name === 'operation' && displayOptions?.show?.resource?.[0] === 'chat',
		)!;
		(chatOperations.options as INodePropertyOptions[]).push({
			name: 'Hand Wired',
			value: 'handWired',
			routing: {
				request: { method: 'POST', url: '/v1/embeddings' },
				send: { preSend: [async function sendInput(options) { return options; }] },
				output: { postReceive: [async function toItems(items) { return items; }] },
			},
		});
		expect(houseRuleViolations(description)).toEqual([
			'chat:handWired does not set send.paginate, so sendRequest never sees its request',
			'chat:handWired has a preSend hook (sendInput) that is not on the request path',
			'chat:handWired does not let rejectUnsuccessfulAnswer see the answer first',
			'chat:handWired has no action text',
			'chat:handWired is missing from the subtitle',
		]);
	});

	it('name a field or an option whose check was added by hand, and a node without the request path', async () => {
		const description = await builtDescription();
		const prompt = description.properties.find(({ name }) => name === 'prompt')!;
		prompt.routing = { send: { preSend: [async function checkPrompt(options) { return options; }] } };
		const inputType = description.properties.find(({ name }) => name === 'inputType')!;
		(inputType.options as INodePropertyOptions[])[0].routing = {
			send: { preSend: [async function sendRows(options) { return options; }] },
		};
		delete description.requestOperations;
		expect(houseRuleViolations(description)).toEqual([
			'requestOperations.pagination is not sendRequest, the request path',
			'the field inputType=messages has a preSend hook (sendRows) that is not on the request path',
			'the field prompt has a preSend hook (checkPrompt) that is not on the request path',
		]);
	});
});

/** Parameters with which each operation sends a request: every operation needs a row here. */
const SENDING: Record<string, INodeParameters> = {
	'agent:message': agentParameters(),
	'batch:cancel': batchParameters('cancel', 'b-1'),
	'batch:create': batchCreateParameters({ prompt: 'Hello' }),
	'batch:get': batchParameters('get', 'b-1'),
	'batch:getAll': { resource: 'batch', operation: 'getAll' },
	'batch:getResults': batchParameters('getResults', 'b-1'),
	'chat:complete': chatParameters(),
	'embedding:create': embeddingParametersWithText('A text to embed'),
	'image:generate': imageParameters(),
	'job:getResult': jobParameters('getResult', 'job-1'),
	'job:getStatus': jobParameters('getStatus', 'job-1'),
	'job:start': jobStartParameters(),
	'model:getAll': { resource: 'model', operation: 'getAll' },
};

/** Operations whose request is sent again only when the API turned it away (a fal job costs money: a 502 may come after it was queued). */
const SENT_AGAIN_ONLY_IF_TURNED_AWAY = new Set(['job:start']);

/** Where an operation's request goes when its URL is a template (a job's ID in it), for SENDING's parameters. */
const SENT_TO: Record<string, string> = {
	'batch:cancel': '/v1/batches/b-1/cancel',
	'batch:get': '/v1/batches/b-1',
	'batch:getAll': '/v1/batches?limit=50',
	'batch:getResults': '/v1/batches/b-1',
	'job:getResult': '/v1/async-invoke/job-1',
	'job:getStatus': '/v1/async-invoke/job-1/status',
};

/** Where an operation's requests go when not to the credential's Base URL: an agent's endpoint, with its own words for a failure. */
const ELSEWHERE: Record<string, { host: string; failed: string }> = {
	'agent:message': { host: TEST_AGENT_ENDPOINT, failed: 'The agent failed (HTTP 503) (gave up after 2 attempts)' },
};

/** What an operation asks for before its own request (Batch → Create: the batch file, uploaded). */
const BEFORE: Record<string, () => void> = {
	'batch:create': () => {
		intercept('post', '/v1/batches/files', { status: 201, body: { file_id: 'f-1', upload_url: 'https://uploads.example.com/f-1?X-Amz-Signature=s' } });
		nock('https://uploads.example.com').put('/f-1').query(true).reply(200, '');
	},
};

/** Each operation of the description with its request, as "resource:operation". */
function operationsOf(description: INodeTypeDescription) {
	return description.properties
		.filter(({ name }) => name === 'operation')
		.flatMap((field) =>
			(field.options as INodePropertyOptions[]).map((option) => ({
				key: `${String(field.displayOptions?.show?.resource?.[0])}:${String(option.value)}`,
				request: option.routing!.request as { method: string; url: string },
			})),
		);
}

describe('the request path, run through n8n for every operation', () => {
	it('has parameters to send a request for every operation', async () => {
		const keys = operationsOf((await loadPackage()).nodeType.description).map(({ key }) => key);
		expect(Object.keys(SENDING).sort()).toEqual(keys.sort());
	});

	it.each(Object.entries(SENDING))('%s: retries, says how often, and pairs the error item', async (key, parameters) => {
		const { request } = operationsOf((await loadPackage()).nodeType.description).find((each) => each.key === key)!;
		// An operation whose request makes something to pay for is sent again only when it was turned away.
		const [busy, said] = SENT_AGAIN_ONLY_IF_TURNED_AWAY.has(key)
			? [
					{ status: 429, body: { id: 'too_many_requests', message: 'Slow down.' }, headers: { 'retry-after': '0' } },
					'Rate limit reached: DigitalOcean is receiving too many requests from this key (gave up after 2 attempts)',
				]
			: [{ status: 503, body: { id: 'server_error', message: 'Try again later.' } }, ELSEWHERE[key]?.failed ?? "DigitalOcean's inference service failed (HTTP 503) (gave up after 2 attempts)"];
		BEFORE[key]?.();
		const requests = intercept(request.method.toLowerCase() as 'get' | 'post', SENT_TO[key] ?? request.url, busy, 2, ELSEWHERE[key]?.host);
		const { items } = await runNode({
			parameters: { ...parameters, requestOptions: { maxRetries: 1 } },
			onError: 'continueRegularOutput',
		});

		expect(requests).toHaveLength(2);
		expect(items.map(({ json, pairedItem }) => ({ json, pairedItem }))).toEqual([{ json: { error: said }, pairedItem: { item: 0 } }]);
	});
});

describe('the Model pickers of every node', () => {
	// The editor shows a resource locator mode's own hint in place of the field's (ParameterInputWrapper):
	// what the list holds is said in the list mode, and the ID mode, which has no list, does not repeat it.
	it('tell what the list holds beside the list only', async () => {
		const { nodeTypes } = await loadPackage();
		const misplaced = [NODE_TYPE, CHAT_MODEL_NODE_TYPE, EMBEDDINGS_NODE_TYPE].flatMap((type) => {
			const { displayName, properties } = nodeTypes.getByNameAndVersion(type, 1).description;
			return [...fieldsOf(properties)]
				.filter(([, field]) => field.type === 'resourceLocator')
				.flatMap(([path, field]) => {
					const where = `${displayName}: ${path} ${JSON.stringify(field.displayOptions?.show ?? {})}`;
					const list = field.modes?.find(({ name }) => name === 'list');
					return [
						...(list && !list.hint ? [`${where}: the list mode has no hint`] : []),
						...(/\blist\b/i.test(field.hint ?? '') ? [`${where}: the field's hint, shown in the ID mode too, speaks of the list`] : []),
					];
				});
		});
		expect(misplaced).toEqual([]);
	});
});
