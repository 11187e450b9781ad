import { completion, interceptChat, interceptModels, type Reply } from './harness/api.cjs';
import { chatParameters, MODEL_ID } from './harness/parameters.cjs';
import { runNode, TEST_KEY } from './harness/runNode.cjs';

const html = (title: string) => ({
	body: `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
	headers: { 'content-type': 'text/html' },
});

const cases: Array<[string, Reply, { message: string; description: string; httpCode: string }]> = [
	[
		'401: the key is rejected',
		{ status: 401, body: { id: 'unauthorized', message: 'Unable to authenticate you.' } },
		{
			message: 'The model access key was rejected',
			description:
				'DigitalOcean said: Unable to authenticate you. Check the Model Access Key in the DigitalOcean Gradient credential (DigitalOcean control panel: Inference → Manage). A key restricted to a VPC network is refused from outside that VPC.',
			httpCode: '401',
		},
	],
	[
		'403: the key may not use the model',
		{ status: 403, body: { id: 'forbidden', message: 'You are not authorized to use this model.' } },
		{
			message: `The model access key is not allowed to make this request for model "${MODEL_ID}"`,
			description:
				"DigitalOcean said: You are not authorized to use this model. A model access key can be limited to some models, may not have batch inference enabled, and when restricted to a VPC network works only from inside that VPC: check the key in the DigitalOcean control panel (Inference → Manage). Its scope and VPC cannot be changed after creation: create a key with the access this request needs.",
			httpCode: '403',
		},
	],
	[
		// DigitalOcean's documented 403 (the OpenAPI's forbidden.yml): what a key scoped elsewhere, or used outside its VPC, may get.
		"403 with DigitalOcean's generic refusal: the hint names the key's models, batch inference and VPC",
		{ status: 403, body: { id: 'forbidden', message: 'You do not have permission to perform this action.' } },
		{
			message: `The model access key is not allowed to make this request for model "${MODEL_ID}"`,
			description:
				'DigitalOcean said: You do not have permission to perform this action. A model access key can be limited to some models, may not have batch inference enabled, and when restricted to a VPC network works only from inside that VPC: check the key in the DigitalOcean control panel (Inference → Manage). Its scope and VPC cannot be changed after creation: create a key with the access this request needs.',
			httpCode: '403',
		},
	],
	[
		'404: the model is unknown',
		{ status: 404, body: { error: { message: `model ${MODEL_ID} not found`, type: 'invalid_request_error' } } },
		{
			message: `Model "${MODEL_ID}" was not found`,
			description: `DigitalOcean said: model ${MODEL_ID} not found. Pick a model from the list, or check the model ID.`,
			httpCode: '404',
		},
	],
	[
		'404 from something that is not the API: a wrong base URL',
		{ status: 404, ...html('404 Not Found') },
		{
			message: 'The API endpoint was not found',
			description:
				'The response was not JSON: "<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>" Check the Base URL in the DigitalOcean Gradient credential.',
			httpCode: '404',
		},
	],
	[
		'400: the request is invalid (an upstream error body)',
		{ status: 400, body: { error: { message: 'max_tokens must be at least 1', type: 'BadRequestError' } } },
		{
			message: `The API rejected the request for model "${MODEL_ID}" as invalid`,
			description:
				'DigitalOcean said: max_tokens must be at least 1. Check the model ID and the options you set: some models do not accept every option.',
			httpCode: '400',
		},
	],
	[
		'429: rate limited',
		{ status: 429, body: { id: 'too_many_requests', message: 'API rate limit exceeded.' } },
		{
			message: 'Rate limit reached: DigitalOcean is receiving too many requests from this key',
			description:
				'DigitalOcean said: API rate limit exceeded. Wait a moment and try again, or send fewer requests at once.',
			httpCode: '429',
		},
	],
	[
		'500: the service failed',
		{ status: 500, body: { id: 'server_error' } },
		{
			message: "DigitalOcean's inference service failed (HTTP 500)",
			description: 'DigitalOcean said: server_error. This is usually temporary: try again in a moment.',
			httpCode: '500',
		},
	],
	[
		'503 with an HTML page from a proxy',
		{ status: 503, ...html('Service Unavailable') },
		{
			message: "DigitalOcean's inference service failed (HTTP 503)",
			description:
				'The response was not JSON: "<html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>" This is usually temporary: try again in a moment.',
			httpCode: '503',
		},
	],
	[
		'502 with an empty body',
		{ status: 502, body: '' },
		{
			message: "DigitalOcean's inference service failed (HTTP 502)",
			description: 'The response was empty. This is usually temporary: try again in a moment.',
			httpCode: '502',
		},
	],
	[
		'200 with an HTML body',
		{ status: 200, ...html('Welcome') },
		{
			message: 'The API returned a response that is not JSON',
			description:
				'The response was not JSON: "<html><head><title>Welcome</title></head><body><h1>Welcome</h1></body></html>" Check the Base URL in the DigitalOcean Gradient credential: it must point at the inference API or a compatible proxy.',
			httpCode: '200',
		},
	],
	[
		'200 with truncated JSON',
		{ status: 200, body: '{"choices": [', headers: { 'content-type': 'application/json' } },
		{
			message: 'The API returned a response that is not JSON',
			description: 'The response was not JSON: "{"choices": [" The answer was cut off or garbled on its way: try again.',
			httpCode: '200',
		},
	],
	[
		'200 whose body is JSON but a list, not an object (a proxy)',
		{ status: 200, body: [{ message: { content: 'Hi' } }, { message: { content: 'there' } }] },
		{
			message: 'The API answered with a list of 2 entries where an object was expected',
			description:
				'It reads: [{"message":{"content":"Hi"}},{"message":{"content":"there"}}]. Check the Base URL in the DigitalOcean Gradient credential: it must point at the inference API or a proxy that answers as it does.',
			httpCode: '200',
		},
	],
	[
		'200 whose body is a bare number',
		{ status: 200, body: '42', headers: { 'content-type': 'application/json' } },
		{
			message: 'The API answered with the number 42 where an object was expected',
			description:
				'It reads: 42. Check the Base URL in the DigitalOcean Gradient credential: it must point at the inference API or a proxy that answers as it does.',
			httpCode: '200',
		},
	],
	[
		'200 whose body is an error object (a gateway)',
		{ status: 200, body: { error: { message: 'Upstream model is overloaded', type: 'server_error' } } },
		{
			message: `The API answered with an error for model "${MODEL_ID}"`,
			description: 'DigitalOcean said: Upstream model is overloaded. Check the model ID and the options you set.',
			httpCode: '200',
		},
	],
	[
		"200 with DigitalOcean's own error body",
		{ status: 200, body: { id: 'too_many_requests', message: 'API rate limit exceeded.' } },
		{
			message: `The API answered with an error for model "${MODEL_ID}"`,
			description: 'DigitalOcean said: API rate limit exceeded. Check the model ID and the options you set.',
			httpCode: '200',
		},
	],
	[
		'413: the request is too large',
		{ status: 413, ...html('413 Request Entity Too Large') },
		{
			message: 'The request is too large for the API',
			description:
				'The response was not JSON: "<html><head><title>413 Request Entity Too Large</title></head><body><h1>413 Request Entity Too Large</h1></body></html>" Send less in one request: a shorter prompt or conversation, fewer or smaller tools, or for embeddings fewer or shorter texts (a smaller Batch Size).',
			httpCode: '413',
		},
	],
	[
		'another status: not blamed on the Base URL',
		{ status: 409, body: { id: 'conflict', message: 'Request conflicts with another.' } },
		{
			message: `The API answered with HTTP 409 for model "${MODEL_ID}"`,
			description: 'DigitalOcean said: Request conflicts with another. Check the model ID and the options you set.',
			httpCode: '409',
		},
	],
];

describe('API errors', () => {
	// The wording of the first failure; retries are covered in retries.test.cts.
	it.each(cases)('%s', async (_case, reply, expected) => {
		const requests = interceptChat(reply);
		const { error, items, run } = await runNode({
			parameters: chatParameters({ requestOptions: { maxRetries: 0 } }),
		});

		expect(requests).toHaveLength(1);
		expect(items).toEqual([]);
		expect(error).toMatchObject({ name: 'NodeApiError', ...expected });
		expect(JSON.stringify(run)).not.toContain(TEST_KEY);
	});

	it('says so when a 200 answer has no choices', async () => {
		interceptChat({ body: { id: 'x', object: 'chat.completion', choices: [] } });
		const { error } = await runNode({ parameters: chatParameters() });
		expect(error).toMatchObject({
			message: 'The API answered without any choices',
			description: 'The response had no "choices" list, so there is no reply to return.',
		});
	});

	it('does not name a model when listing models fails', async () => {
		interceptModels({ status: 404, body: { id: 'not_found', message: 'Not found' } });
		const { error } = await runNode({ parameters: { resource: 'model', operation: 'getAll' } });
		expect(error).toMatchObject({
			message: 'The API endpoint was not found',
			description:
				'DigitalOcean said: Not found. Check the Base URL in the DigitalOcean Gradient credential.',
		});
	});

	it('names the model each request was for, as the request sent it', async () => {
		const requests = interceptChat({ status: 404, body: { error: { message: 'model not found' } } }, 2);
		const { items } = await runNode({
			parameters: chatParameters({ model: { __rl: true, mode: 'id', value: '={{ $json.model }}' } }),
			input: [{ json: { model: 'no-such-model' } }, { json: { model: 'other-model' } }],
			onError: 'continueRegularOutput',
		});
		expect(requests.map(({ body }) => (body as { model: string }).model)).toEqual(['no-such-model', 'other-model']);
		expect(items.map(({ json }) => json.error)).toEqual([
			'Model "no-such-model" was not found',
			'Model "other-model" was not found',
		]);
	});

	it('names the failing item when the run stops on an error', async () => {
		interceptChat((body) => replyFor(body), 3);
		const { error } = await runNode({
			parameters: chatParameters({ prompt: '={{ $json.q }}' }),
			input: [{ json: { q: 'good' } }, { json: { q: 'bad' } }, { json: { q: 'good' } }],
		});
		expect(error).toMatchObject({ httpCode: '400', context: { itemIndex: 1 } });
	});
});

/** A reply that fails the request whose prompt is "bad" and answers the others. */
function replyFor(body: unknown): Reply {
	const prompt = (body as { messages: Array<{ content: string }> }).messages.at(-1)?.content;
	return prompt === 'bad'
		? { status: 400, body: { error: { message: 'This prompt is not allowed.' } } }
		: { body: completion({ content: `Answer to ${prompt}` }) };
}

describe('On Error: Continue', () => {
	const input = [
		{ json: { q: 'first' } },
		{ json: { q: 'bad' } },
		{ json: { q: 'third' } },
		{ json: { q: '' } },
	];
	const parameters = chatParameters({ prompt: '={{ $json.q }}' });
	const answer = (content: string) => ({
		content,
		finish_reason: 'stop',
		model: 'llama3.3-70b-instruct',
		usage: { prompt_tokens: 43, completion_tokens: 8, total_tokens: 51 },
	});

	it('turns failed items into error items and keeps every other item (regular output)', async () => {
		const requests = interceptChat((body) => replyFor(body), 3);
		const { items, error, run } = await runNode({
			parameters,
			input,
			onError: 'continueRegularOutput',
		});

		expect(error).toBeUndefined();
		expect(requests).toHaveLength(3);
		expect(items.map(({ json, pairedItem }) => ({ json, pairedItem }))).toEqual([
			{ json: answer('Answer to first'), pairedItem: { item: 0 } },
			{
				json: { error: `The API rejected the request for model "${MODEL_ID}" as invalid` },
				pairedItem: { item: 1 },
			},
			{ json: answer('Answer to third'), pairedItem: { item: 2 } },
			{ json: { error: 'Prompt: is empty [item 3]' }, pairedItem: { item: 3 } },
		]);
		expect(JSON.stringify(run)).not.toContain(TEST_KEY);
	});

	it('sends failed items to the error output when asked', async () => {
		interceptChat((body) => replyFor(body), 3);
		const { run } = await runNode({ parameters, input, onError: 'continueErrorOutput' });

		const [success, failure] = run.data.resultData.runData['DigitalOcean Gradient'][0].data!.main;
		expect(success!.map(({ json, pairedItem }) => ({ json, pairedItem }))).toEqual([
			{ json: answer('Answer to first'), pairedItem: { item: 0 } },
			{ json: answer('Answer to third'), pairedItem: { item: 2 } },
		]);
		expect(failure!.map(({ json, pairedItem }) => ({ json, pairedItem }))).toEqual([
			{
				json: { error: `The API rejected the request for model "${MODEL_ID}" as invalid` },
				pairedItem: { item: 1 },
			},
			{ json: { error: 'Prompt: is empty [item 3]' }, pairedItem: { item: 3 } },
		]);
		expect(JSON.stringify(run)).not.toContain(TEST_KEY);
	});
});
