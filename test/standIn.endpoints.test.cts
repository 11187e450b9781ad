// The stand-in's endpoints beyond chat and models, as ../shared/reference/do-inference-endpoints.md
// describes DigitalOcean's: embeddings, images, fal async jobs, batches with presigned URLs.
import { useStandIn } from './harness/standIn.cjs';

const stand = useStandIn();

async function call(path: string, { method, body, key = stand.current.key, headers = {} }: { method?: string; body?: unknown; key?: string | null; headers?: Record<string, string> } = {}) {
	const response = await fetch(path.startsWith('http') ? path : `${stand.current.url}${path}`, {
		method: method ?? (body === undefined ? 'GET' : 'POST'),
		headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body === undefined || typeof body !== 'object' ? {} : { 'content-type': 'application/json' }), ...headers },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const bytes = Buffer.from(await response.arrayBuffer());
	let json: any;
	try {
		json = JSON.parse(bytes.toString('utf8'));
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8'), json };
}

describe('POST /v1/embeddings', () => {
	const embed = (body: Record<string, unknown>) => call('/v1/embeddings', { body: { model: 'qwen3-embedding-0.6b', ...body } });

	it('answers each input with a vector, in order, with usage; the same text gets the same vector', async () => {
		const { status, json } = await embed({ input: ['first', 'second', 'first'] });
		expect(status).toBe(200);
		expect(json).toMatchObject({ object: 'list', model: 'qwen3-embedding-0.6b', usage: { prompt_tokens: 6, total_tokens: 6 } });
		expect(json.data.map(({ object, index }: { object: string; index: number }) => ({ object, index }))).toEqual([0, 1, 2].map((index) => ({ object: 'embedding', index })));
		const [first, second, again] = json.data.map(({ embedding }: { embedding: number[] }) => embedding);
		expect(first).toHaveLength(64);
		expect(again).toEqual(first);
		expect(second).not.toEqual(first);
		expect(Math.hypot(...first)).toBeCloseTo(1, 5);
		expect(stand.current.stats().embeddedInputs).toBe(3);
	});

	it('puts texts that share words near each other, so that retrieval is predictable', async () => {
		const { json } = await embed({
			input: ['Which animal lives in the ocean?', 'The shark lives in the ocean.', 'The apple grows on trees.'],
		});
		const [query, shark, apple] = json.data.map(({ embedding }: { embedding: number[] }) => embedding);
		const cosine = (a: number[], b: number[]) => a.reduce((sum, value, index) => sum + value * b[index], 0);
		expect(cosine(query, shark)).toBeGreaterThan(0.5);
		expect(cosine(query, shark)).toBeGreaterThan(cosine(query, apple) + 0.3);
	});

	it('answers a lone string at index 0, and base64 as little-endian float32 of the same vector', async () => {
		const floats = (await embed({ input: 'hello' })).json.data[0].embedding;
		const { json } = await embed({ input: 'hello', encoding_format: 'base64' });
		expect(json.data[0].index).toBe(0);
		const bytes = Buffer.from(json.data[0].embedding, 'base64');
		expect(Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4))).toEqual(floats);
	});

	it('refuses what DigitalOcean refuses: an unknown field such as dimensions, too many inputs, a chat model', async () => {
		expect(await embed({ input: 'x', dimensions: 256 })).toMatchObject({
			status: 400,
			json: { id: 'bad_request', message: 'Unknown field "dimensions": the request accepts only model, input, encoding_format, user.' },
		});
		expect((await embed({ input: Array(2049).fill('x') })).json.message).toBe('The "input" field must be a string or an array of 1 to 2048 strings.');
		expect((await embed({ input: [] })).status).toBe(400);
		expect((await call('/v1/embeddings', { body: { model: 'openai-gpt-4o', input: 'x' } })).json.message).toBe(
			'The model "openai-gpt-4o" does not support embeddings.',
		);
		expect((await call('/v1/embeddings', { body: { model: 'nope', input: 'x' } })).status).toBe(404);
	});
});

describe('POST /v1/images/generations', () => {
	const draw = (body: Record<string, unknown>) => call('/v1/images/generations', { body: { model: 'openai-gpt-image-1', prompt: 'A lighthouse', n: 1, ...body } });

	it('answers n images as base64 of real files in the asked format, with the settings and usage', async () => {
		const { status, json } = await draw({ n: 2, size: '1536x1024', output_format: 'jpeg' });
		expect(status).toBe(200);
		expect(json.data).toHaveLength(2);
		expect(Buffer.from(json.data[0].b64_json, 'base64').subarray(0, 3).toString('hex')).toBe('ffd8ff');
		// A whole JPEG: the node refuses one without its end-of-image marker.
		expect(Buffer.from(json.data[0].b64_json, 'base64').subarray(-2).toString('hex')).toBe('ffd9');
		expect(json).toMatchObject({ output_format: 'jpeg', size: '1536x1024', usage: { input_tokens: 3, output_tokens: 200, total_tokens: 203 } });
		expect(Buffer.from((await draw({})).json.data[0].b64_json, 'base64').subarray(1, 4).toString()).toBe('PNG');
	});

	it('refuses a missing n, a size outside the schema, response_format and a chat model', async () => {
		expect((await draw({ n: undefined })).json.message).toBe('The "n" field is required: an integer from 1 to 10.');
		expect((await draw({ size: '1024x1024' })).status).toBe(400);
		expect((await draw({ response_format: 'url' })).json.message).toBe('Unknown field "response_format".');
		expect((await draw({ output_format: 'toString' })).json.message).toBe('The "output_format" field must be png, webp or jpeg.');
		expect((await draw({ model: 'openai-gpt-4o' })).json.message).toBe('The model "openai-gpt-4o" does not generate images.');
	});
});

describe('fal jobs: POST /v1/async-invoke, its status and its result', () => {
	const invoke = (input: Record<string, unknown>, modelId = 'fal-ai/flux/schnell') => call('/v1/async-invoke', { body: { model_id: modelId, input } });

	it('queues a job, moves it on as it is polled, and serves its images from a URL that needs no key', async () => {
		const accepted = await invoke({ prompt: 'A lighthouse', num_images: 2 });
		expect(accepted.status).toBe(202);
		expect(accepted.json).toMatchObject({ status: 'QUEUED', model_id: 'fal-ai/flux/schnell', output: null, error: null, started_at: null });
		const id = accepted.json.request_id;
		const status = async () => (await call(`/v1/async-invoke/${id}/status`)).json;
		expect(await status()).toEqual({ request_id: id, status: 'IN_PROGRESS' });
		expect(await status()).toEqual({ request_id: id, status: 'COMPLETED' });
		const { json: job } = await call(`/v1/async-invoke/${id}`);
		expect(job.output.images).toHaveLength(2);
		expect(job.output.images[0]).toMatchObject({ content_type: 'image/png', width: 256, height: 256 });
		const media = await call(job.output.images[0].url, { key: null });
		expect(media.status).toBe(200);
		expect(media.headers.get('content-type')).toBe('image/png');
		expect(media.bytes.subarray(1, 4).toString()).toBe('PNG');
		expect(stand.current.stats().presignedWithAuth).toBe(0);
		await call(job.output.images[0].url);
		expect(stand.current.stats().presignedWithAuth).toBe(1);
	});

	it('gives speech models an audio file, fails a job whose text asks to, and does not know other models', async () => {
		const { json } = await invoke({ text: 'Hello' }, 'fal-ai/elevenlabs/tts/multilingual-v2');
		stand.current.configure({ jobPolls: 1 });
		await call(`/v1/async-invoke/${json.request_id}/status`);
		const speech = (await call(`/v1/async-invoke/${json.request_id}`)).json.output.audio;
		expect(speech.content_type).toBe('audio/wav');
		expect((await call(speech.url, { key: null })).bytes.subarray(0, 4).toString()).toBe('RIFF');

		const failing = (await invoke({ prompt: 'please FAIL' })).json.request_id;
		await call(`/v1/async-invoke/${failing}/status`);
		expect((await call(`/v1/async-invoke/${failing}`)).json).toMatchObject({ status: 'FAILED', output: null, error: 'The model could not process the input: please FAIL' });
		expect((await invoke({ prompt: 'x' }, 'llama3.3-70b-instruct')).status).toBe(404);
		expect((await call('/v1/async-invoke/unknown/status')).status).toBe(404);
	});
});

describe('batches: file, presigned upload, batch, polls, results', () => {
	const line = (customId: string, content: string, { url = '/v1/chat/completions', model = 'openai-gpt-4o' } = {}) =>
		JSON.stringify({ custom_id: customId, method: 'POST', url, body: { model, messages: [{ role: 'user', content }] } });
	// Two answered, one the model refuses (an unknown model): a well-formed file.
	const jsonl = [line('a', 'First question'), line('b', 'Second question'), line('c', 'Third', { model: 'no-such-model' })].join('\n') + '\n';

	async function uploaded(content = jsonl): Promise<string> {
		const file = await call('/v1/batches/files', { body: { file_name: 'prompts.jsonl' } });
		expect(file.status).toBe(201);
		const put = await call(file.json.upload_url, { method: 'PUT', body: content, key: null, headers: { 'content-type': 'application/octet-stream' } });
		expect(put.status).toBe(200);
		return file.json.file_id;
	}

	const creation = (fileId: string, requestId: string) => ({ file_id: fileId, provider: 'openai', endpoint: '/v1/chat/completions', completion_window: '24h', request_id: requestId });

	it('runs a whole batch: answers out of input order, a refused request in the error file', async () => {
		const fileId = await uploaded();
		const create = creation(fileId, 'run-1');
		const created = await call('/v1/batches', { body: create });
		expect(created.status).toBe(201);
		expect(created.json).toMatchObject({ status: 'validating', input_file_id: fileId, output_file_id: null, request_counts: { total: 0 }, errors: null });
		expect(created.json.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
		const id = created.json.batch_id;
		// The same request_id is the same batch.
		expect((await call('/v1/batches', { body: create })).json.batch_id).toBe(id);
		// Not yet handed to the provider: nothing to cancel.
		expect((await call(`/v1/batches/${id}/cancel`, { method: 'POST' })).status).toBe(409);

		expect(await call(`/v1/batches/${id}/results`)).toMatchObject({ status: 412, json: { id: 'precondition_failed' } });
		const statuses = [];
		for (let poll = 0; poll < 3; poll++) statuses.push((await call(`/v1/batches/${id}`)).json.status);
		expect(statuses).toEqual(['in_progress', 'finalizing', 'completed']);
		const { json: batch } = await call(`/v1/batches/${id}`);
		expect(batch.request_counts).toEqual({ total: 3, completed: 2, failed: 1 });
		expect(batch.errors).toBeNull();

		const { json: results } = await call(`/v1/batches/${id}/results`);
		expect(results).toMatchObject({ batch_id: id, result_available: true });
		const output = (await call(results.output_file_url, { key: null })).text.trim().split('\n').map((text) => JSON.parse(text));
		expect(output.map(({ custom_id: customId, response }) => [customId, response.body.choices[0].message.content])).toEqual([
			['b', 'Echo from openai-gpt-4o: Second question'],
			['a', 'Echo from openai-gpt-4o: First question'],
		]);
		const errors = (await call(results.error_file_url, { key: null })).text.trim().split('\n').map((text) => JSON.parse(text));
		expect(errors).toEqual([
			{ id: 'batch_req_3', custom_id: 'c', error: null, response: { status_code: 404, request_id: 'req_3', body: { error: { message: 'The model "no-such-model" does not exist.', type: 'invalid_request_error' } } } },
		]);

		expect((await call(`/v1/batches/${id}/cancel`, { method: 'POST' })).status).toBe(409);
		expect((await call('/v1/batches?limit=1')).json).toMatchObject({ object: 'list', first_id: id, last_id: id, has_more: false });
	});

	it('fails a batch whose file has a malformed line while validating, naming each line', async () => {
		const malformed = [line('a', 'Fine'), '{not json', line('a', 'Again'), line('d', 'Elsewhere', { url: '/v1/responses' })].join('\n');
		const { json: created } = await call('/v1/batches', { body: creation(await uploaded(malformed), 'run-bad') });
		const { json: batch } = await call(`/v1/batches/${created.batch_id}`);
		expect(batch).toMatchObject({ status: 'failed', output_file_id: null });
		expect(batch.failed_at).toMatch(/^\d{4}-/);
		expect(batch.errors).toEqual([
			{ code: 'invalid_json', message: 'The line is not valid JSON.', line: 2 },
			{ code: 'duplicate_custom_id', message: 'The custom_id "a" is used by more than one line.', line: 3 },
			{ code: 'invalid_url', message: "The line's method and url must be POST /v1/chat/completions.", line: 4 },
		]);
		expect((await call(`/v1/batches/${created.batch_id}/results`)).status).toBe(412);
	});

	it('refuses an upload larger than batchMaxBytes as S3 does', async () => {
		stand.current.configure({ batchMaxBytes: 100 });
		const { json: file } = await call('/v1/batches/files', { body: { file_name: 'prompts.jsonl' } });
		const put = await call(file.upload_url, { method: 'PUT', body: jsonl, key: null, headers: { 'content-type': 'application/octet-stream' } });
		expect(put.status).toBe(400);
		expect(put.text).toContain('<Code>EntityTooLarge</Code>');
	});

	it('refuses an upload that carries the key, a changed URL or another content type, as presigned storage does', async () => {
		const { json: file } = await call('/v1/batches/files', { body: { file_name: 'prompts.jsonl' } });
		const put = (url: string, options: { key?: string | null; headers?: Record<string, string> }) => call(url, { method: 'PUT', body: jsonl, ...options });
		expect(await put(file.upload_url, {})).toMatchObject({ status: 400 });
		expect((await put(file.upload_url.replace('Signature=', 'Signature=0'), { key: null })).text).toContain('<Code>SignatureDoesNotMatch</Code>');
		expect((await put(file.upload_url, { key: null, headers: { 'content-type': 'application/jsonl' } })).status).toBe(403);
		expect((await call('/v1/batches/files', { body: { file_name: 'a.json' } })).status).toBe(422);
		// A batch of a file that never arrived is refused.
		const batch = { file_id: file.file_id, provider: 'openai', endpoint: '/v1/chat/completions', completion_window: '24h', request_id: 'run-2' };
		expect((await call('/v1/batches', { body: batch })).status).toBe(404);
	});

	it('says "not ready" with result_available false when told to, and cancels a running batch', async () => {
		stand.current.configure({ batchNotReady: 'flag' });
		const fileId = await uploaded();
		const { json: batch } = await call('/v1/batches', { body: creation(fileId, 'run-3') });
		expect((await call(`/v1/batches/${batch.batch_id}`)).json.status).toBe('in_progress');
		expect((await call(`/v1/batches/${batch.batch_id}/results`)).json).toEqual({
			batch_id: batch.batch_id,
			result_available: false,
			output_file_url: null,
			error_file_url: null,
			expires_at: null,
		});
		expect((await call(`/v1/batches/${batch.batch_id}/cancel`, { method: 'POST' })).json.status).toBe('cancelling');
		expect((await call(`/v1/batches/${batch.batch_id}`)).json.status).toBe('cancelled');
	});
});

describe('what every endpoint shares', () => {
	it('the key, the faults and the counters apply to the new endpoints too', async () => {
		expect((await call('/v1/embeddings', { body: { model: 'qwen3-embedding-0.6b', input: 'x' }, key: 'wrong' })).status).toBe(401);
		stand.current.configure({ faults: [{ kind: 'status', status: 503, next: 1 }] });
		expect((await call('/v1/embeddings', { body: { model: 'qwen3-embedding-0.6b', input: 'x' } })).status).toBe(503);
		expect((await call('/v1/embeddings', { body: { model: 'qwen3-embedding-0.6b', input: 'x' } })).status).toBe(200);
		expect(stand.current.stats().byRoute).toEqual({ 'POST /v1/embeddings': 3 });
	});
});
