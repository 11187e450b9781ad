// Batch inference as DigitalOcean's OpenAPI description documents it (inference_*batch*.yml,
// models/batch*.yml): create a file (a presigned upload URL comes back), PUT the JSONL there
// with no DigitalOcean auth, create the batch, poll it until it is terminal, then fetch the
// results through presigned download URLs. A batch moves validating → in_progress →
// finalizing → completed over `batchPolls` polls. While validating, a malformed line (not JSON, no
// custom_id, a repeated custom_id, another method or url) fails the whole batch with `errors`
// naming its line, as OpenAI's batches do; a well-formed request the model refuses (no messages,
// an unknown model) goes to the error file, and the others are answered like chat requests.
// Its results route says "not ready" the way `batchNotReady` picks: 412, or result_available
// false. An upload over `batchMaxBytes` is refused as S3 refuses one (DigitalOcean documents no limit).
const { createHmac, randomUUID } = require('node:crypto');

const { chatCompletion, invalidRequest } = require('../completions');
const { MODELS } = require('../models');

const SIGNING_KEY = 'stand-in-presigned-url-key';
const TERMINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);
const PROGRESS = ['validating', 'in_progress', 'finalizing', 'completed'];
const ENDPOINTS = ['/v1/chat/completions', '/v1/responses'];

const now = () => new Date().toISOString();
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

/** Why a line is malformed (which fails the whole batch while validating), or undefined. */
function malformed(text, endpoint, seen) {
	let line;
	try {
		line = JSON.parse(text);
	} catch {
		return { code: 'invalid_json', message: 'The line is not valid JSON.' };
	}
	if (typeof line?.custom_id !== 'string' || line.custom_id === '') return { code: 'missing_custom_id', message: 'The line has no custom_id.' };
	if (seen.has(line.custom_id)) return { code: 'duplicate_custom_id', message: `The custom_id "${line.custom_id}" is used by more than one line.` };
	seen.add(line.custom_id);
	if (line.url !== endpoint || line.method !== 'POST') return { code: 'invalid_url', message: `The line's method and url must be POST ${endpoint}.` };
	if (typeof line.body !== 'object' || line.body === null) return { code: 'missing_body', message: 'The line has no body.' };
	return undefined;
}

const linesOf = (file) => file.content.toString('utf8').split('\n').filter((line) => line.trim() !== '');

/** The batch's lines checked as DigitalOcean validates a file: the errors that fail it, each with its 1-based line. */
function validationErrors(batch, file) {
	const seen = new Set();
	return linesOf(file)
		.map((text, index) => {
			const problem = malformed(text, batch.endpoint, seen);
			return problem && { ...problem, line: index + 1 };
		})
		.filter(Boolean);
}

/** The answer to one well-formed line, in OpenAI's batch output form: a completion, or the request's refusal. */
function answerLine(line, lineNumber) {
	const base = { id: `batch_req_${lineNumber}`, custom_id: line.custom_id, error: null };
	const refused = (status, message) => ({ ...base, response: { status_code: status, request_id: `req_${lineNumber}`, body: { error: { message, type: 'invalid_request_error' } } } });
	const invalid = invalidRequest(line.body);
	if (invalid) return { failed: refused(400, invalid) };
	if (!MODELS.some((model) => model.id === line.body.model)) return { failed: refused(404, `The model "${line.body.model}" does not exist.`) };
	return { output: { ...base, response: { status_code: 200, request_id: `req_${lineNumber}`, body: chatCompletion(line.body, lineNumber) } } };
}

/** Runs a batch's lines once it is done: its output file, its error file, its counts. */
function finish(batch, file) {
	const outputs = [];
	const errors = [];
	linesOf(file).forEach((text, index) => {
		const { output, failed } = answerLine(JSON.parse(text), index + 1);
		if (output) outputs.push(output);
		else errors.push(failed);
	});
	// The output file is not in input order (OpenAI's is not either): newest line first.
	outputs.reverse();
	const jsonl = (records) => Buffer.from(records.map((record) => JSON.stringify(record)).join('\n') + (records.length ? '\n' : ''));
	batch.files = { output: jsonl(outputs), ...(errors.length ? { error: jsonl(errors) } : {}) };
	batch.output_file_id = randomUUID();
	batch.error_file_id = errors.length ? randomUUID() : null;
	batch.request_counts = { total: outputs.length + errors.length, completed: outputs.length, failed: errors.length };
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
	if (batch.status === 'validating') {
		const errors = validationErrors(batch, store.files[batch.input_file_id]);
		if (errors.length > 0) {
			batch.status = 'failed';
			batch.errors = errors;
			batch.failed_at = now();
			return;
		}
		batch.request_counts.total = linesOf(store.files[batch.input_file_id]).length;
	}
	batch.status = status;
	if (status === 'in_progress') batch.in_progress_at = now();
	if (status === 'finalizing') batch.finalizing_at = now();
	if (status === 'completed') {
		finish(batch, store.files[batch.input_file_id]);
		batch.completed_at = now();
	}
}

const publicBatch = ({ polls, files, resultsAsked, ...batch }) => batch;

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
			if (context.rawBody.length > context.config.batchMaxBytes) {
				return sendStorageError(context, 400, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed size (${context.config.batchMaxBytes} bytes).`);
			}
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
			errors: null,
			created_at: now(),
			in_progress_at: null,
			finalizing_at: null,
			completed_at: null,
			expires_at: new Date(Date.now() + 24 * 3600_000).toISOString(),
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
		// Results may lag the status: the first `batchResultsDelay` asks after completion are still "not ready".
		const lagging = batch.files && (batch.resultsAsked = (batch.resultsAsked ?? 0) + 1) <= context.config.batchResultsDelay;
		if (!batch.files || lagging) {
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
		if (batch.status === 'validating') return context.send(409, { id: 'conflict', message: `Batch "${id}" has not been submitted to the provider yet.` });
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
