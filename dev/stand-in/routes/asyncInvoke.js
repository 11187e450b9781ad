// fal models through POST /v1/async-invoke (inference_async_invoke.yml) and the two routes the
// docs add: GET /v1/async-invoke/{id}/status to poll and GET /v1/async-invoke/{id} for the
// finished job. A job is QUEUED, then IN_PROGRESS, and COMPLETED after `jobPolls` status polls
// (FAILED, with `error`, when its prompt or text contains "FAIL"). Its output points at media
// on presigned URLs of the stand-in (GET /_media/…), the way fal's media host serves them: no
// DigitalOcean key needed, and none should be sent.
const { randomUUID } = require('node:crypto');

const { IMAGES, silentWav } = require('../media');

/** What a fal model's output looks like, by the kind of model. */
function outputFor(job, baseUrl) {
	const media = (name) => `${baseUrl}/_media/${job.request_id}/${name}`;
	if (/tts|speech/.test(job.model_id)) return { audio: { url: media('speech.wav'), content_type: 'audio/wav' } };
	if (/audio/.test(job.model_id)) return { audio_file: { url: media('audio.wav'), content_type: 'audio/wav' } };
	const count = Number.isInteger(job.input.num_images) && job.input.num_images > 0 ? job.input.num_images : 1;
	return {
		images: Array.from({ length: count }, (_, index) => ({ url: media(`${index}.png`), content_type: 'image/png', width: IMAGES.png.width, height: IMAGES.png.height })),
		seed: 42,
	};
}

const now = () => new Date().toISOString();

/** A job after one more look at it: it moves on as it is polled. */
function advance(job, config, baseUrl) {
	if (job.status === 'COMPLETED' || job.status === 'FAILED') return;
	job.polls += 1;
	if (job.status === 'QUEUED') {
		job.status = 'IN_PROGRESS';
		job.started_at = now();
	}
	if (job.polls < config.jobPolls) return;
	job.completed_at = now();
	const text = String(job.input.prompt ?? job.input.text ?? '');
	if (text.includes('FAIL')) {
		job.status = 'FAILED';
		job.error = `The model could not process the input: ${text}`;
	} else {
		job.status = 'COMPLETED';
		job.output = outputFor(job, baseUrl);
	}
}

/** A job as the API shows it: without what the stand-in keeps for itself. */
const publicJob = ({ polls, input, ...job }) => job;

/** The job a route's {request_id} names, or undefined once the 404 is sent. */
function jobOf(context, id) {
	const job = context.store[id];
	if (!job) context.send(404, { id: 'not_found', message: `No job with request_id "${id}".` });
	return job;
}

const jobRoute = (method, path, handle) => ({ method, path, store: 'asyncInvoke', handle });

module.exports = [
	jobRoute('POST', '/v1/async-invoke', async (context) => {
		const body = context.json();
		if (body === undefined) return undefined;
		if (typeof body?.model_id !== 'string' || body.model_id === '') return context.badRequest('The "model_id" field is required.');
		if (typeof body.input !== 'object' || body.input === null || Array.isArray(body.input)) {
			return context.badRequest('The "input" field is required: an object.');
		}
		if (!body.model_id.startsWith('fal-ai/')) return context.unknownModel(body.model_id);
		if ((await context.work()) === undefined) return undefined;
		const job = {
			request_id: randomUUID(),
			status: 'QUEUED',
			model_id: body.model_id,
			created_at: now(),
			started_at: null,
			completed_at: null,
			output: null,
			error: null,
			input: body.input,
			polls: 0,
		};
		context.store[job.request_id] = job;
		return context.send(202, publicJob(job));
	}),
	jobRoute('GET', '/v1/async-invoke/{request_id}/status', async (context, [id]) => {
		const job = jobOf(context, id);
		if (!job || (await context.work()) === undefined) return undefined;
		advance(job, context.config, context.baseUrl);
		return context.send(200, { request_id: job.request_id, status: job.status });
	}),
	jobRoute('GET', '/v1/async-invoke/{request_id}', async (context, [id]) => {
		const job = jobOf(context, id);
		if (!job || (await context.work()) === undefined) return undefined;
		return context.send(200, publicJob(job));
	}),
	{
		method: 'GET',
		path: '/_media/{request_id}/{file}',
		presigned: true,
		store: 'asyncInvoke',
		async handle(context, [id, name]) {
			if (!context.store[id]?.output) return context.send(404, '<Error><Code>NoSuchKey</Code></Error>', { 'content-type': 'application/xml' });
			const [type, bytes] = name.endsWith('.wav')
				? ['audio/wav', silentWav()]
				: [IMAGES.png.mimeType, Buffer.from(IMAGES.png.base64, 'base64')];
			return context.send(200, bytes, { 'content-type': type });
		},
	},
];
