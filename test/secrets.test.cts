// The model access key never appears in items, errors or run data, even when an API, a proxy or
// a gateway quotes it back: in a JSON body, a nested error object, an HTML page or a header.
import nock from 'nock';

import { completion, embeddingsAnswer, intercept, interceptChat, interceptEmbeddings, interceptModels, testVector, type Reply } from './harness/api.cjs';
import { failureOf, supplyChatModel } from './harness/chatModel.cjs';
import { searchModelList } from './harness/editor.cjs';
import { chatParameters, embeddingParameters, jobStartParameters, MODEL_ID } from './harness/parameters.cjs';
import { runNode, TEST_KEY } from './harness/runNode.cjs';
import { useStandIn } from './harness/standIn.cjs';
import { testCredentials } from './harness/runNode.cjs';

const BEARER = `Bearer ${TEST_KEY}`;

const carriers: Array<[string, Reply, string]> = [
	[
		'a JSON body that quotes the key',
		{ status: 401, body: { id: 'unauthorized', message: `Incorrect API key provided: ${TEST_KEY}` } },
		'DigitalOcean said: Incorrect API key provided: [redacted]. Check the Model Access Key in the DigitalOcean Gradient credential (DigitalOcean control panel: Inference → Manage). A key restricted to a VPC network is refused from outside that VPC.',
	],
	[
		'a nested error object that repeats the Authorization header',
		{ status: 400, body: { error: { message: `Bad header "Authorization: ${BEARER}"`, type: 'invalid_request_error' } } },
		'DigitalOcean said: Bad header "Authorization: Bearer [redacted]" Check the model ID and the options you set: some models do not accept every option.',
	],
	[
		'an HTML error page that prints the request headers',
		{ status: 403, body: `<html><body><h1>Forbidden</h1><pre>Authorization: ${BEARER}</pre></body></html>`, headers: { 'content-type': 'text/html' } },
		'The response was not JSON: "<html><body><h1>Forbidden</h1><pre>Authorization: Bearer [redacted]</pre></body></html>" A model access key can be limited to some models, may not have batch inference enabled, and when restricted to a VPC network works only from inside that VPC: check the key in the DigitalOcean control panel (Inference → Manage). Its scope and VPC cannot be changed after creation: create a key with the access this request needs.',
	],
	[
		'a header that echoes it',
		{ status: 404, body: { error: { message: 'model not found' } }, headers: { 'x-echo-authorization': BEARER } },
		'DigitalOcean said: model not found. Pick a model from the list, or check the model ID.',
	],
];

describe('Embedding → Create, when an answer quotes the key', () => {
	it.each(carriers)('%s: each item of the request gets the error, without the key', async (_, reply, description) => {
		interceptEmbeddings(reply);
		const { items, run } = await runNode({
			parameters: embeddingParameters(),
			input: [{ json: { text: 'one' } }, { json: { text: 'two' } }],
			onError: 'continueRegularOutput',
		});
		expect(items.map(({ error, pairedItem }) => [error?.description, pairedItem])).toEqual([
			[description, { item: 0 }],
			[description, { item: 1 }],
		]);
		expect(JSON.stringify(items)).not.toContain(TEST_KEY);
		expect(JSON.stringify(run)).not.toContain(TEST_KEY);
	});

	it('a successful answer that quotes it: the vectors come through, the key does not', async () => {
		interceptEmbeddings((body) => ({ body: { ...embeddingsAnswer(body), model: `echo ${BEARER}` } }));
		const { items, run } = await runNode({ parameters: embeddingParameters(), input: [{ json: { text: 'one' } }] });
		expect(items[0].json).toMatchObject({ embedding: testVector('one'), model: 'echo Bearer [redacted]' });
		expect(JSON.stringify(run)).not.toContain(TEST_KEY);
	});
});

describe('the node, when an answer quotes the key', () => {
	it.each(carriers)('%s: the error hides it', async (_, reply, description) => {
		interceptChat(reply);
		const { error, run } = await runNode({ parameters: chatParameters() });
		expect(error?.description).toBe(description);
		expect(JSON.stringify(error)).not.toContain(TEST_KEY);
		expect(JSON.stringify(run)).not.toContain(TEST_KEY);
	});

	it.each(carriers)('%s: with On Error: Continue the error item hides it and the other items are answered', async (_, reply) => {
		interceptChat((body) => ((body as { messages: Array<{ content: string }> }).messages[0].content === 'bad' ? reply : { body: completion({ content: 'ok' }) }), 3);
		const { items, run } = await runNode({
			parameters: chatParameters({ prompt: '={{ $json.q }}' }),
			input: [{ json: { q: 'good' } }, { json: { q: 'bad' } }, { json: { q: 'good' } }],
			onError: 'continueRegularOutput',
		});
		expect(items.map(({ json, pairedItem }) => [json.content ?? 'error', pairedItem])).toEqual([
			['ok', { item: 0 }],
			['error', { item: 1 }],
			['ok', { item: 2 }],
		]);
		expect(JSON.stringify(items)).not.toContain(TEST_KEY);
		expect(JSON.stringify(run)).not.toContain(TEST_KEY);
	});

	it('hides it in a successful answer too, in the simplified and the raw output', async () => {
		const echoed = completion({ content: `Your key is ${TEST_KEY}.` });
		interceptChat({ body: echoed }, 2);
		const simplified = await runNode({ parameters: chatParameters() });
		const raw = await runNode({ parameters: chatParameters({ simplify: false }) });
		expect(simplified.items[0].json.content).toBe('Your key is [redacted].');
		expect(JSON.stringify(raw.items)).toContain('Your key is [redacted].');
		expect(JSON.stringify([simplified.run, raw.run])).not.toContain(TEST_KEY);
	});

	it('hides it after the retries, in a 200 that is not JSON, and in Get Many models', async () => {
		interceptChat({ status: 503, body: { id: 'server_error', message: `upstream rejected ${BEARER}` } }, 2);
		const retried = await runNode({ parameters: chatParameters({ requestOptions: { maxRetries: 1 } }) });
		interceptChat({ status: 200, body: `proxy says: ${BEARER}`, headers: { 'content-type': 'text/plain' } });
		const notJson = await runNode({ parameters: chatParameters() });
		interceptModels({ status: 401, body: { id: 'unauthorized', message: `bad key ${TEST_KEY}` } }, 2);
		const models = await runNode({ parameters: { resource: 'model', operation: 'getAll' } });

		expect(retried.error?.message).toBe("DigitalOcean's inference service failed (HTTP 503) (gave up after 2 attempts)");
		expect(retried.error?.description).toBe('DigitalOcean said: upstream rejected Bearer [redacted]. This is usually temporary: try again in a moment.');
		expect(notJson.error?.description).toContain('proxy says: Bearer [redacted]');
		expect(models.error?.description).toContain('bad key [redacted]');
		expect(JSON.stringify([retried.run, notJson.run, models.run])).not.toContain(TEST_KEY);
	});
});

describe('a key pasted with spaces around it', () => {
	it('is sent without them, and hidden where an answer quotes it', async () => {
		const requests = interceptChat({ status: 401, body: { id: 'unauthorized', message: `Bad key: Bearer ${TEST_KEY}` } }, 2);
		const { error, run } = await runNode({ parameters: chatParameters(), credentials: testCredentials({ apiKey: ` ${TEST_KEY}\n` }) });
		expect(requests[0].headers.authorization).toBe(BEARER);
		expect(error?.description).toContain('Bad key: Bearer [redacted]');
		expect(JSON.stringify(run)).not.toContain(TEST_KEY);
	});
});

describe('the node against the stand-in, which quotes the Authorization header it got', () => {
	const stand = useStandIn();

	it.each([
		['JSON', undefined],
		['HTML', 'html' as const],
	])('hides the key in its %s answer, with On Error: Continue', async (_, format) => {
		stand.current.configure({ faults: [{ kind: 'echoKey', format, every: 2 }] });
		const { items, run } = await runNode({
			parameters: chatParameters({ prompt: '={{ $json.q }}', requestOptions: { maxRetries: 0 } }),
			input: [{ json: { q: 'one' } }, { json: { q: 'two' } }],
			credentials: testCredentials({ baseUrl: stand.current.url, apiKey: stand.current.key }),
			onError: 'continueRegularOutput',
		});
		expect(items.map(({ json }) => json.content ?? json.error)).toEqual([
			`Echo from ${MODEL_ID}: one`,
			format === 'html' ? "DigitalOcean's inference service failed (HTTP 502)" : `The API rejected the request for model "${MODEL_ID}" as invalid`,
		]);
		expect(JSON.stringify(items[1].error)).toContain('Bearer [redacted]');
		expect(JSON.stringify(run)).not.toContain(stand.current.key);
	});
});

describe('the Model picker, when the answer quotes the key', () => {
	it('hides it in the error', async () => {
		interceptModels({ status: 401, body: { error: { message: `The key ${TEST_KEY} is not valid` } } }, 2);
		const error = await failureOf(searchModelList());
		expect(JSON.stringify(error)).not.toContain(TEST_KEY);
		expect(error.description).toBe('DigitalOcean said: The key [redacted] is not valid. Check the Model Access Key in the DigitalOcean Gradient credential (DigitalOcean control panel: Inference → Manage). A key restricted to a VPC network is refused from outside that VPC.');
	});
});

describe('the Chat Model, when the answer quotes the key', () => {
	const chatModel = async () =>
		(await supplyChatModel({ model: { __rl: true, mode: 'list', value: MODEL_ID }, options: {} })).model;

	it.each([
		['a nested error object', { status: 400, body: { error: { message: `Bad header "Authorization: ${BEARER}"` } } }],
		['a 401 that quotes the key', { status: 401, body: { error: { message: `Incorrect API key provided: ${TEST_KEY}` } } }],
	])('%s: the error hides it', async (_, reply) => {
		interceptChat(reply, 2);
		const error = await failureOf((await chatModel()).invoke('Hello'));
		expect(JSON.stringify(error)).not.toContain(TEST_KEY);
		expect(error.description).toContain('[redacted]');
	});

	it('hides it in an answer the agent would pass on', async () => {
		interceptChat({ body: completion({ content: `Here is the key: ${TEST_KEY}` }) });
		const answer = await (await chatModel()).invoke('What is my key?');
		expect(answer.content).toBe('Here is the key: [redacted]');
	});
});

describe('Job → Start: its polls and downloads, when an answer quotes the key', () => {
	const ID = 'job-quoting-the-key';
	const queued = { request_id: ID, status: 'QUEUED', model_id: 'fal-ai/flux/schnell' };

	it('a status poll refused with the key in its body: the error, without the key', async () => {
		intercept('post', '/v1/async-invoke', { status: 202, body: queued });
		intercept('get', `/v1/async-invoke/${ID}/status`, carriers[1][1]);
		const { error, run } = await runNode({ parameters: jobStartParameters() });
		expect(error?.description).toBe(carriers[1][2]);
		expect(JSON.stringify(run)).not.toContain(TEST_KEY);
	});

	it('a media host whose error page quotes the key: the download error, without the key', async () => {
		intercept('post', '/v1/async-invoke', {
			body: { ...queued, status: 'COMPLETED', output: { images: [{ url: 'https://media.example/fox.png', content_type: 'image/png' }] } },
		});
		nock('https://media.example').get('/fox.png').reply(403, `<pre>Authorization: ${BEARER}</pre>`, { 'content-type': 'text/html' });
		const { error, run } = await runNode({ parameters: jobStartParameters() });
		expect(error?.message).toBe(`Could not download https://media.example/fox.png: HTTP 403 (job "${ID}")`);
		expect(error?.description).toContain('The host said: "<pre>Authorization: Bearer [redacted]</pre>"');
		expect(JSON.stringify(run)).not.toContain(TEST_KEY);
	});
});

describe('Batch: its upload and result files, when they quote the key', () => {
	const BATCH = { batch_id: 'batch-quoting-the-key', status: 'completed', provider: 'openai', request_counts: { total: 2, completed: 1, failed: 1 } };

	it('a result file whose failed request quotes the key: the answers and the error item, without the key', async () => {
		intercept('get', `/v1/batches/${BATCH.batch_id}`, { body: BATCH });
		intercept('get', `/v1/batches/${BATCH.batch_id}/results`, {
			body: { batch_id: BATCH.batch_id, result_available: true, output_file_url: 'https://files.example/out.jsonl?sig=1', error_file_url: 'https://files.example/err.jsonl?sig=2' },
		});
		const line = (customId: string, status: number, body: unknown) => JSON.stringify({ custom_id: customId, response: { status_code: status, body }, error: null });
		nock('https://files.example').get('/out.jsonl').query(true).reply(200, `${line('a', 200, completion({ content: `You sent ${BEARER}` }))}\n`);
		nock('https://files.example').get('/err.jsonl').query(true).reply(200, `${line('b', 401, { error: { message: `Bad header: Authorization: ${BEARER}` } })}\n`);
		const { items, run } = await runNode({ parameters: { resource: 'batch', operation: 'getResults', batchId: BATCH.batch_id }, onError: 'continueRegularOutput' });
		expect(items.map(({ json }) => json.content ?? json.error)).toEqual([
			'You sent Bearer [redacted]',
			'The request "b" of batch "batch-quoting-the-key" failed: HTTP 401: Bad header: Authorization: Bearer [redacted]',
		]);
		expect(JSON.stringify(run)).not.toContain(TEST_KEY);
	});

	it('an upload refused with the key in the storage\'s answer: the error, without the key', async () => {
		intercept('post', '/v1/batches/files', { status: 201, body: { file_id: 'f-1', upload_url: 'https://uploads.example/f-1?X-Amz-Signature=s' } });
		nock('https://uploads.example').put('/f-1').query(true).reply(400, `<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed: ${BEARER}</Message></Error>`);
		const { error, run } = await runNode({ parameters: { resource: 'batch', operation: 'create', model: { __rl: true, mode: 'id', value: MODEL_ID }, inputType: 'prompt', prompt: 'Hi' } });
		expect(error?.message).toBe('Could not upload to https://uploads.example/f-1: HTTP 400');
		expect(error?.description).toContain('Only one auth mechanism allowed: Bearer [redacted]');
		expect(JSON.stringify(run)).not.toContain(TEST_KEY);
	});

	it('an error page that quotes the key where the quote is cut short: no part of the key in the error', async () => {
		// The key starts at the 150th character: a quote shortened to 160 before redacting kept its first 10.
		const page = `<Error><Code>AccessDenied</Code><Message>${'x'.repeat(150 - 41 - BEARER.length + TEST_KEY.length)}${BEARER} was not expected</Message></Error>`;
		expect(page.indexOf(TEST_KEY)).toBe(150);
		intercept('post', '/v1/batches/files', { status: 201, body: { file_id: 'f-1', upload_url: 'https://uploads.example/f-1?X-Amz-Signature=s' } });
		nock('https://uploads.example').put('/f-1').query(true).reply(403, page);
		const { error, run } = await runNode({ parameters: { resource: 'batch', operation: 'create', model: { __rl: true, mode: 'id', value: MODEL_ID }, inputType: 'prompt', prompt: 'Hi' } });
		expect(error?.message).toBe('Could not upload to https://uploads.example/f-1: HTTP 403');
		expect(error?.description).toContain('Bearer [redacted]');
		for (const start of [0, 10, 19]) expect(JSON.stringify(run)).not.toContain(TEST_KEY.slice(start, start + 10));
	});
});
