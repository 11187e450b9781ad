// Inference routers through n8n's engine: a router entered by ID as the model, the model it
// picked and the task it matched on each item, Model Affinity pinning a conversation (on Chat →
// Message a Model and on the Chat Model sub-node), and an unknown router's error.
import type { INodeParameters } from 'n8n-workflow';

import { completion, interceptChat } from './harness/api.cjs';
import { supplyChatModel } from './harness/chatModel.cjs';
import { canvasSubtitle } from './harness/editor.cjs';
import { chatParameters } from './harness/parameters.cjs';
import { runNode, TEST_KEY, testCredentials } from './harness/runNode.cjs';
import { useStandIn } from './harness/standIn.cjs';

const stand = useStandIn();
const onStandIn = () => testCredentials({ baseUrl: stand.current.url, apiKey: stand.current.key });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const anyUsage = expect.objectContaining({ total_tokens: expect.any(Number) });

/** Chat → Message a Model with a router as the model, one item per question (its `question` and `session`). */
async function askRouter(router: string, questions: string[], options: INodeParameters = {}, more: INodeParameters = {}) {
	return await runNode({
		parameters: chatParameters({ model: byId(router), prompt: '={{ $json.question }}', options, ...more }),
		input: questions.map((question) => ({ json: { question, session: 'conversation-1' } })),
		credentials: onStandIn(),
	});
}

describe('Chat → Message a Model with an inference router', () => {
	it('outputs the model the router picked and the task it matched', async () => {
		const { items, error } = await askRouter('router:software-engineering', ['Fix the bug in this function']);
		expect(error).toBeUndefined();
		expect(items.map(({ json }) => json)).toEqual([
			{
				content: 'Echo from openai-gpt-4o: Fix the bug in this function',
				finish_reason: 'stop',
				model: 'openai-gpt-4o',
				route: 'Code Generation',
				usage: anyUsage,
			},
		]);
	});

	it('outputs no route when no task matched and the fallback model answered', async () => {
		const { items } = await askRouter('inference-router', ['What is the capital of France?']);
		expect(items.map(({ json }) => json)).toEqual([
			{ content: 'Echo from llama3.3-70b-instruct: What is the capital of France?', finish_reason: 'stop', model: 'llama3.3-70b-instruct', usage: anyUsage },
		]);
	});

	it('hides the model access key where a route header quotes it, as in any answer', async () => {
		interceptChat({ body: completion({ content: 'ok' }), headers: { 'x-model-router-selected-route': `Route for ${TEST_KEY}` } });
		const { items, run } = await runNode({ parameters: chatParameters({ model: { __rl: true, mode: 'id', value: 'inference-router' } }) });
		expect(items[0].json.route).toBe('Route for [redacted]');
		expect(JSON.stringify(run)).not.toContain(TEST_KEY);
	});

	it('returns the answer as it came with Simplify off: the picked model, and no header to read', async () => {
		const { items } = await askRouter('inference-router', ['Write a Python function'], {}, { simplify: false });
		expect(items[0].json).toMatchObject({ object: 'chat.completion', model: 'openai-gpt-4o' });
		expect(items[0].json).not.toHaveProperty('route');
	});

	it('pins every item of a conversation to the model picked for its first, with Model Affinity', async () => {
		const { items } = await askRouter('inference-router', ['Debug my code', 'Summarize this article'], {
			modelAffinity: '={{ $json.session }}',
		}, { requestOptions: { maxConcurrentRequests: 1 } });
		expect(items.map(({ json }) => [json.model, json.route, json.content])).toEqual([
			['openai-gpt-4o', 'Code Generation', 'Echo from openai-gpt-4o: Debug my code'],
			['openai-gpt-4o', 'Code Generation', 'Echo from openai-gpt-4o: Summarize this article'],
		]);
		expect(stand.current.stats().byAffinity).toEqual({ 'conversation-1': { model: 'openai-gpt-4o', route: 'Code Generation', requests: 2 } });
	});

	it('lets each item be routed by itself without Model Affinity', async () => {
		const { items } = await askRouter('inference-router', ['Debug my code', 'Summarize this article'], {}, { requestOptions: { maxConcurrentRequests: 1 } });
		expect(items.map(({ json }) => json.model)).toEqual(['openai-gpt-4o', 'anthropic-claude-3.5-haiku']);
		expect(stand.current.stats()).toMatchObject({ routedRequests: 2, byAffinity: {} });
	});

	it('fails an unknown router with the error of an unknown model, naming it', async () => {
		const { error } = await askRouter('router:x', ['Hello']);
		expect(error).toMatchObject({
			message: 'Model "router:x" was not found',
			description: 'DigitalOcean said: The model "router:x" does not exist or is not available to this key. Pick a model from the list, or check the model ID.',
		});
	});

	it.each(['router:software-engineering', 'inference-router'])('names %s on the canvas', async (router) => {
		expect(await canvasSubtitle({ resource: 'chat', operation: 'complete', model: byId(router) })).toBe(`Message a model: ${router}`);
	});
});

describe('Model Affinity, as sent', () => {
	const affinityHeaderSent = async (modelAffinity?: string) => {
		const requests = interceptChat({ body: completion({ content: 'ok' }) });
		const { error } = await runNode({ parameters: chatParameters({ model: byId('inference-router'), options: modelAffinity === undefined ? {} : { modelAffinity } }) });
		expect(error).toBeUndefined();
		return requests[0].headers['x-model-affinity'];
	};

	it('is the X-Model-Affinity header, trimmed, and nothing in the body', async () => {
		const requests = interceptChat({ body: completion({ content: 'ok' }) });
		await runNode({ parameters: chatParameters({ model: byId('inference-router'), options: { modelAffinity: '  session-7 ' } }) });
		expect(requests[0].headers['x-model-affinity']).toBe('session-7');
		expect(requests[0].body).toEqual({ model: 'inference-router', messages: [{ role: 'user', content: 'What is the capital of France?' }] });
	});

	it.each([['not added', undefined], ['empty', ''], ['blank', '   ']])('is not sent when %s', async (_, value) => {
		expect(await affinityHeaderSent(value)).toBeUndefined();
	});

	it('sends a number given by an expression as its text', async () => {
		expect(await affinityHeaderSent('={{ 42 }}')).toBe('42');
	});

	it('refuses a value a header cannot carry, naming the field, and sends nothing', async () => {
		const requests = interceptChat({ body: completion({ content: 'ok' }) });
		const { error } = await runNode({ parameters: chatParameters({ options: { modelAffinity: 'line\nbreak' } }) });
		expect(error?.message).toBe('Model Affinity: has a line break or another character an HTTP header cannot carry [item 0]');
		expect(requests).toHaveLength(0);
	});
});

describe('the Chat Model sub-node with an inference router', () => {
	const routerModel = (options: INodeParameters) =>
		supplyChatModel({ model: { __rl: true, mode: 'id', value: 'inference-router' }, options }, onStandIn());

	it('sends Model Affinity with each of its requests, so the agent keeps the model picked first', async () => {
		const { model } = await routerModel({ modelAffinity: ' agent-session ' });
		const answers = [await model.invoke('Write a TypeScript function'), await model.invoke('Summarize what you wrote')];

		expect(answers.map(({ content }) => content)).toEqual([
			'Echo from openai-gpt-4o: Write a TypeScript function',
			'Echo from openai-gpt-4o: Summarize what you wrote',
		]);
		expect(stand.current.stats().byAffinity).toEqual({ 'agent-session': { model: 'openai-gpt-4o', route: 'Code Generation', requests: 2 } });
	});

	it('sends no affinity when the option is not added', async () => {
		const { model } = await routerModel({});
		await model.invoke('Summarize this');
		expect(stand.current.stats()).toMatchObject({ routedRequests: 1, byAffinity: {} });
	});

	it('refuses a value a header cannot carry, naming the field', async () => {
		await expect(routerModel({ modelAffinity: 'a\r\nb' })).rejects.toThrow('Model Affinity: has a line break or another character an HTTP header cannot carry');
	});
});
