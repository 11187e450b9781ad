// Batch inference as DigitalOcean's OpenAPI description documents it (inference_*batch*.yml,
// models/batch*.yml): create a file (a presigned upload URL comes back), PUT the JSONL there
// with no DigitalOcean auth, create the batch, poll it until it is terminal, then fetch the
// results through presigned download URLs. A batch moves validating → in_progress →
// finalizing → completed over `batchPolls` polls; each line is answered like a chat request.
// Its results route says "not ready" the way `batchNotReady` picks: 412, or result_available false.
const { createHmac, randomUUID } = require('node:crypto');

const { chatCompletion } = require('../completions');

const SIGNING_KEY = 'stand-in-presigned-url-key';
const TERMINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);
const PROGRESS = ['validating', 'in_progress', 'finalizing', 'completed'];
const ENDPOINTS = ['/v1/chat/completions', '/v1/responses'];

const now = () => Math.floor(Date.now() / 1000);
const signature = (path) => createHmac('sha256', SIGNING_KEY).update(path).digest('hex');
/** A presigned URL for a path: it works only as given, and only without a DigitalOcean key. */
const presigned = (baseUrl, path) => `${baseUrl}${path}?X-Amz-Expires=900&X-Amz-Signature=${signature(path)}`;
/** An error as S3-style storage answers a presigned request: XML. */
const sendStorageError = (context, status, code, message) =>
	context.send(status, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`, {
		'content-type': 'application/xml',
	});

/** Why the presigned request is refused, as S3-style storage says it; undefined when it is fine. */
function presignProblem(context, url) {
	if (context.request.headers.authorization) return [400, 'InvalidArgument', 'Only one auth mechanism allowed'];
	if (url.searchParams.get('X-Amz-Signature') !== signature(url.pathname)) {
		return [403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'];
	}
	return undefined;
}

/** The answer to one JSONL line, in OpenAI's batch output form, or the error line for it. */
function answerLine(text, lineNumber, endpoint) {
	let line;
	try {
		line = JSON.parse(text);
	} catch {
		return { error: { code: 'invalid_json', message: 'The line is not valid JSON.', line: lineNumber } };
	}
	if (typeof line?.custom_id !== 'string') return { error: { code: 'missing_custom_id', message: 'The line has no custom_id.', line: lineNumber } };
	if (line.url !== endpoint || line.method !== 'POST') {
		return { error: { code: 'invalid_url', message: `The line's method and url must be POST ${endpoint}.`, line: lineNumber }, customId: line.custom_id };
	}
	const body = line.body ?? {};
	if (!Array.isArray(body.messages) || body.messages.length === 0) {
		return { error: { code: 'invalid_body', message: 'The line\'s body has no messages.', line: lineNumber }, customId: line.custom_id };
	}
	return {
		output: { id: `batch_req_${lineNumber}`, custom_id: line.custom_id, response: { status_code: 200, request_id: `req_${lineNumber}`, body: chatCompletion(body, lineNumber) }, error: null },
	};
}

/** Runs a batch's lines once it is done: its output file, its error file, its counts. */
function finish(batch, file) {
	const lines = file.content.toString('utf8').split('\n').filter((line) => line.trim() !== '');
	const outputs = [];
	const errors = [];
	lines.forEach((text, index) => {
		const { output, error, customId } = answerLine(text, index + 1, batch.endpoint);
		if (output) outputs.push(output);
		else {
			batch.errors.push(error);
			errors.push({ id: `batch_req_${index + 1}`, custom_id: customId ?? null, response: null, error: { code: error.code, message: error.message } });
		}
	});
	const jsonl = (records) => Buffer.from(records.map((record) => JSON.stringify(record)).join('\n') + (records.length ? '\n' : ''));
	batch.files = { output: jsonl(outputs), ...(errors.length ? { error: jsonl(errors) } : {}) };
	batch.output_file_id = randomUUID();
	batch.error_file_id = errors.length ? randomUUID() : null;
	batch.request_counts = { total: lines.length, completed: outputs.length, failed: errors.length };
}

/** A batch after one more poll. */
function advance(batch, store, config) {
	if (TERMINAL.has(batch.status)) return;
	if (batch.status === 'cancelling') {
		batch.status = 'cancelled';
		batch.cancelled_at = now();
		return;
	}
	batch.polls += 1;
	const step = Math.min(PROGRESS.length - 1, Math.floor((batch.polls * (PROGRESS.length - 1)) / Math.max(1, config.batchPolls)));
	const status = PROGRESS[Math.max(step, PROGRESS.indexOf(batch.status))];
	if (status === batch.status) return;
	batch.status = status;
	if (status === 'in_progress') batch.in_progress_at = now();
	if (status === 'finalizing') batch.finalizing_at = now();
	if (status === 'completed') {
		finish(batch, store.files[batch.input_file_id]);
		batch.completed_at = now();
	}
}

const publicBatch = ({ polls, files, ...batch }) => batch;

/** Why the API would refuse to create this batch, or undefined. */
function invalidBatchRequest(body) {
	if (typeof body?.file_id !== 'string' || body.file_id === '') return 'The "file_id" field is required.';
	if (!['openai', 'anthropic'].includes(body.provider)) return 'The "provider" field must be "openai" or "anthropic".';
	if (body.completion_window !== '24h') return 'The "completion_window" field must be "24h".';
	if (typeof body.request_id !== 'string' || body.request_id === '') return 'The "request_id" field is required.';
	if (body.provider === 'openai' && !ENDPOINTS.includes(body.endpoint)) return `The "endpoint" field must be one of ${ENDPOINTS.join(', ')} for openai.`;
	return undefined;
}

const batchRoute = (method, path, handle, extra = {}) => ({ method, path, store: 'batches', handle, ...extra });

const storeOf = (context) => {
	context.store.files ??= {};
	context.store.batches ??= {};
	return context.store;
};

const notFound = (context, id) => context.send(404, { id: 'not_found', message: `No batch with id "${id}".` });

module.exports = [
	batchRoute('POST', '/v1/batches/files', async (context) => {
		const body = context.json();
		if (body === undefined) return undefined;
		const name = body?.file_name;
		if (typeof name !== 'string' || name.length < 7 || !name.toLowerCase().endsWith('.jsonl')) {
			return context.send(422, { id: 'unprocessable_entity', message: 'The "file_name" field must have at least 7 characters and end in .jsonl.' });
		}
		if ((await context.work()) === undefined) return undefined;
		const fileId = randomUUID();
		storeOf(context).files[fileId] = { file_name: name, content: undefined };
		return context.send(201, {
			file_id: fileId,
			upload_url: presigned(context.baseUrl, `/_upload/${fileId}`),
			expires_at: new Date(Date.now() + 900_000).toISOString(),
		});
	}),
	batchRoute(
		'PUT',
		'/_upload/{file_id}',
		async (context, [fileId], url) => {
			const problem = presignProblem(context, url);
			if (problem) return sendStorageError(context, ...problem);
			const type = context.request.headers['content-type'];
			if (type !== undefined && type !== 'application/octet-stream') {
				return sendStorageError(context, 403, 'SignatureDoesNotMatch', `The signed request did not allow Content-Type ${type}.`);
			}
			const file = storeOf(context).files[fileId];
			if (!file) return sendStorageError(context, 404, 'NoSuchUpload', 'The upload does not exist.');
			file.content = context.rawBody;
			return context.send(200, '', { 'content-type': 'text/plain' });
		},
		{ presigned: true },
	),
	batchRoute('POST', '/v1/batches', async (context) => {
		const body = context.json();
		if (body === undefined) return undefined;
		const invalid = invalidBatchRequest(body);
		if (invalid) return context.badRequest(invalid);
		const store = storeOf(context);
		const existing = Object.values(store.batches).find((batch) => batch.request_id === body.request_id);
		if (existing) return context.send(201, publicBatch(existing));
		if (!store.files[body.file_id]?.content) {
			return context.send(404, { id: 'not_found', message: `The file "${body.file_id}" has not been uploaded.` });
		}
		if ((await context.work()) === undefined) return undefined;
		const batch = {
			batch_id: randomUUID(),
			status: 'validating',
			provider: body.provider,
			endpoint: body.endpoint ?? null,
			completion_window: '24h',
			request_id: body.request_id,
			metadata: body.metadata ?? null,
			input_file_id: body.file_id,
			output_file_id: null,
			error_file_id: null,
			request_counts: { total: 0, completed: 0, failed: 0 },
			errors: [],
			created_at: now(),
			in_progress_at: null,
			finalizing_at: null,
			completed_at: null,
			expires_at: now() + 24 * 3600,
			cancelled_at: null,
			failed_at: null,
			polls: 0,
		};
		store.batches[batch.batch_id] = batch;
		return context.send(201, publicBatch(batch));
	}),
	batchRoute('GET', '/v1/batches', async (context, params, url) => {
		if ((await context.work()) === undefined) return undefined;
		const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 20) || 20));
		const status = url.searchParams.get('status');
		let all = Object.values(storeOf(context).batches).reverse();
		if (status) all = all.filter((batch) => batch.status === status);
		const after = url.searchParams.get('after');
		const start = after ? all.findIndex((batch) => batch.batch_id === after) + 1 : 0;
		const data = all.slice(start, start + limit).map(publicBatch);
		return context.send(200, {
			object: 'list',
			data,
			first_id: data[0]?.batch_id ?? null,
			last_id: data.at(-1)?.batch_id ?? null,
			has_more: start + limit < all.length,
		});
	}),
	batchRoute('GET', '/v1/batches/{batch_id}', async (context, [id]) => {
		const store = storeOf(context);
		const batch = store.batches[id];
		if (!batch) return notFound(context, id);
		if ((await context.work()) === undefined) return undefined;
		advance(batch, store, context.config);
		return context.send(200, publicBatch(batch));
	}),
	batchRoute('GET', '/v1/batches/{batch_id}/results', async (context, [id]) => {
		const batch = storeOf(context).batches[id];
		if (!batch) return notFound(context, id);
		if ((await context.work()) === undefined) return undefined;
		if (!batch.files) {
			if (context.config.batchNotReady === '412') {
				return context.send(412, { id: 'precondition_failed', message: `The results of batch "${id}" are not available yet (status: ${batch.status}).` });
			}
			return context.send(200, { batch_id: id, result_available: false, output_file_url: null, error_file_url: null, expires_at: null });
		}
		return context.send(200, {
			batch_id: id,
			result_available: true,
			output_file_url: presigned(context.baseUrl, `/_files/${id}/output.jsonl`),
			error_file_url: batch.files.error ? presigned(context.baseUrl, `/_files/${id}/error.jsonl`) : null,
			expires_at: new Date(Date.now() + 3600_000).toISOString(),
		});
	}),
	batchRoute('POST', '/v1/batches/{batch_id}/cancel', async (context, [id]) => {
		const batch = storeOf(context).batches[id];
		if (!batch) return notFound(context, id);
		if (TERMINAL.has(batch.status)) return context.send(409, { id: 'conflict', message: `Batch "${id}" is already ${batch.status}.` });
		if ((await context.work()) === undefined) return undefined;
		batch.status = 'cancelling';
		return context.send(200, publicBatch(batch));
	}),
	batchRoute(
		'GET',
		'/_files/{batch_id}/{file}',
		async (context, [id, file], url) => {
			const kind = { 'output.jsonl': 'output', 'error.jsonl': 'error' }[file];
			const problem = presignProblem(context, url);
			if (problem) return sendStorageError(context, ...problem);
			const content = kind && storeOf(context).batches[id]?.files?.[kind];
			if (!content) return sendStorageError(context, 404, 'NoSuchKey', 'The specified key does not exist.');
			return context.send(200, content, { 'content-type': 'binary/octet-stream' });
		},
		{ presigned: true },
	),
];
