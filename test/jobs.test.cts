// Job (fal async-invoke) through n8n's engine: what Start sends, the polling, the downloads as
// binary data, and every way a job can end badly.
import nock from 'nock';

import { type CapturedRequest, intercept } from './harness/api.cjs';
import { jobParameters, jobStartParameters } from './harness/parameters.cjs';
import { runNode, TEST_BASE_URL, TEST_KEY, testCredentials } from './harness/runNode.cjs';
import { useStandIn } from './harness/standIn.cjs';
import { typeOfBytes } from '../nodes/shared/media/binaryFiles';

const MEDIA_HOST = 'https://v3.fal.media';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
// A valid WAV file, as the stand-in serves for audio jobs.
const WAV: Buffer = require('../dev/stand-in/media').silentWav();
const ID = '6590784a-ce47-4556-9ff4-53baff2693bb';

const job = (status: string, extra: Record<string, unknown> = {}) => ({
	request_id: ID,
	status,
	model_id: 'fal-ai/flux/schnell',
	created_at: '2026-12-02T08:00:00Z',
	started_at: status === 'QUEUED' ? null : '2026-12-02T08:00:01Z',
	completed_at: status === 'COMPLETED' || status === 'FAILED' ? '2026-12-02T08:00:03Z' : null,
	output: null,
	error: null,
	...extra,
});

const imageOutput = (count = 1) => ({
	images: Array.from({ length: count }, (_, index) => ({ url: `${MEDIA_HOST}/files/fox/${index}.png`, content_type: 'image/png', width: 1024, height: 768 })),
	seed: 42,
});

/** The job API: Start queues, each status poll moves it on (done after `polls`), the result route gives `result`. */
function jobApi({ polls = 2, result = job('COMPLETED', { output: imageOutput() }) }: { polls?: number; result?: object } = {}) {
	const started = intercept('post', '/v1/async-invoke', { status: 202, body: job('QUEUED') });
	let seen = 0;
	const statuses = intercept('get', `/v1/async-invoke/${ID}/status`, () => {
		seen += 1;
		return { body: { request_id: ID, status: seen >= polls ? (result as { status: string }).status : 'IN_PROGRESS' } };
	}, polls);
	const results = intercept('get', `/v1/async-invoke/${ID}`, { body: result });
	return { started, statuses, results };
}

/** Files on the media host (another host than the API): each request recorded with its headers. */
function mediaHost(files: Record<string, { status?: number; body: Buffer | string; type?: string }>, times = 1) {
	const requests: CapturedRequest[] = [];
	for (const [path, { status = 200, body, type = 'image/png' }] of Object.entries(files)) {
		nock(MEDIA_HOST)
			.get(path)
			.times(times)
			.reply(function () {
				requests.push({ path, body: undefined, headers: { ...this.req.headers } });
				return [status, body, { 'content-type': type }];
			});
	}
	return requests;
}

describe('Job → Start, waiting for completion (the default)', () => {
	it('sends only the model and its input, polls until done, and outputs each file as binary data without the key going to the media host', async () => {
		const api = jobApi();
		const downloads = mediaHost({ '/files/fox/0.png': { body: PNG } });
		const { items, error } = await runNode({ parameters: jobStartParameters() });

		expect(error).toBeUndefined();
		expect(api.started.map(({ body }) => body)).toEqual([{ model_id: 'fal-ai/flux/schnell', input: { prompt: 'A red fox in the snow' } }]);
		expect(api.statuses).toHaveLength(2);
		expect(api.results).toHaveLength(1);
		expect(api.statuses[0].headers.authorization).toBe(`Bearer ${TEST_KEY}`);
		expect(downloads).toHaveLength(1);
		expect(downloads[0].headers.authorization).toBeUndefined();
		expect(JSON.stringify(downloads[0].headers)).not.toContain(TEST_KEY);

		expect(items.map(({ json, pairedItem }) => ({ json, pairedItem }))).toEqual([
			{
				json: {
					request_id: ID,
					status: 'COMPLETED',
					model_id: 'fal-ai/flux/schnell',
					created_at: '2026-12-02T08:00:00Z',
					started_at: '2026-12-02T08:00:01Z',
					completed_at: '2026-12-02T08:00:03Z',
					file: { url: `${MEDIA_HOST}/files/fox/0.png`, content_type: 'image/png', width: 1024, height: 768 },
					output: { seed: 42 },
				},
				pairedItem: { item: 0 },
			},
		]);
		const { mimeType, fileName, fileExtension, bytes, data } = items[0].binary!.data;
		expect({ mimeType, fileName, fileExtension, bytes }).toEqual({ mimeType: 'image/png', fileName: '0.png', fileExtension: 'png', bytes: PNG.length });
		expect(Buffer.from(data, 'base64')).toEqual(PNG);
	});

	it('one item per file, in the output order, under the chosen field; the image options sent under fal names', async () => {
		const api = jobApi({ polls: 1, result: job('COMPLETED', { output: imageOutput(3) }) });
		mediaHost({ '/files/fox/0.png': { body: PNG }, '/files/fox/1.png': { body: PNG }, '/files/fox/2.png': { body: PNG } });
		const { items, error } = await runNode({
			parameters: jobStartParameters({
				options: {
					numImages: 3,
					outputFormat: 'png',
					numInferenceSteps: 4,
					guidanceScale: 3.5,
					enableSafetyChecker: false,
					additionalInput: '{"seed": 7, "image_size": "landscape_4_3"}',
					tags: { values: [{ key: 'workflow', value: 'catalog' }] },
					binaryPropertyOutput: 'image',
				},
			}),
		});

		expect(error).toBeUndefined();
		expect(api.started[0].body).toEqual({
			model_id: 'fal-ai/flux/schnell',
			input: {
				prompt: 'A red fox in the snow',
				num_images: 3,
				output_format: 'png',
				num_inference_steps: 4,
				guidance_scale: 3.5,
				enable_safety_checker: false,
				seed: 7,
				image_size: 'landscape_4_3',
			},
			tags: [{ key: 'workflow', value: 'catalog' }],
		});
		expect(items.map(({ json }) => (json.file as { url: string }).url)).toEqual([0, 1, 2].map((index) => `${MEDIA_HOST}/files/fox/${index}.png`));
		expect(items.every(({ binary }) => Object.keys(binary!).join() === 'image')).toBe(true);
	});

	it.each([
		[
			'audio',
			{ kind: 'audio', prompt: 'Rain on a tin roof', options: { secondsTotal: 5, numImages: 2 } },
			{ model_id: 'fal-ai/flux/schnell', input: { prompt: 'Rain on a tin roof', seconds_total: 5 } },
		],
		[
			'speech',
			{ kind: 'speech', text: 'Your order has shipped.', options: { additionalInput: '{"voice": "Rachel"}', secondsTotal: 5 } },
			{ model_id: 'fal-ai/flux/schnell', input: { text: 'Your order has shipped.', voice: 'Rachel' } },
		],
		[
			'any model (JSON)',
			{ kind: 'json', inputJson: '{"prompt": "a boat", "loop": true}', prompt: 'left over', options: { numImages: 2 } },
			{ model_id: 'fal-ai/flux/schnell', input: { prompt: 'a boat', loop: true } },
		],
	])('%s: sends its own input fields, not those of another kind', async (_kind, parameters, body) => {
		const started = intercept('post', '/v1/async-invoke', { status: 202, body: job('QUEUED') });
		const { error } = await runNode({ parameters: jobStartParameters({ ...parameters, waitForCompletion: false }) });

		expect(error).toBeUndefined();
		expect(started.map((request) => request.body)).toEqual([body]);
	});

	it('a speech job: the audio file comes back as audio binary data named from its URL', async () => {
		const speech = job('COMPLETED', { model_id: 'fal-ai/elevenlabs/tts/multilingual-v2', output: { audio: { url: `${MEDIA_HOST}/files/tts/speech.wav` } } });
		jobApi({ polls: 1, result: speech });
		mediaHost({ '/files/tts/speech.wav': { body: WAV, type: 'audio/wav' } });
		const { items, error } = await runNode({ parameters: jobStartParameters({ kind: 'speech', text: 'Hello' }) });

		expect(error).toBeUndefined();
		const { mimeType, fileName, bytes } = items[0].binary!.data;
		expect({ mimeType, fileName, bytes }).toEqual({ mimeType: 'audio/wav', fileName: 'speech.wav', bytes: WAV.length });
		expect(items[0].json.output).toEqual({});
	});

	it('a job answered as done at once (200 with output) is not polled', async () => {
		const started = intercept('post', '/v1/async-invoke', { body: job('COMPLETED', { output: imageOutput() }) });
		mediaHost({ '/files/fox/0.png': { body: PNG } });
		const { items, error } = await runNode({ parameters: jobStartParameters() });

		expect(error).toBeUndefined();
		expect(started).toHaveLength(1);
		expect(items).toHaveLength(1);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('a file given as a data URL (fal sync_mode) becomes binary data without a download, and its base64 stays out of the JSON', async () => {
		const dataUrl = `data:image/png;base64,${PNG.toString('base64')}`;
		jobApi({ polls: 1, result: job('COMPLETED', { output: { images: [{ url: dataUrl, content_type: 'image/png', width: 1, height: 1 }] } }) });
		const { items, error } = await runNode({ parameters: jobStartParameters({ options: { additionalInput: '{"sync_mode": true}' } }) });

		expect(error).toBeUndefined();
		const { mimeType, fileName, data } = items[0].binary!.data;
		expect({ mimeType, fileName }).toEqual({ mimeType: 'image/png', fileName: 'file-1.png' });
		expect(Buffer.from(data, 'base64')).toEqual(PNG);
		expect(items[0].json.file).toEqual({ content_type: 'image/png', width: 1, height: 1 });
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('Download Files off: one item with the job and its URLs, nothing downloaded', async () => {
		jobApi({ polls: 1 });
		const { items, error } = await runNode({ parameters: jobStartParameters({ options: { downloadFiles: false } }) });

		expect(error).toBeUndefined();
		const { error: _none, ...completed } = job('COMPLETED', { output: imageOutput() });
		expect(items.map(({ json, binary }) => ({ json, binary }))).toEqual([{ json: completed, binary: undefined }]);
	});

	it('a poll turned away (503) is sent again through the request path', async () => {
		intercept('post', '/v1/async-invoke', { status: 202, body: job('QUEUED') });
		const polls = intercept('get', `/v1/async-invoke/${ID}/status`, { status: 503, body: { id: 'server_error', message: 'Try again later.' } });
		const retried = intercept('get', `/v1/async-invoke/${ID}/status`, { body: { request_id: ID, status: 'COMPLETED' } });
		intercept('get', `/v1/async-invoke/${ID}`, { body: job('COMPLETED', { output: imageOutput() }) });
		mediaHost({ '/files/fox/0.png': { body: PNG } });
		const { items, error } = await runNode({ parameters: jobStartParameters() });

		expect(error).toBeUndefined();
		expect([polls.length, retried.length]).toEqual([1, 1]);
		expect(items).toHaveLength(1);
	});
});

const CHECK_FOR_THE_JOB =
	'DigitalOcean may have queued the job before this failure, and each job is charged: check for it (its files, or the usage of the model access key in the DigitalOcean control panel) before running this item again.';

describe('Job → Start: a job is paid for, so its request is sent again only when it was turned away', () => {
	const stand = useStandIn();

	it('a 502 (the job may have been queued) is not sent again, and the error says why', async () => {
		const started = intercept('post', '/v1/async-invoke', { status: 502, body: { id: 'bad_gateway', message: 'Upstream failed.' } }, 2);
		const { error } = await runNode({ parameters: jobStartParameters() });

		expect(started).toHaveLength(1);
		expect(error?.message).toBe("DigitalOcean's inference service failed (HTTP 502) (not sent again: the API may have carried it out)");
		// Not "try again in a moment": that would start a second paid job.
		expect(error?.description).toBe(`DigitalOcean said: Upstream failed. ${CHECK_FOR_THE_JOB}`);
		nock.cleanAll();
	});

	it('a dropped connection after sending says the same: check for the job before running it again', async () => {
		stand.current.configure({ faults: [{ kind: 'drop', next: 1 }] });
		const { error } = await runNode({ parameters: jobStartParameters(), credentials: testCredentials({ baseUrl: stand.current.url, apiKey: stand.current.key }) });

		expect(stand.current.stats()).toMatchObject({ dropped: 1 });
		expect(error?.message).toMatch(/\(not sent again: the API may have carried it out\)$/);
		expect(error?.description).toBe(CHECK_FOR_THE_JOB);
	});

	it('a 429 (turned away, nothing queued) is sent again', async () => {
		intercept('post', '/v1/async-invoke', { status: 429, body: { id: 'too_many_requests', message: 'Slow down.' }, headers: { 'retry-after': '0' } });
		const started = intercept('post', '/v1/async-invoke', { body: job('COMPLETED', { output: imageOutput() }) });
		mediaHost({ '/files/fox/0.png': { body: PNG } });
		const { items, error } = await runNode({ parameters: jobStartParameters() });

		expect(error).toBeUndefined();
		expect(started).toHaveLength(1);
		expect(items[0].binary!.data.mimeType).toBe('image/png');
	});
});

describe('Job → Start: the shapes a finished job may take', () => {
	it("a status answer with only the status (the route's shape is not specified), spelled COMPLETE as DigitalOcean's guide does", async () => {
		intercept('post', '/v1/async-invoke', { status: 202, body: job('QUEUED') });
		intercept('get', `/v1/async-invoke/${ID}/status`, { body: { status: 'COMPLETE' } });
		intercept('get', `/v1/async-invoke/${ID}`, { body: job('COMPLETE', { output: imageOutput() }) });
		mediaHost({ '/files/fox/0.png': { body: PNG } });
		const { items, error } = await runNode({ parameters: jobStartParameters() });

		expect(error).toBeUndefined();
		expect(items.map(({ json }) => [json.request_id, json.status])).toEqual([[ID, 'COMPLETE']]);
	});

	it('a URL under a key ending in "_url" (audio_url), at any depth, is a file too; a generic type from the host gives way to the one the output names, else to the bytes', async () => {
		const output = { audio_url: `${MEDIA_HOST}/files/a/sound`, duration: 3, cover: { image: { url: `${MEDIA_HOST}/files/a/cover`, content_type: 'image/png' } } };
		jobApi({ polls: 1, result: job('COMPLETED', { output }) });
		mediaHost({ '/files/a/sound': { body: WAV, type: 'binary/octet-stream' }, '/files/a/cover': { body: PNG, type: 'application/octet-stream' } });
		const { items, error } = await runNode({ parameters: jobStartParameters({ kind: 'audio' }) });

		expect(error).toBeUndefined();
		expect(items.map(({ json }) => json.file)).toEqual([{ url: `${MEDIA_HOST}/files/a/sound` }, output.cover.image]);
		expect(items[0].json.output).toEqual({ duration: 3 });
		expect(items.map(({ binary }) => [binary!.data.mimeType, binary!.data.fileName])).toEqual([
			['audio/wav', 'file-1.wav'],
			['image/png', 'file-2.png'],
		]);
	});

	it('a job that answers in text (no file in its output): one item with its output', async () => {
		jobApi({ polls: 1, result: job('COMPLETED', { output: { text: 'A fox in the snow.' } }) });
		const { items, error } = await runNode({ parameters: jobStartParameters({ kind: 'json', inputJson: '{"image_url": "https://example.com/fox.png"}' }) });

		expect(error).toBeUndefined();
		expect(items.map(({ json, binary }) => ({ output: json.output, error: json.error, binary }))).toEqual([{ output: { text: 'A fox in the snow.' }, error: undefined, binary: undefined }]);
	});

	it('a completed job without output is an error with its ID, not an empty success', async () => {
		jobApi({ polls: 1, result: job('COMPLETED') });
		const { error } = await runNode({ parameters: jobStartParameters() });

		expect(error?.message).toBe(`Job "${ID}" is COMPLETED but has no output [item 0]`);
	});
});

describe('Job → Start: many items share the request path', () => {
	it('Max Concurrent Requests holds for the polls and the fetches too: never more than 1 in flight for 3 waiting jobs', async () => {
		let inFlight = 0;
		let maxInFlight = 0;
		const answerLater = (status: number, body: nock.ReplyBody) => (_uri: string, _body: unknown, callback: (error: null, reply: [number, nock.ReplyBody]) => void) => {
			inFlight += 1;
			maxInFlight = Math.max(maxInFlight, inFlight);
			setTimeout(() => {
				inFlight -= 1;
				callback(null, [status, body]);
			}, 30);
		};
		const api = nock(TEST_BASE_URL);
		api.post('/v1/async-invoke').times(3).reply(answerLater(202, job('QUEUED')));
		api.get(`/v1/async-invoke/${ID}/status`).times(3).reply(answerLater(200, { request_id: ID, status: 'COMPLETED' }));
		api.get(`/v1/async-invoke/${ID}`).times(3).reply(answerLater(200, job('COMPLETED', { output: imageOutput() })));
		mediaHost({ '/files/fox/0.png': { body: PNG } }, 3);
		const { items, error } = await runNode({
			parameters: jobStartParameters({ requestOptions: { maxConcurrentRequests: 1 } }),
			input: [{ json: {} }, { json: {} }, { json: {} }],
		});

		expect(error).toBeUndefined();
		expect(items.map(({ binary, pairedItem }) => [binary!.data.mimeType, pairedItem])).toEqual([0, 1, 2].map((item) => ['image/png', { item }]));
		expect(maxInFlight).toBe(1);
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('Job → Start: the ways a job ends badly', () => {
	it('FAILED: an error in DigitalOcean\'s words for that item; the other items keep their files', async () => {
		intercept('post', '/v1/async-invoke', (body) => ({
			status: 202,
			body: job('QUEUED', { request_id: (body as { input: { prompt: string } }).input.prompt === 'bad' ? 'job-bad' : ID }),
		}), 2);
		intercept('get', '/v1/async-invoke/job-bad/status', { body: { request_id: 'job-bad', status: 'FAILED' } });
		intercept('get', '/v1/async-invoke/job-bad', { body: job('FAILED', { request_id: 'job-bad', error: 'The prompt was flagged by the safety checker.' }) });
		intercept('get', `/v1/async-invoke/${ID}/status`, { body: { request_id: ID, status: 'COMPLETED' } });
		intercept('get', `/v1/async-invoke/${ID}`, { body: job('COMPLETED', { output: imageOutput() }) });
		mediaHost({ '/files/fox/0.png': { body: PNG } });
		const { items } = await runNode({
			parameters: jobStartParameters({ prompt: '={{ $json.idea }}' }),
			input: [{ json: { idea: 'bad' } }, { json: { idea: 'a fox' } }],
			onError: 'continueRegularOutput',
		});

		expect(items.map(({ json, pairedItem }) => ({ error: json.error, pairedItem }))).toEqual([
			{ error: 'Job "job-bad" failed: The prompt was flagged by the safety checker.', pairedItem: { item: 0 } },
			{ error: undefined, pairedItem: { item: 1 } },
		]);
		expect(items[1].binary!.data.mimeType).toBe('image/png');
	});

	it('the maximum wait reached: an error with the job ID to fetch it later, and no more polls', async () => {
		intercept('post', '/v1/async-invoke', { status: 202, body: job('QUEUED') });
		const polls = intercept('get', `/v1/async-invoke/${ID}/status`, { body: { request_id: ID, status: 'IN_PROGRESS' } }, 10);
		const { error } = await runNode({ parameters: jobStartParameters({ options: { maxWaitSeconds: 1 } }) });

		expect(error?.message).toBe(`Job "${ID}" did not finish within 1 s (status IN_PROGRESS) [item 0]`);
		expect(error?.description).toContain(`Job → Get Result and Job ID ${ID}`);
		// Polled after 0.5 s and at the deadline (1 s; once only, if the first poll took half a second), then no more.
		expect([1, 2]).toContain(polls.length);
	});

	it('cancelling the execution during the wait stops it at once: nothing more is sent', async () => {
		intercept('post', '/v1/async-invoke', { status: 202, body: job('QUEUED') });
		let cancel = () => {};
		const polls = intercept('get', `/v1/async-invoke/${ID}/status`, () => {
			setImmediate(cancel);
			return { body: { request_id: ID, status: 'IN_PROGRESS' } };
		}, 10);
		const { run } = await runNode({ parameters: jobStartParameters(), onRunning: (stop) => (cancel = stop) });

		expect(polls).toHaveLength(1);
		expect(run.status).toBe('canceled');
		// Past the moment of the next poll (1 s after the first): none came.
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(polls).toHaveLength(1);
	});

	it("a file that cannot be downloaded: the host's answer, the URL without its signature, after the retries", async () => {
		jobApi({ polls: 1, result: job('COMPLETED', { output: { images: [{ url: `${MEDIA_HOST}/files/fox/0.png?signature=abc`, content_type: 'image/png' }] } }) });
		const downloads = mediaHost({ '/files/fox/0.png?signature=abc': { status: 403, body: '<Error><Code>AccessDenied</Code></Error>', type: 'application/xml' } });
		const { error } = await runNode({ parameters: jobStartParameters() });

		expect(error?.message).toBe(`Could not download ${MEDIA_HOST}/files/fox/0.png: HTTP 403 (job "${ID}")`);
		expect(error?.description).toContain('The host said: "<Error><Code>AccessDenied</Code></Error>"');
		expect(downloads).toHaveLength(1);
	});

	it('a download that fails with 503 is tried again, as a request is', async () => {
		jobApi({ polls: 1 });
		const downloads = mediaHost({ '/files/fox/0.png': { status: 503, body: 'busy', type: 'text/plain' } });
		mediaHost({ '/files/fox/0.png': { body: PNG } });
		const { items, error } = await runNode({ parameters: jobStartParameters() });

		expect(error).toBeUndefined();
		expect(downloads).toHaveLength(1);
		expect(items[0].binary!.data.bytes).toBe(PNG.length);
	});

	it('a URL that gives a web page instead of the file is an error, not an HTML "image"', async () => {
		jobApi({ polls: 1 });
		mediaHost({ '/files/fox/0.png': { body: '<html>Expired</html>', type: 'text/html; charset=utf-8' } });
		const { error } = await runNode({ parameters: jobStartParameters() });

		expect(error?.message).toBe(`The job's file at ${MEDIA_HOST}/files/fox/0.png came back as text/html, not an image, audio or video file (job "${ID}")`);
	});

	it('an unknown fal model: the 404 names the model', async () => {
		intercept('post', '/v1/async-invoke', { status: 404, body: { id: 'not_found', message: 'model not found' } });
		const { error } = await runNode({ parameters: jobStartParameters({ model: { __rl: true, mode: 'id', value: 'fal-ai/nope' } }) });

		expect(error?.message).toBe('Model "fal-ai/nope" was not found');
	});

	it('refuses bad input for its item and sends nothing: no prompt, input JSON that is not an object, a tag without a key, a bad wait', async () => {
		const started = intercept('post', '/v1/async-invoke', { status: 202, body: job('QUEUED') });
		const cases = [
			{ kind: 'image', prompt: ' ' },
			{ kind: 'json', inputJson: '[1, 2]' },
			{ kind: 'json', inputJson: '{"prompt": ' },
			{ kind: 'image', options: { tags: { values: [{ key: ' ', value: 'x' }] } } },
			{ kind: 'image', options: { maxWaitSeconds: 0 } },
			{ kind: 'image', model: { __rl: true, mode: 'id', value: ' ' } },
			{ kind: 'image', options: { binaryPropertyOutput: ' ' } },
			{ kind: 'image', waitForCompletion: '={{ "maybe" }}' },
		];
		const errors = [];
		for (const parameters of cases) {
			const { error } = await runNode({ parameters: jobStartParameters(parameters) });
			errors.push(error?.message);
		}

		expect(errors).toEqual([
			'Prompt: is empty [item 0]',
			'Input (JSON): must be a JSON object such as {"prompt": "a red fox"} [item 0]',
			'Input (JSON): is not valid JSON [item 0]',
			'Tags: a tag has no key [item 0]',
			'Maximum Wait (Seconds): 0 is not a whole number of at least 1 [item 0]',
			'Model: no model is selected [item 0]',
			'Put Output in Field: is empty; enter a field name such as data [item 0]',
			'Wait for Completion: "maybe" is not true or false [item 0]',
		]);
		// Checked before Start, not after: no job was queued for any of them.
		expect(started).toHaveLength(0);
		nock.cleanAll();
	});
});

describe('Job → Get Status and Get Result', () => {
	it('Get Status: the status, without waiting, for the ID of each item', async () => {
		const statuses = intercept('get', `/v1/async-invoke/${ID}/status`, { body: { request_id: ID, status: 'IN_PROGRESS' } });
		const { items, error } = await runNode({ parameters: jobParameters('getStatus', '={{ $json.request_id }}'), input: [{ json: { request_id: ` ${ID} ` } }] });

		expect(error).toBeUndefined();
		expect(statuses).toHaveLength(1);
		expect(items.map(({ json }) => json)).toEqual([{ request_id: ID, status: 'IN_PROGRESS' }]);
	});

	it('an unknown job ID: "not found" for the job, not for the Base URL', async () => {
		intercept('get', '/v1/async-invoke/no-such-job/status', { status: 404, body: { id: 'not_found', message: 'No job with request_id "no-such-job".' } });
		const { error } = await runNode({ parameters: jobParameters('getStatus', 'no-such-job') });

		expect(error?.message).toBe('Job "no-such-job" was not found');
		expect(error?.description).toContain('Check the Job ID');
	});

	it('an empty Job ID and one that would leave the route (..) are refused for their item; an ID with a slash is sent encoded', async () => {
		const statuses = intercept('get', '/v1/async-invoke/a%2Fb/status', { body: { request_id: 'a/b', status: 'QUEUED' } });
		const { items } = await runNode({
			parameters: jobParameters('getStatus', '={{ $json.id }}'),
			input: [{ json: { id: '' } }, { json: { id: 'a/b' } }, { json: { id: '..' } }],
			onError: 'continueRegularOutput',
		});

		expect(items.map(({ json }) => json.error ?? json.status)).toEqual(['Job ID: is empty [item 0]', 'QUEUED', 'Job ID: ".." is not a job ID [item 2]']);
		expect(statuses).toHaveLength(1);
	});

	it('Get Result of a finished job: its files, without polling', async () => {
		const results = intercept('get', `/v1/async-invoke/${ID}`, { body: job('COMPLETED', { output: imageOutput(2) }) });
		mediaHost({ '/files/fox/0.png': { body: PNG }, '/files/fox/1.png': { body: PNG } });
		const { items, error } = await runNode({ parameters: jobParameters('getResult', ID) });

		expect(error).toBeUndefined();
		expect(results).toHaveLength(1);
		expect(items.map(({ binary }) => binary!.data.fileName)).toEqual(['0.png', '1.png']);
	});

	it('Get Result of a running job waits for it by default, and says so when told not to wait', async () => {
		intercept('get', `/v1/async-invoke/${ID}`, { body: job('IN_PROGRESS') });
		intercept('get', `/v1/async-invoke/${ID}/status`, { body: { request_id: ID, status: 'COMPLETED' } });
		intercept('get', `/v1/async-invoke/${ID}`, { body: job('COMPLETED', { output: imageOutput() }) });
		mediaHost({ '/files/fox/0.png': { body: PNG } });
		const waited = await runNode({ parameters: jobParameters('getResult', ID) });
		intercept('get', `/v1/async-invoke/${ID}`, { body: job('IN_PROGRESS') });
		const notWaited = await runNode({ parameters: jobParameters('getResult', ID, { waitForCompletion: false }) });

		expect(waited.error).toBeUndefined();
		expect(waited.items[0].binary!.data.mimeType).toBe('image/png');
		expect(notWaited.error?.message).toBe(`Job "${ID}" is not done yet (status IN_PROGRESS) [item 0]`);
	});

	it('a job error that quotes the key is shown without it', async () => {
		intercept('get', `/v1/async-invoke/${ID}`, { body: job('FAILED', { error: `Upstream rejected Bearer ${TEST_KEY}` }) });
		const { error, run } = await runNode({ parameters: jobParameters('getResult', ID) });

		expect(error?.message).toBe(`Job "${ID}" failed: Upstream rejected Bearer [redacted]`);
		expect(JSON.stringify(run)).not.toContain(TEST_KEY);
	});
});

describe('what a downloaded file is, from its first bytes (when its host sends a generic type)', () => {
	it('knows the files the stand-in serves as DigitalOcean would, and says nothing of the unknown', () => {
		const { IMAGES, silentWav } = require('../dev/stand-in/media');
		const bytesOf = (format: string) => Buffer.from(IMAGES[format].base64, 'base64');
		expect([bytesOf('png'), bytesOf('jpeg'), bytesOf('webp'), silentWav(), Buffer.from('hello')].map(typeOfBytes)).toEqual([
			'image/png',
			'image/jpeg',
			'image/webp',
			'audio/wav',
			undefined,
		]);
	});
});
