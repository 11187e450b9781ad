import { chatParameters } from './harness/parameters.cjs';
import { runNode, testCredentials } from './harness/runNode.cjs';
import { useStandIn } from './harness/standIn.cjs';

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

	describe('POST /v1/responses, as DigitalOcean\'s OpenAPI description documents it', () => {
		const respond = (body: Record<string, unknown>) => call('/v1/responses', { model: 'openai-gpt-4o', ...body });

		it('answers a string input with a message output item, Responses usage and the settings echoed', async () => {
			const { status, json } = await respond({ input: 'What is the capital of France?', max_output_tokens: 50, temperature: 0.7, stream: false });
			expect(status).toBe(200);
			expect(json).toEqual({
				id: 'resp_1',
				object: 'response',
				created: 1747247763,
				model: 'openai-gpt-4o',
				status: 'completed',
				output: [
					{
						type: 'message',
						id: 'msg_1',
						status: 'completed',
						role: 'assistant',
						content: [{ type: 'output_text', text: 'Echo from openai-gpt-4o: What is the capital of France?' }],
					},
				],
				usage: {
					input_tokens: 8,
					input_tokens_details: { cached_tokens: 0 },
					output_tokens: 14,
					output_tokens_details: { reasoning_tokens: 0, tool_output_tokens: 0 },
					total_tokens: 22,
				},
				temperature: 0.7,
				top_p: null,
				max_output_tokens: 50,
				tools: [],
				tool_choice: 'auto',
				parallel_tool_calls: true,
				user: null,
			});
			expect(stand.current.stats()).toMatchObject({ completions: 1, responses: 1 });
		});

		it('reads instructions and an array of messages, and puts a reasoning model\'s reasoning first', async () => {
			const { json } = await call('/v1/responses', {
				model: 'deepseek-r1-distill-llama-70b',
				instructions: 'Be brief.',
				input: [
					{ role: 'user', content: 'Hi' },
					{ role: 'assistant', content: 'Hello!' },
					{ role: 'user', content: 'Where is Paris?' },
				],
			});
			expect(json.output.map(({ type }: { type: string }) => type)).toEqual(['reasoning', 'message']);
			expect(json.output[0].content).toEqual([{ type: 'reasoning_text', text: 'Thinking about: Where is Paris?' }]);
			expect(json.output[1].content[0].text).toBe('Echo from deepseek-r1-distill-llama-70b: Where is Paris?');
		});

		it('calls a flat-form tool with a function_call item, then answers its function_call_output', async () => {
			const tools = [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }];
			const first = await respond({ input: 'Use get_weather for Paris', tools });
			expect(first.json.output).toEqual([
				{
					type: 'function_call',
					id: 'fc_1',
					status: 'completed',
					call_id: 'call_1',
					name: 'get_weather',
					arguments: '{"city":"Use get_weather for Paris"}',
					content: [],
				},
			]);
			const second = await respond({
				tools,
				input: [
					{ role: 'user', content: [{ type: 'input_text', text: 'Use get_weather for Paris' }] },
					first.json.output[0],
					{ type: 'function_call_output', call_id: 'call_1', output: '21 °C' },
				],
			});
			expect(second.json.output[0].content[0].text).toBe('The tool answered: 21 °C');
		});

		it('streams chat-style "response.chunk" chunks, usage on the last when asked', async () => {
			const { headers, text } = await respond({ input: 'Hello there', stream: true, stream_options: { include_usage: true } });
			expect(headers.get('content-type')).toBe('text/event-stream');
			const events = text.trim().split('\n\n');
			expect(events.at(-1)).toBe('data: [DONE]');
			const chunks = events.slice(0, -1).map((event) => JSON.parse(event.replace(/^data: /, '')));
			expect(chunks.map(({ id, object }) => ({ id, object }))).toEqual(Array(3).fill({ id: 'resp_1', object: 'response.chunk' }));
			expect(chunks.map(({ choices }) => choices[0]?.delta)).toEqual([
				{ role: 'assistant', content: 'Echo from openai-gpt-4o: Hello there' },
				{},
				undefined,
			]);
			expect(chunks.map(({ usage }) => usage)).toEqual([
				null,
				null,
				{
					input_tokens: 3,
					input_tokens_details: { cached_tokens: 0 },
					output_tokens: 9,
					output_tokens_details: { reasoning_tokens: 0, tool_output_tokens: 0 },
					total_tokens: 12,
				},
			]);
		});

		it('rejects a request without input, and an unknown model', async () => {
			expect(await respond({})).toMatchObject({
				status: 400,
				json: { error: { message: 'The "input" field must be a string or a non-empty array.', type: 'invalid_request_error' } },
			});
			expect((await call('/v1/responses', { model: 'gpt-9', input: 'x' })).status).toBe(404);
		});
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
