// Batch (DigitalOcean batch inference) through n8n's engine: the JSONL file made from the items,
// the presigned upload without the key, the batch, waiting, the answers back on their items,
// and every way a batch or one of its requests can end badly.
import nock from 'nock';

import { type CapturedRequest, completion, intercept } from './harness/api.cjs';
import { batchCreateParameters, batchParameters, MODEL_ID } from './harness/parameters.cjs';
import { runNode, TEST_KEY, testCredentials } from './harness/runNode.cjs';
import { useStandIn } from './harness/standIn.cjs';

const stand = useStandIn();
const questions = (...texts: string[]) => texts.map((question, index) => ({ json: { question, number: index + 1 } }));
const onStandIn = () => testCredentials({ baseUrl: stand.current.url, apiKey: stand.current.key });
const simple = (items: Array<{ json: unknown; pairedItem?: unknown }>) => items.map(({ json, pairedItem }) => ({ json, pairedItem }));

const UPLOAD_HOST = 'https://batch-uploads.example.com';
const UPLOAD_PATH = '/in/file-1.jsonl';
const FILE_ID = 'a1b2c3d4-e5f6-4789-90ab-cdef12345678';
const BATCH_ID = '0e9d1d35-3d1e-4d66-9a2f-8c7e0f6b3e21';
const batchBody = (extra: Record<string, unknown> = {}) => ({
	batch_id: BATCH_ID,
	status: 'validating',
	provider: 'openai',
	endpoint: '/v1/chat/completions',
	completion_window: '24h',
	input_file_id: FILE_ID,
	request_counts: { total: 0, completed: 0, failed: 0 },
	created_at: '2026-12-02T01:00:00Z',
	...extra,
});

/** The documented flow on nock: the file intent, the presigned upload (recorded with its headers and bytes), the batch. */
function batchApi({ upload = { status: 200, body: '' } }: { upload?: { status: number; body: string } } = {}) {
	const files = intercept('post', '/v1/batches/files', { status: 201, body: { file_id: FILE_ID, upload_url: `${UPLOAD_HOST}${UPLOAD_PATH}?X-Amz-Signature=abc` } });
	const uploads: CapturedRequest[] = [];
	nock(UPLOAD_HOST)
		.put(UPLOAD_PATH)
		.query({ 'X-Amz-Signature': 'abc' })
		.reply(function (_uri, body) {
			uploads.push({ path: UPLOAD_PATH, body, headers: { ...this.req.headers } });
			return [upload.status, upload.body, { 'content-type': 'application/xml' }];
		});
	const batches = intercept('post', '/v1/batches', (body) => ({ status: 201, body: batchBody({ request_id: (body as { request_id: string }).request_id }) }));
	return { files, uploads, batches };
}

const linesOf = (upload: CapturedRequest) => String(upload.body).trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);

describe('Batch → Create: the batch file and the batch', () => {
	it('makes one JSONL line per item from the Chat Completion fields, uploads it without the key, and outputs the batch paired with every item', async () => {
		const api = batchApi();
		const { items, error } = await runNode({
			parameters: batchCreateParameters({ systemMessage: 'Answer in one word.', options: { temperature: 0.2, maxCompletionTokens: 50 } }),
			input: questions('Capital of France?', 'Capital of Spain?'),
		});

		expect(error).toBeUndefined();
		expect(api.files.map(({ body }) => body)).toEqual([{ file_name: expect.stringMatching(/^n8n-batch-[\w-]+\.jsonl$/) }]);
		expect(api.uploads).toHaveLength(1);
		const [upload] = api.uploads;
		expect(upload.headers.authorization).toBeUndefined();
		expect(JSON.stringify(upload.headers)).not.toContain(TEST_KEY);
		expect(upload.headers['content-type']).toBe('application/octet-stream');
		const body = (question: string) => ({
			model: MODEL_ID,
			messages: [
				{ role: 'system', content: 'Answer in one word.' },
				{ role: 'user', content: question },
			],
			temperature: 0.2,
			max_completion_tokens: 50,
		});
		expect(String(upload.body).endsWith('}\n')).toBe(true);
		expect(linesOf(upload)).toEqual([
			{ custom_id: 'item-0', method: 'POST', url: '/v1/chat/completions', body: body('Capital of France?') },
			{ custom_id: 'item-1', method: 'POST', url: '/v1/chat/completions', body: body('Capital of Spain?') },
		]);
		expect(api.batches.map(({ body: sent }) => sent)).toEqual([
			{ file_id: FILE_ID, provider: 'openai', endpoint: '/v1/chat/completions', completion_window: '24h', request_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/) },
		]);
		expect(api.batches[0].headers.authorization).toBe(`Bearer ${TEST_KEY}`);
		expect(simple(items)).toEqual([{ json: batchBody({ request_id: (api.batches[0].body as { request_id: string }).request_id }), pairedItem: [{ item: 0 }, { item: 1 }] }]);
	});

	it("reads the requests' options and the batch's from one Options collection: each line gets its own, the batch its Metadata and Request ID", async () => {
		const api = batchApi();
		const tool = { name: 'get_weather', description: 'The weather in a city', parameters: '{"type": "object", "properties": {}}' };
		const { error } = await runNode({
			parameters: batchCreateParameters({
				options: {
					batchMetadata: { pair: [{ key: 'dataset', value: 'reviews' }] },
					metadata: { pair: [{ key: 'row', value: '={{ $json.number }}' }] },
					requestId: 'nightly-2026-12-02',
					toolChoice: 'function',
					toolChoiceFunctionName: 'get_weather',
					tools: { tool: [tool] },
				},
			}),
			input: questions('Weather in Paris?'),
		});
		expect(error).toBeUndefined();
		expect(linesOf(api.uploads[0])).toEqual([
			{
				custom_id: 'item-0',
				method: 'POST',
				url: '/v1/chat/completions',
				body: {
					model: MODEL_ID,
					messages: [{ role: 'user', content: 'Weather in Paris?' }],
					metadata: { row: '1' },
					tool_choice: { type: 'function', function: { name: 'get_weather' } },
					tools: [{ type: 'function', function: { name: 'get_weather', description: 'The weather in a city', parameters: { type: 'object', properties: {} } } }],
				},
			},
		]);
		expect(api.batches[0].body).toMatchObject({ request_id: 'nightly-2026-12-02', metadata: { dataset: 'reviews' } });
	});

	it("marks each line's system message for an Anthropic model with Prompt Caching, as Chat does", async () => {
		const api = batchApi();
		const model = 'anthropic-claude-3.5-haiku';
		const { error } = await runNode({
			parameters: batchCreateParameters({ model: { __rl: true, mode: 'id', value: model }, systemMessage: 'Answer in one word.', options: { promptCaching: '1h' } }),
			input: questions('Capital of France?'),
		});
		expect(error).toBeUndefined();
		expect(linesOf(api.uploads[0])).toEqual([
			{
				custom_id: 'item-0',
				method: 'POST',
				url: '/v1/chat/completions',
				body: {
					model,
					messages: [
						{ role: 'system', content: [{ type: 'text', text: 'Answer in one word.', cache_control: { type: 'ephemeral', ttl: '1h' } }] },
						{ role: 'user', content: 'Capital of France?' },
					],
				},
			},
		]);
	});

	it('takes Messages and Messages (JSON) lines, the Custom ID from an expression, and Metadata and a Request ID as given', async () => {
		const api = batchApi();
		const { error } = await runNode({
			parameters: batchCreateParameters({
				inputType: 'json',
				messagesJson: '={{ [{ "role": "user", "content": $json.question }] }}',
				customId: '=review-{{ $json.number }}',
				options: { batchMetadata: { pair: [{ key: 'dataset', value: 'reviews' }] }, requestId: 'nightly-2026-12-02' },
			}),
			input: questions('Good?', 'Bad?'),
		});
		expect(error).toBeUndefined();
		expect(linesOf(api.uploads[0])).toEqual([
			{ custom_id: 'review-1', method: 'POST', url: '/v1/chat/completions', body: { model: MODEL_ID, messages: [{ role: 'user', content: 'Good?' }] } },
			{ custom_id: 'review-2', method: 'POST', url: '/v1/chat/completions', body: { model: MODEL_ID, messages: [{ role: 'user', content: 'Bad?' }] } },
		]);
		expect(api.batches[0].body).toMatchObject({ request_id: 'nightly-2026-12-02', metadata: { dataset: 'reviews' } });
		expect(api.files[0].body).toEqual({ file_name: 'n8n-batch-nightly-2026-12-02.jsonl' });

		const rows = batchApi();
		await runNode({
			parameters: batchCreateParameters({
				inputType: 'messages',
				messages: { message: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: '={{ $json.question }}' }] },
			}),
			input: questions('Why?'),
		});
		expect(linesOf(rows.uploads[0])).toEqual([
			{ custom_id: 'item-0', method: 'POST', url: '/v1/chat/completions', body: { model: MODEL_ID, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Why?' }] } },
		]);
	});

	it('derives the same request_id when the same execution sends the batch again, so a retried create is the batch already made', async () => {
		const files = intercept('post', '/v1/batches/files', { status: 201, body: { file_id: FILE_ID, upload_url: `${UPLOAD_HOST}${UPLOAD_PATH}?X-Amz-Signature=abc` } }, 2);
		nock(UPLOAD_HOST).put(UPLOAD_PATH).query(true).times(2).reply(200, '');
		const sent = intercept('post', '/v1/batches', { status: 503, body: { id: 'server_error', message: 'Try again.' } });
		const again = intercept('post', '/v1/batches', (body) => ({ status: 201, body: batchBody({ request_id: (body as { request_id: string }).request_id }) }));
		const first = await runNode({ parameters: batchCreateParameters(), input: questions('A?', 'B?') });
		expect(first.error).toBeUndefined();
		expect(files).toHaveLength(1);
		expect(sent[0].body).toEqual(again[0].body);

		// Another run of the same execution and items (Retry On Fail) derives the same key; other items another.
		const repeat = intercept('post', '/v1/batches', (body) => ({ status: 201, body: batchBody({ request_id: (body as { request_id: string }).request_id }) }), 2);
		nock(UPLOAD_HOST).put(UPLOAD_PATH).query(true).times(2).reply(200, '');
		intercept('post', '/v1/batches/files', { status: 201, body: { file_id: FILE_ID, upload_url: `${UPLOAD_HOST}${UPLOAD_PATH}?X-Amz-Signature=abc` } }, 2);
		await runNode({ parameters: batchCreateParameters(), input: questions('A?', 'B?') });
		await runNode({ parameters: batchCreateParameters(), input: questions('A?', 'C?') });
		const ids = [again[0], ...repeat].map(({ body }) => (body as { request_id: string }).request_id);
		expect(ids[1]).toBe(ids[0]);
		expect(ids[2]).not.toBe(ids[0]);

		// The same items in another execution (tomorrow's run of the schedule): another batch.
		const tomorrow = batchApi();
		await runNode({ parameters: batchCreateParameters(), input: questions('A?', 'B?'), executionId: 'another-execution' });
		expect((tomorrow.batches[0].body as { request_id: string }).request_id).not.toBe(ids[0]);
	});

	it('refuses a Request ID that is already a batch of other items, rather than pairing its answers with these', async () => {
		const requestId = 'nightly-2026-12-02';
		const first = await runNode({ parameters: batchCreateParameters({ options: { requestId } }), input: questions('A?'), credentials: onStandIn() });
		const batchId = first.items[0].json.batch_id;
		const again = await runNode({ parameters: batchCreateParameters({ options: { requestId }, waitForCompletion: true }), input: questions('B?'), credentials: onStandIn() });
		expect(again.error?.message).toBe(`Request ID "${requestId}" is already batch "${String(batchId)}" (status validating), made from another file: no new batch was created [item 0]`);
		expect(again.error?.description).toContain('Batch → Get Results');
		expect(stand.current.stats().byRoute['GET /v1/batches/{batch_id}']).toBeUndefined();
	});

	it('words a refused batch creation about the batch, not about the model', async () => {
		intercept('post', '/v1/batches/files', { status: 201, body: { file_id: FILE_ID, upload_url: `${UPLOAD_HOST}${UPLOAD_PATH}?X-Amz-Signature=abc` } });
		nock(UPLOAD_HOST).put(UPLOAD_PATH).query(true).reply(200, '');
		intercept('post', '/v1/batches', { status: 404, body: { id: 'not_found', message: `The file "${FILE_ID}" has not been uploaded.` } });
		const { error } = await runNode({ parameters: batchCreateParameters(), input: questions('A?', 'B?') });
		expect(error?.message).toBe('The uploaded batch file was not found (one request for items 0–1)');
		expect(error?.description).toContain(`DigitalOcean said: The file "${FILE_ID}" has not been uploaded.`);
	});

	it('with Execute Once, makes the batch of the first item only', async () => {
		const api = batchApi();
		const { items, error } = await runNode({ parameters: batchCreateParameters(), input: questions('A?', 'B?', 'C?'), settings: { executeOnce: true } });
		expect(error).toBeUndefined();
		expect(linesOf(api.uploads[0])).toEqual([expect.objectContaining({ custom_id: 'item-0' })]);
		expect(items).toHaveLength(1);
	});

	it('creates no batch when n8n cannot read an item\'s parameters (Retry On Fail set too)', async () => {
		const { error } = await runNode({
			parameters: batchCreateParameters({ prompt: "={{ $json.question ?? $('No such node').item.json.question }}" }),
			input: [{ json: { question: 'A?' } }, { json: {} }, { json: { question: 'C?' } }],
			credentials: onStandIn(),
			settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
		});
		expect(error?.message).toBe("Referenced node doesn't exist");
		// Long enough for a batch sent behind the failed node's back to have reached the stand-in (it counts requests, not time).
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(stand.current.stats().requests).toBe(0);
	});

	it('checks Wait for Completion set by expression before anything is sent', async () => {
		const { error } = await runNode({ parameters: batchCreateParameters({ waitForCompletion: '={{ "yes" }}' }), input: questions('A?'), credentials: onStandIn() });
		expect(error?.message).toBe('Wait for Completion: "yes" is not true or false [item 0]');
		expect(stand.current.stats().requests).toBe(0);
	});

	it('sends nothing when an item is refused and the node stops on errors; with On Error: Continue the others go as one batch', async () => {
		const input = questions('First?', '', 'Third?');
		const stopped = await runNode({ parameters: batchCreateParameters(), input, credentials: onStandIn() });
		expect(stopped.error?.message).toBe('Prompt: is empty [item 1]');
		expect(stand.current.stats().requests).toBe(0);

		const { items, error } = await runNode({ parameters: batchCreateParameters(), input, credentials: onStandIn(), onError: 'continueRegularOutput' });
		expect(error).toBeUndefined();
		expect(simple(items)).toEqual([
			{ json: expect.objectContaining({ status: 'validating', request_counts: { total: 0, completed: 0, failed: 0 } }), pairedItem: [{ item: 0 }, { item: 2 }] },
			{ json: { error: 'Prompt: is empty [item 1]' }, pairedItem: { item: 1 } },
		]);
		expect(stand.current.stats().byRoute).toEqual({ 'POST /v1/batches/files': 1, 'PUT /_upload/{file_id}': 1, 'POST /v1/batches': 1 });
	});

	it('refuses a Custom ID used twice, naming both items, and n8n\'s Batching, before anything is sent', async () => {
		const twice = await runNode({ parameters: batchCreateParameters({ customId: 'same' }), input: questions('A?', 'B?'), credentials: onStandIn() });
		expect(twice.error?.message).toBe('Custom ID: "same" is also the Custom ID of item 0 [item 1]');
		const spaced = await runNode({
			parameters: batchCreateParameters({ requestOptions: { batching: { batch: { batchSize: 1, batchInterval: 1000 } } } }),
			input: questions('A?'),
			credentials: onStandIn(),
		});
		expect(spaced.error?.message).toBe('Request Options → Batching: spaces the items out, but Batch → Create puts every item in one batch file [item 0]');
		expect(stand.current.stats().requests).toBe(0);
	});

	it('says what the storage said when the upload is refused (a file too large), without the URL\'s signature, and creates no batch', async () => {
		stand.current.configure({ batchMaxBytes: 100 });
		const { error } = await runNode({ parameters: batchCreateParameters(), input: questions('A question long enough to pass a hundred bytes in its line?'), credentials: onStandIn() });
		expect(error?.message).toMatch(new RegExp(`^Could not upload to ${stand.current.url}/_upload/[\\w-]+: HTTP 400$`));
		expect(error?.message).not.toContain('Signature');
		expect(error?.description).toContain('The host said: "<?xml');
		expect(error?.description).toContain('<Code>EntityTooLarge</Code>');
		expect(error?.description).toContain('send fewer items per batch');
		expect(stand.current.stats().byRoute['POST /v1/batches']).toBeUndefined();
		expect(stand.current.stats().presignedWithAuth).toBe(0);
	});
});

describe('Batch → Create, waiting for completion', () => {
	it('waits, then gives each item its own answer, matched by custom_id though the result file is in another order', async () => {
		stand.current.configure({ batchPolls: 1 });
		const { items, error } = await runNode({
			parameters: batchCreateParameters({ waitForCompletion: true }),
			input: questions('One?', 'Two?', 'Three?'),
			credentials: onStandIn(),
		});
		expect(error).toBeUndefined();
		const answer = (customId: string, question: string, item: number) => ({
			json: {
				custom_id: customId,
				content: `Echo from ${MODEL_ID}: ${question}`,
				finish_reason: 'stop',
				model: MODEL_ID,
				usage: expect.objectContaining({ total_tokens: expect.any(Number) }),
			},
			pairedItem: { item },
		});
		expect(simple(items)).toEqual([answer('item-0', 'One?', 0), answer('item-1', 'Two?', 1), answer('item-2', 'Three?', 2)]);
		expect(stand.current.stats().byRoute).toMatchObject({ 'GET /v1/batches/{batch_id}': 1, 'GET /v1/batches/{batch_id}/results': 1, 'GET /_files/{batch_id}/{file}': 1 });
		expect(stand.current.stats().presignedWithAuth).toBe(0);
	}, 20_000);

	it('gives a request the model refused its error on its item, the others their answers (On Error: Continue)', async () => {
		stand.current.configure({ batchPolls: 1, batchNotReady: 'flag' });
		const { items, error } = await runNode({
			parameters: batchCreateParameters({ waitForCompletion: true, model: { __rl: true, mode: 'id', value: '={{ $json.number === 2 ? "no-such-model" : "llama3.3-70b-instruct" }}' } }),
			input: questions('One?', 'Two?', 'Three?'),
			credentials: onStandIn(),
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(items.map(({ json }) => json.content ?? json.error)).toEqual([
			`Echo from ${MODEL_ID}: One?`,
			expect.stringMatching(/^The request "item-1" of batch "[\w-]+" failed: HTTP 404: The model "no-such-model" does not exist\.$/),
			`Echo from ${MODEL_ID}: Three?`,
		]);
		expect(items.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	}, 20_000);

	it('a result line that cannot be read costs only the item without a readable result its answer (On Error: Continue)', async () => {
		batchApi();
		intercept('get', `/v1/batches/${BATCH_ID}`, { body: batchBody({ status: 'completed', request_counts: { total: 3, completed: 3, failed: 0 } }) });
		intercept('get', `/v1/batches/${BATCH_ID}/results`, { body: { batch_id: BATCH_ID, result_available: true, output_file_url: 'https://files.example/out.jsonl?sig=1' } });
		const result = (customId: string, content: string) => JSON.stringify({ custom_id: customId, response: { status_code: 200, body: completion({ content }) }, error: null });
		nock('https://files.example').get('/out.jsonl').query(true).reply(200, [result('item-1', 'Two!'), result('item-0', 'One!'), '{"custom_id": "item-2", "respo'].join('\n'));
		const { items, error } = await runNode({
			parameters: batchCreateParameters({ waitForCompletion: true }),
			input: questions('One?', 'Two?', 'Three?'),
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(items.map(({ json, pairedItem }) => [json.content ?? json.error, pairedItem])).toEqual([
			['One!', { item: 0 }],
			['Two!', { item: 1 }],
			[
				`The request "item-2" of batch "${BATCH_ID}" failed: no readable result (Line 3 of the batch's output file is not a result with a custom_id)`,
				{ item: 2 },
			],
		]);
	}, 20_000);

	it('fails with the batch\'s ID when it does not finish within Maximum Wait', async () => {
		stand.current.configure({ batchPolls: 50 });
		const { error } = await runNode({
			parameters: batchCreateParameters({ waitForCompletion: true, options: { maxWaitSeconds: 1 } }),
			input: questions('One?'),
			credentials: onStandIn(),
		});
		expect(error?.message).toMatch(/^Batch "[\w-]+" did not finish within 1 s \(status (validating|in_progress, 0 of 1 requests done)\) \[item 0\]$/);
		expect(error?.description).toContain('Batch → Get Results');
	}, 20_000);
});

/** A batch made on the stand-in directly, from these JSONL lines (as another workflow or tool would). */
async function batchOnStandIn(lines: string[], requestId = `made-${Math.random()}`): Promise<string> {
	const call = async (path: string, body?: unknown, method = 'POST') =>
		await fetch(path.startsWith('http') ? path : `${stand.current.url}${path}`, {
			method,
			headers: path.startsWith('http') ? { 'content-type': 'application/octet-stream' } : { authorization: `Bearer ${stand.current.key}`, 'content-type': 'application/json' },
			body: typeof body === 'string' ? body : JSON.stringify(body),
		});
	const file = (await (await call('/v1/batches/files', { file_name: 'made.jsonl' })).json()) as { file_id: string; upload_url: string };
	await call(file.upload_url, lines.join('\n'), 'PUT');
	const batch = (await (await call('/v1/batches', { file_id: file.file_id, provider: 'openai', endpoint: '/v1/chat/completions', completion_window: '24h', request_id: requestId })).json()) as { batch_id: string };
	return batch.batch_id;
}

const chatLine = (customId: string, content: string, model = MODEL_ID) =>
	JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body: { model, messages: [{ role: 'user', content }] } });

describe('Batch → Get Results, stopped while waiting', () => {
	it('ends the wait at once when the execution is cancelled: no status check after it', async () => {
		let cancel = () => {};
		intercept('get', `/v1/batches/${BATCH_ID}`, { body: batchBody({ status: 'in_progress' }) });
		const polls = intercept('get', `/v1/batches/${BATCH_ID}`, () => {
			setImmediate(cancel);
			return { body: batchBody({ status: 'in_progress' }) };
		}, 10);
		const { run } = await runNode({ parameters: batchParameters('getResults', BATCH_ID, { waitForCompletion: true }), onRunning: (stop) => (cancel = stop) });
		expect(run.status).toBe('canceled');
		expect(polls).toHaveLength(1);
		// Past the moment of the next check (2 s after the first): none came (a check is not a timing assertion: it counts requests).
		await new Promise((resolve) => setTimeout(resolve, 2_500));
		expect(polls).toHaveLength(1);
	}, 20_000);
});

describe('Batch → Get Results, in a later execution', () => {
	it('collects a batch created earlier: one item per request, in custom_id order, each with its custom_id', async () => {
		stand.current.configure({ batchPolls: 2 });
		const created = await runNode({ parameters: batchCreateParameters(), input: questions(...Array.from({ length: 12 }, (_, index) => `Question ${index}?`)), credentials: onStandIn() });
		const batchId = String(created.items[0].json.batch_id);

		const early = await runNode({ parameters: batchParameters('getResults', batchId), credentials: onStandIn() });
		expect(early.error?.message).toBe(`Batch "${batchId}" is not done yet (status in_progress, 0 of 12 requests done) [item 0]`);
		expect(early.error?.description).toContain('turn Wait for Completion on');

		const { items, error } = await runNode({ parameters: batchParameters('getResults', '={{ $json.batch_id }}', { waitForCompletion: true }), input: created.items, credentials: onStandIn() });
		expect(error).toBeUndefined();
		expect(items.map(({ json }) => [json.custom_id, json.content])).toEqual(Array.from({ length: 12 }, (_, index) => [`item-${index}`, `Echo from ${MODEL_ID}: Question ${index}?`]));
		expect(new Set(items.map(({ pairedItem }) => JSON.stringify(pairedItem)))).toEqual(new Set([JSON.stringify({ item: 0 })]));
	}, 20_000);

	it('gives the raw result body with Simplify off, and parses JSON replies with Output Content as JSON', async () => {
		stand.current.configure({ batchPolls: 1 });
		const batchId = await batchOnStandIn([chatLine('q1', 'Reply in JSON please')]);
		const raw = await runNode({ parameters: batchParameters('getResults', batchId, { waitForCompletion: true, simplify: false, options: { jsonOutput: true } }), credentials: onStandIn() });
		expect(raw.error).toBeUndefined();
		expect(raw.items[0].json).toMatchObject({ custom_id: 'q1', object: 'chat.completion', choices: [{ message: { content: { model: MODEL_ID, echo: 'Reply in JSON please' } } }] });
	}, 20_000);

	it('fails on a failed request saying how many failed, or outputs it as an error item with On Error: Continue', async () => {
		stand.current.configure({ batchPolls: 1 });
		const batchId = await batchOnStandIn([chatLine('a', 'Fine'), chatLine('b', 'Lost', 'no-such-model'), chatLine('c', 'Also fine')]);
		const stopped = await runNode({ parameters: batchParameters('getResults', batchId, { waitForCompletion: true }), credentials: onStandIn() });
		expect(stopped.error?.message).toBe(
			`The request "b" of batch "${batchId}" failed: HTTP 404: The model "no-such-model" does not exist. (1 of 3 requests failed; with On Error: Continue the answers are output and each failed request is an error item)`,
		);
		const { items } = await runNode({ parameters: batchParameters('getResults', batchId), credentials: onStandIn(), onError: 'continueRegularOutput' });
		expect(items.map(({ json }) => json.content ?? json)).toEqual([
			`Echo from ${MODEL_ID}: Fine`,
			{ error: `The request "b" of batch "${batchId}" failed: HTTP 404: The model "no-such-model" does not exist.` },
			`Echo from ${MODEL_ID}: Also fine`,
		]);
		expect(items[1].error).toBeDefined();
	}, 20_000);

	it('a result line that cannot be read is an error item in its place with On Error: Continue; the readable answers are kept', async () => {
		intercept('get', `/v1/batches/${BATCH_ID}`, { body: batchBody({ status: 'completed', request_counts: { total: 3, completed: 3, failed: 0 } }) }, 2);
		intercept('get', `/v1/batches/${BATCH_ID}/results`, { body: { batch_id: BATCH_ID, result_available: true, output_file_url: 'https://files.example/out.jsonl?sig=1' } }, 2);
		const result = (customId: string, content: string) => JSON.stringify({ custom_id: customId, response: { status_code: 200, body: completion({ content }) }, error: null });
		const file = [result('b', 'Two!'), result('a', 'One!'), '<html>garbled</html>'].join('\n');
		nock('https://files.example').get('/out.jsonl').query(true).times(2).reply(200, file);

		const { items } = await runNode({ parameters: batchParameters('getResults', BATCH_ID), onError: 'continueRegularOutput' });
		expect(items.map(({ json }) => json.content ?? json.error)).toEqual(['One!', 'Two!', "Line 3 of the batch's output file is not a result with a custom_id"]);
		expect(items[2].error?.description).toBe('It reads: "<html>garbled</html>". The file was cut off or garbled on its way: run Batch → Get Results again for a new copy.');

		const stopped = await runNode({ parameters: batchParameters('getResults', BATCH_ID) });
		expect(stopped.error?.message).toBe(
			"Line 3 of the batch's output file is not a result with a custom_id (1 of 3 requests failed or could not be read; with On Error: Continue the answers are output and each failed request is an error item)",
		);
	}, 20_000);

	it('says why a batch with a malformed line failed, with its line number', async () => {
		stand.current.configure({ batchPolls: 1 });
		const batchId = await batchOnStandIn([chatLine('a', 'Fine'), '{"custom_id": "b", oops']);
		const { error } = await runNode({ parameters: batchParameters('getResults', batchId, { waitForCompletion: true }), credentials: onStandIn() });
		expect(error?.message).toBe(`Batch "${batchId}" failed: line 2: invalid_json: The line is not valid JSON. [item 0]`);
	}, 20_000);

	it('words a failed batch whose reason names no line as the batch\'s own failure, not a refused line', async () => {
		intercept('get', `/v1/batches/${BATCH_ID}`, { body: batchBody({ status: 'failed', errors: [{ code: 'quota_exceeded', message: 'The batch queue of this key is full.' }] }) });
		intercept('get', `/v1/batches/${BATCH_ID}`, { body: batchBody({ status: 'failed' }) });
		const named = await runNode({ parameters: batchParameters('getResults', BATCH_ID) });
		expect(named.error?.message).toBe(`Batch "${BATCH_ID}" failed: quota_exceeded: The batch queue of this key is full. [item 0]`);
		expect(named.error?.description).toBe(
			`DigitalOcean failed the batch as a whole for the reason above, so none of its requests ran: create it again, and if it fails again, ask DigitalOcean's support about batch "${BATCH_ID}".`,
		);
		const silent = await runNode({ parameters: batchParameters('getResults', BATCH_ID) });
		expect(silent.error?.message).toBe(`Batch "${BATCH_ID}" failed [item 0]`);
		expect(silent.error?.description).toContain('DigitalOcean failed the batch as a whole without giving a reason');
	});

	it('waits through "not ready" in either of its forms (412, result_available false)', async () => {
		for (const batchNotReady of ['412', 'flag'] as const) {
			// Completed at the first status check, its results "not ready" at the first ask.
			stand.current.configure({ batchPolls: 1, batchNotReady, batchResultsDelay: 1 });
			const asked = stand.current.stats().byRoute['GET /v1/batches/{batch_id}/results'] ?? 0;
			const batchId = await batchOnStandIn([chatLine('a', 'Hello')]);
			const { items, error } = await runNode({ parameters: batchParameters('getResults', batchId, { waitForCompletion: true }), credentials: onStandIn() });
			expect(error).toBeUndefined();
			expect(items.map(({ json }) => json.content)).toEqual([`Echo from ${MODEL_ID}: Hello`]);
			expect(stand.current.stats().byRoute['GET /v1/batches/{batch_id}/results'] - asked).toBe(2);
		}
		// Without waiting, "not ready" is said plainly.
		stand.current.configure({ batchPolls: 1, batchNotReady: '412', batchResultsDelay: 5 });
		const lagging = await batchOnStandIn([chatLine('a', 'Hello')]);
		const { error } = await runNode({ parameters: batchParameters('getResults', lagging), credentials: onStandIn() });
		expect(error?.message).toBe(`Batch "${lagging}" is completed but its results are not available [item 0]`);
	}, 30_000);
});

describe('Batch → Get, Get Many, Cancel', () => {
	it('gets a batch, and says plainly when the ID is unknown or empty', async () => {
		const batchId = await batchOnStandIn([chatLine('a', 'Hello')]);
		const { items } = await runNode({ parameters: batchParameters('get', batchId), credentials: onStandIn() });
		expect(items[0].json).toMatchObject({ batch_id: batchId, status: 'in_progress', request_counts: { total: 1 } });
		const unknown = await runNode({ parameters: batchParameters('get', 'no-such-batch'), credentials: onStandIn() });
		expect(unknown.error?.message).toBe('Batch "no-such-batch" was not found');
		expect(unknown.error?.description).toContain('Check the Batch ID');
		const empty = await runNode({ parameters: batchParameters('get', '={{ $json.batch_id }}'), credentials: onStandIn() });
		expect(empty.error?.message).toBe('Batch ID: is empty [item 0]');
	});

	it('cancels a running batch, and words the 409 for one that cannot be cancelled', async () => {
		const batchId = await batchOnStandIn([chatLine('a', 'Hello')]);
		const early = await runNode({ parameters: batchParameters('cancel', batchId), credentials: onStandIn() });
		expect(early.error?.message).toBe(`Batch "${batchId}" cannot be cancelled now`);
		expect(early.error?.description).toContain('has not been submitted to the provider yet');
		await runNode({ parameters: batchParameters('get', batchId), credentials: onStandIn() });
		const { items } = await runNode({ parameters: batchParameters('cancel', batchId), credentials: onStandIn() });
		expect(items[0].json).toMatchObject({ batch_id: batchId, status: 'cancelling' });
	});

	it('lists up to Limit, or every page with Return All, following the after cursor', async () => {
		const pages = [
			intercept('get', '/v1/batches?limit=100', { body: { object: 'list', data: [batchBody({ batch_id: 'b1' }), batchBody({ batch_id: 'b2' })], first_id: 'b1', last_id: 'b2', has_more: true } }),
			intercept('get', '/v1/batches?limit=100&after=b2', { body: { object: 'list', data: [batchBody({ batch_id: 'b3' })], first_id: 'b3', last_id: 'b3', has_more: false } }),
		];
		const all = await runNode({ parameters: { resource: 'batch', operation: 'getAll', returnAll: true } });
		expect(all.items.map(({ json }) => json.batch_id)).toEqual(['b1', 'b2', 'b3']);
		expect(pages.map((page) => page.length)).toEqual([1, 1]);

		const limited = intercept('get', '/v1/batches?limit=2&status=completed', { body: { object: 'list', data: [batchBody({ batch_id: 'b1' }), batchBody({ batch_id: 'b2' })], first_id: 'b1', last_id: 'b2', has_more: true } });
		const some = await runNode({ parameters: { resource: 'batch', operation: 'getAll', limit: 2, options: { status: 'completed' } } });
		expect(some.items.map(({ json }) => json.batch_id)).toEqual(['b1', 'b2']);
		expect(limited).toHaveLength(1);
	});
});
