import { chatParameters } from './harness/parameters';
import { runNode, testCredentials } from './harness/runNode';
import { useStandIn } from './harness/standIn';

const stand = useStandIn();

async function call(path: string, body?: unknown, key = stand.current.key) {
	const response = await fetch(`${stand.current.url}${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json: json as Record<string, any> };
}

const ask = (content: string, extra: Record<string, unknown> = {}) =>
	call('/v1/chat/completions', { model: 'llama3.3-70b-instruct', messages: [{ role: 'user', content }], ...extra });

describe('the stand-in API', () => {
	it('rejects a wrong key with DigitalOcean\'s 401 body', async () => {
		const { status, json } = await call('/v1/models', undefined, 'wrong');
		expect(status).toBe(401);
		expect(json).toEqual({ id: 'unauthorized', message: 'Unable to authenticate you.' });
	});

	it('lists chat, embedding and image models together', async () => {
		const { status, json } = await call('/v1/models');
		expect(status).toBe(200);
		expect(json.object).toBe('list');
		const ids = json.data.map((model: { id: string }) => model.id);
		expect(ids).toEqual(expect.arrayContaining(['llama3.3-70b-instruct', 'qwen3-embedding-0.6b', 'openai-gpt-image-1']));
	});

	it('answers a chat deterministically, with usage', async () => {
		const first = await ask('Hello there');
		const second = await ask('Hello there');
		expect(first.json).toEqual(second.json);
		expect(first.json.choices[0]).toEqual({
			index: 0,
			finish_reason: 'stop',
			logprobs: null,
			message: {
				role: 'assistant',
				content: 'Echo from llama3.3-70b-instruct: Hello there',
				refusal: null,
				reasoning_content: null,
				tool_calls: null,
			},
		});
		expect(first.json.usage).toEqual({ prompt_tokens: 3, completion_tokens: 11, total_tokens: 14 });
	});

	it('calls a tool when tools are offered and asked for, then answers its result', async () => {
		const tools = [
			{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
		];
		const call1 = await ask('Use get_weather for Paris', { tools });
		expect(call1.json.choices[0].finish_reason).toBe('tool_calls');
		expect(call1.json.choices[0].message.tool_calls).toEqual([
			{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Use get_weather for Paris"}' } },
		]);
		const answer = await call('/v1/chat/completions', {
			model: 'llama3.3-70b-instruct',
			tools,
			messages: [
				{ role: 'user', content: 'Use get_weather for Paris' },
				{ role: 'assistant', content: null, tool_calls: call1.json.choices[0].message.tool_calls },
				{ role: 'tool', tool_call_id: 'call_1', content: '21 °C' },
			],
		});
		expect(answer.json.choices[0].message.content).toBe('The tool answered: 21 °C');
		const notAsked = await ask('Hello', { tools });
		expect(notAsked.json.choices[0].finish_reason).toBe('stop');
	});

	it('streams the answer as server-sent events when asked, and counts it', async () => {
		const streamed = await ask('Hello there', { stream: true, stream_options: { include_usage: true } });
		expect(streamed.headers.get('content-type')).toBe('text/event-stream');
		const events = streamed.text.trim().split('\n\n');
		expect(events.at(-1)).toBe('data: [DONE]');
		const chunks = events.slice(0, -1).map((event) => JSON.parse(event.replace(/^data: /, '')));
		expect(chunks.map(({ choices }) => choices[0]?.delta)).toEqual([
			{ role: 'assistant', content: 'Echo from llama3.3-70b-instruct: Hello there' },
			{},
			undefined,
		]);
		expect(chunks.at(-1).usage).toEqual({ prompt_tokens: 3, completion_tokens: 11, total_tokens: 14 });
		expect(stand.current.stats()).toMatchObject({ completions: 1, streamed: 1 });
	});

	it('answers with an empty role, streamed or not, when told to, as DigitalOcean has been seen to', async () => {
		stand.current.configure({ emptyRole: true });
		expect((await ask('Hi')).json.choices[0].message.role).toBe('');
		const firstChunk = JSON.parse((await ask('Hi', { stream: true })).text.split('\n\n')[0].replace(/^data: /, ''));
		expect(firstChunk.choices[0].delta.role).toBe('');
	});

	it('answers an unknown model with 404', async () => {
		const { status, json } = await call('/v1/chat/completions', { model: 'gpt-9', messages: [{ role: 'user', content: 'x' }] });
		expect(status).toBe(404);
		expect(json).toEqual({ id: 'not_found', message: 'The model "gpt-9" does not exist or is not available to this key.' });
	});

	it('answers 429 with Retry-After and x-ratelimit headers beyond its request rate', async () => {
		stand.current.configure({ ratePerSecond: 2 });
		const statuses: number[] = [];
		let limited: Awaited<ReturnType<typeof ask>> | undefined;
		for (let i = 0; i < 6; i++) {
			const response = await ask(`q${i}`);
			statuses.push(response.status);
			if (response.status === 429) limited ??= response;
		}
		// Six quick requests span at most two one-second windows, of two requests each.
		expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(2);
		expect(limited!.json).toEqual({ id: 'too_many_requests', message: 'API rate limit exceeded.' });
		expect(limited!.headers.get('retry-after')).toBe('1');
		expect(limited!.headers.get('x-ratelimit-limit-requests')).toBe('2');
		expect(limited!.headers.get('x-ratelimit-remaining-requests')).toBe('0');
		expect(Number(limited!.headers.get('x-ratelimit-reset-requests'))).toBeGreaterThan(1_700_000_000);
	});

	it('answers 429 beyond its cap on requests in flight', async () => {
		stand.current.configure({ maxConcurrent: 2, latencyMs: 200 });
		const statuses = (await Promise.all(['a', 'b', 'c', 'd'].map((q) => ask(q)))).map((r) => r.status);
		expect(statuses.sort()).toEqual([200, 200, 429, 429]);
		expect(stand.current.stats().completions).toBe(2);
	});

	it('injects faults: the next N requests, or every Nth', async () => {
		stand.current.configure({ faults: [{ kind: 'status', status: 503, next: 1 }, { kind: 'html', every: 3 }] });
		const first = await ask('1');
		const second = await ask('2');
		const third = await ask('3');
		expect([first.status, second.status, third.status]).toEqual([503, 200, 502]);
		expect(first.json).toEqual({ id: 'server_error', message: 'The server is temporarily unable to handle the request.' });
		expect(third.headers.get('content-type')).toMatch(/text\/html/);

		stand.current.configure({ faults: [{ kind: 'drop', next: 1 }] });
		await expect(ask('4')).rejects.toThrow();
		expect(stand.current.stats().dropped).toBe(1);
	});

	it('counts what it served, per prompt', async () => {
		await ask('alpha');
		await ask('alpha');
		await ask('beta');
		expect(stand.current.stats()).toMatchObject({
			chatRequests: 3,
			completions: 3,
			servedByPrompt: { alpha: 2, beta: 1 },
			byStatus: { 200: 3 },
		});
	});

	it('serves our node through n8n\'s engine', async () => {
		const { items, error } = await runNode({
			parameters: chatParameters({ prompt: 'Hi from n8n', options: { n: 2 } }),
			credentials: testCredentials({ baseUrl: stand.current.url, apiKey: stand.current.key }),
		});
		expect(error).toBeUndefined();
		expect(items.map(({ json }) => json.content)).toEqual([
			'Echo from llama3.3-70b-instruct: Hi from n8n',
			'Echo from llama3.3-70b-instruct: Hi from n8n',
		]);
	});
});
