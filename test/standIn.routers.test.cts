// The stand-in's inference routers (dev/stand-in/routers.js): a router named as the model picks
// the model that answers by what the last user message asks, says the task in a header, and
// X-Model-Affinity pins later requests to the first one's pick.
import { postToStandIn, useStandIn } from './harness/standIn.cjs';

const stand = useStandIn();

const ROUTE_HEADER = 'x-model-router-selected-route';

const ask = (model: string, question: string, headers: Record<string, string> = {}) =>
	postToStandIn(stand.current, '/v1/chat/completions', { model, messages: [{ role: 'user', content: question }] }, headers);

describe('inference routers in the stand-in', () => {
	it.each(['inference-router', 'router:software-engineering', 'router:general'])('%s lets the task\'s model answer and names the task', async (router) => {
		const code = await ask(router, 'Fix the bug in this function');
		expect(code.status).toBe(200);
		expect(code.json.model).toBe('openai-gpt-4o');
		expect(code.json.choices[0].message.content).toBe('Echo from openai-gpt-4o: Fix the bug in this function');
		expect(code.headers.get(ROUTE_HEADER)).toBe('Code Generation');

		const summary = await ask(router, 'Summarize this review: great, but slow.');
		expect(summary.json.model).toBe('anthropic-claude-3.5-haiku');
		expect(summary.headers.get(ROUTE_HEADER)).toBe('Summarization');
	});

	it('sends a question no task matches to the fallback model, without the route header', async () => {
		const { status, json, headers } = await ask('inference-router', 'What is the capital of France?');
		expect(status).toBe(200);
		expect(json.model).toBe('llama3.3-70b-instruct');
		expect(headers.get(ROUTE_HEADER)).toBeNull();
		expect(stand.current.stats()).toMatchObject({ routedRequests: 1, byAffinity: {} });
	});

	it('routes /v1/responses too', async () => {
		const { json, headers } = await postToStandIn(stand.current, '/v1/responses', { model: 'router:general', input: 'Write a Python function' });
		expect(json.model).toBe('openai-gpt-4o');
		expect(headers.get(ROUTE_HEADER)).toBe('Code Generation');
	});

	it('pins the requests with the same X-Model-Affinity to the first one\'s model and task, whatever they ask', async () => {
		const pinned = { 'X-Model-Affinity': 'session-1' };
		const first = await ask('inference-router', 'Debug my code', pinned);
		const second = await ask('inference-router', 'Summarize this article', pinned);
		const unpinned = await ask('inference-router', 'Summarize this article');

		expect([first, second].map(({ json, headers }) => [json.model, headers.get(ROUTE_HEADER)])).toEqual([
			['openai-gpt-4o', 'Code Generation'],
			['openai-gpt-4o', 'Code Generation'],
		]);
		expect(second.json.choices[0].message.content).toBe('Echo from openai-gpt-4o: Summarize this article');
		expect(unpinned.json.model).toBe('anthropic-claude-3.5-haiku');
		expect(stand.current.stats()).toMatchObject({
			routedRequests: 3,
			byAffinity: { 'session-1': { model: 'openai-gpt-4o', route: 'Code Generation', requests: 2 } },
		});
	});

	it('forgets the pinned picks on reset', async () => {
		await ask('inference-router', 'Hello', { 'X-Model-Affinity': 'session-2' });
		stand.current.reset();
		const after = await ask('inference-router', 'Write some code', { 'X-Model-Affinity': 'session-2' });
		expect(after.json.model).toBe('openai-gpt-4o');
	});

	it('answers an unknown router as an unknown model', async () => {
		const { status, json } = await ask('router:x', 'Hello');
		expect(status).toBe(404);
		expect(json).toEqual({ id: 'not_found', message: 'The model "router:x" does not exist or is not available to this key.' });
	});

	it('does not list routers among the models', async () => {
		const response = await fetch(`${stand.current.url}/v1/models`, { headers: { authorization: `Bearer ${stand.current.key}` } });
		const ids = ((await response.json()) as { data: Array<{ id: string }> }).data.map(({ id }) => id);
		expect(ids.filter((id) => id === 'inference-router' || id.startsWith('router:'))).toEqual([]);
	});
});
