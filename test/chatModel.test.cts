// The DigitalOcean Gradient Chat Model sub-node, supplied the way n8n supplies it to an AI
// Agent, and used the way the agent uses it: the requests it sends and the errors it gives.
import type { INodeParameters } from 'n8n-workflow';

import { completion, interceptChat, type Reply } from './harness/api.cjs';
import { failureOf, supplyChatModel } from './harness/chatModel.cjs';
import { testCredentials, TEST_KEY } from './harness/runNode.cjs';

const MODEL_ID = 'llama3.3-70b-instruct';
const model = (value = MODEL_ID) => ({ __rl: true, mode: 'list', value });

async function modelWith(options: INodeParameters = {}, credentials = testCredentials()) {
	return (await supplyChatModel({ model: model(), options }, credentials)).model;
}

/** A tool as the agent offers it to the model. */
const WEATHER_TOOL = {
	type: 'function',
	function: {
		name: 'get_weather',
		description: 'Current weather for a city',
		parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
	},
};

describe('the chat model it supplies', () => {
	it('sends the model and the conversation, with the key, and nothing the user did not set', async () => {
		const requests = interceptChat({ body: completion({ content: 'Hello back' }) });
		const answer = await (await modelWith()).invoke('Hello');

		expect(answer.content).toBe('Hello back');
		expect(requests).toHaveLength(1);
		expect(requests[0].path).toBe('/v1/chat/completions');
		expect(requests[0].headers.authorization).toBe(`Bearer ${TEST_KEY}`);
		expect(requests[0].body).toEqual({
			model: MODEL_ID,
			stream: false,
			messages: [{ role: 'user', content: 'Hello' }],
		});
	});

	it('sends each option the user added, under the API\'s names', async () => {
		const requests = interceptChat({ body: completion({ content: 'ok' }) });
		const chatModel = await modelWith({
			maxCompletionTokens: 256,
			reasoningEffort: 'low',
			temperature: 0.2,
			topP: 0.9,
			timeout: 30000,
			maxRetries: 1,
		});
		await chatModel.invoke('Hello');

		expect(requests[0].body).toEqual({
			model: MODEL_ID,
			stream: false,
			messages: [{ role: 'user', content: 'Hello' }],
			max_completion_tokens: 256,
			reasoning_effort: 'low',
			temperature: 0.2,
			top_p: 0.9,
		});
	});

	it('finds the API under a Base URL with a trailing slash', async () => {
		const requests = interceptChat({ body: completion({ content: 'ok' }) });
		const credentials = testCredentials({ baseUrl: `${testCredentials().baseUrl as string}/` });
		await (await modelWith({}, credentials)).invoke('Hello');
		expect(requests[0].path).toBe('/v1/chat/completions');
	});

	it('offers the agent\'s tools to the model and hands back the tool calls it asks for', async () => {
		const requests = interceptChat({
			body: completion({
				tool_calls: [
					{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
				],
			}),
		});
		const answer = await (await modelWith()).bindTools([WEATHER_TOOL]).invoke('Weather in Paris?');

		expect(requests[0].body).toMatchObject({ model: MODEL_ID, tools: [WEATHER_TOOL] });
		expect(answer.tool_calls).toEqual([
			expect.objectContaining({ id: 'call_1', name: 'get_weather', args: { city: 'Paris' } }),
		]);
	});
});

describe('streaming, as when the agent streams its answer to a Chat Trigger', () => {
	const sse = (...chunks: object[]) => ({
		body: [...chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`), 'data: [DONE]\n\n'].join(''),
		headers: { 'content-type': 'text/event-stream' },
	});
	const chunk = (delta: object, finish_reason: string | null = null) => ({
		id: '',
		object: 'chat.completion.chunk',
		created: 1747247763,
		model: MODEL_ID,
		choices: [{ index: 0, delta, finish_reason }],
	});

	it('reads the streamed tool calls, also when the role comes empty', async () => {
		const toolCall = { index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } };
		const requests = interceptChat(sse(chunk({ role: '', tool_calls: [toolCall] }), chunk({}, 'tool_calls')));
		const withTools = (await modelWith()).bindTools([WEATHER_TOOL]);

		const calls = [];
		for await (const part of await withTools.stream('Weather in Paris?')) calls.push(...(part.tool_call_chunks ?? []));

		expect(requests[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
		expect(calls).toEqual([expect.objectContaining({ name: 'get_weather', args: '{"city":"Paris"}' })]);
	});
});

describe('errors', () => {
	const cases: Array<[string, Reply, { message: string; description: string }]> = [
		[
			// The OpenAI client inside n8n's SDK keeps nothing of a body without an "error" field.
			'401 with DigitalOcean\'s own body',
			{ status: 401, body: { id: 'unauthorized', message: 'Unable to authenticate you.' } },
			{
				message: 'The model access key was rejected',
				description: 'Check the Model Access Key in the DigitalOcean Gradient credential (DigitalOcean control panel: Inference → Manage). A key restricted to a VPC network is refused from outside that VPC.',
			},
		],
		[
			'404 with an upstream (OpenAI-style) body',
			{ status: 404, body: { error: { message: `model ${MODEL_ID} not found`, type: 'invalid_request_error' } } },
			{
				message: `Model "${MODEL_ID}" was not found`,
				description: `DigitalOcean said: model ${MODEL_ID} not found. Pick a model from the list, or check the model ID.`,
			},
		],
		[
			'400 for an option the model rejects',
			{ status: 400, body: { error: { message: 'reasoning_effort is not supported', type: 'BadRequestError' } } },
			{
				message: `The API rejected the request for model "${MODEL_ID}" as invalid`,
				description:
					'DigitalOcean said: reasoning_effort is not supported. Check the model ID and the options you set: some models do not accept every option.',
			},
		],
	];

	it.each(cases)('%s: says what happened and what DigitalOcean said, without retrying', async (_, reply, expected) => {
		const requests = interceptChat(reply, 2);
		const error = await failureOf((await modelWith()).invoke('Hello'));

		expect(error).toMatchObject(expected);
		expect(requests).toHaveLength(1);
		expect(JSON.stringify(error)).not.toContain(TEST_KEY);
	});

	it('retries a rate-limited request and gets the answer', async () => {
		const replies: Reply[] = [
			{ status: 429, body: { id: 'too_many_requests', message: 'API rate limit exceeded.' } },
			{ body: completion({ content: 'Finally' }) },
		];
		const requests = interceptChat(() => replies.shift()!, 2);
		const answer = await (await modelWith({ maxRetries: 1 })).invoke('Hello');

		expect(answer.content).toBe('Finally');
		expect(requests).toHaveLength(2);
	});

	it('gives up on the rate limit after Max Retries, with a clear error', async () => {
		const requests = interceptChat({ status: 429, body: { id: 'too_many_requests', message: 'API rate limit exceeded.' } }, 3);
		const error = await failureOf((await modelWith({ maxRetries: 1 })).invoke('Hello'));

		expect(error).toMatchObject({
			message: 'Rate limit reached: DigitalOcean is receiving too many requests from this key (gave up after 2 attempts)',
			description: 'Wait a moment and try again, or send fewer requests at once.',
			httpCode: '429',
		});
		expect(requests).toHaveLength(2);
	});

	// LangChain waits about a second before a retry.
	it.each([408, 500, 502, 503, 504])('retries %s, as the node does', async (status) => {
		const replies: Reply[] = [{ status, body: { id: 'server_error', message: 'Try again later.' } }, { body: completion({ content: 'At last' }) }];
		const requests = interceptChat(() => replies.shift()!, 2);
		const answer = await (await modelWith({ maxRetries: 1 })).invoke('Hello');

		expect(answer.content).toBe('At last');
		expect(requests).toHaveLength(2);
	}, 15_000);

	it('sends a request that got 501 only once, as the node does', async () => {
		const requests = interceptChat({ status: 501, body: { error: { message: 'Not implemented.' } } }, 2);
		const error = await failureOf((await modelWith({ maxRetries: 3 })).invoke('Hello'));

		expect(error).toMatchObject({ message: "DigitalOcean's inference service failed (HTTP 501)", httpCode: '501' });
		expect(requests).toHaveLength(1);
	});

	it("counts the attempts of the request that failed, not the model's earlier ones", async () => {
		const rateLimited: Reply = { status: 429, body: { error: { message: 'API rate limit exceeded.' } } };
		const replies: Reply[] = [rateLimited, { body: completion({ content: 'First' }) }, rateLimited, rateLimited];
		const requests = interceptChat(() => replies.shift()!, 4);
		const chatModel = await modelWith({ maxRetries: 2 });

		expect((await chatModel.invoke('One')).content).toBe('First');
		expect(await failureOf(chatModel.invoke('Two'))).toMatchObject({
			message: 'Rate limit reached: DigitalOcean is receiving too many requests from this key (gave up after 2 attempts)',
		});
		expect(requests).toHaveLength(4);
	}, 15_000);

	it('spends Max Retries once across the calls an agent makes with the model', async () => {
		const rateLimited: Reply = { status: 429, body: { error: { message: 'API rate limit exceeded.' } } };
		const replies: Reply[] = [rateLimited, { body: completion({ content: 'First' }) }, rateLimited];
		const requests = interceptChat(() => replies.shift()!, 3);
		const chatModel = await modelWith({ maxRetries: 1 });

		expect((await chatModel.invoke('One')).content).toBe('First');
		expect(await failureOf(chatModel.invoke('Two'))).toMatchObject({
			description: 'DigitalOcean said: API rate limit exceeded. Wait a moment and try again, or send fewer requests at once.',
		});
		expect(requests).toHaveLength(3);
	});
});

describe('its own checks, before any request', () => {
	it('names the Model field when no model is selected', async () => {
		const error = await failureOf(supplyChatModel({ model: model(''), options: {} }));
		expect(error.message).toBe('Model: no model is selected');
	});

	it('names the Base URL when it is not an address', async () => {
		const error = await failureOf(supplyChatModel({ model: model(), options: {} }, testCredentials({ baseUrl: 'inference.do-ai.run' })));
		expect(error.message).toBe('Base URL: "inference.do-ai.run" is not an http:// or https:// address');
	});
});
