// A stand-in for DigitalOcean's serverless inference API, for tests, benchmarks and `npm start`
// when no real key is given. Dependency-free; listens on 127.0.0.1 only.
//
// Behaviours are switchable at start or later (POST /_stand-in/config): latency, a cap on
// requests in flight and on requests per second (429 beyond), injected faults (an HTTP status,
// an HTML error page, a dropped connection) every Nth chat request or for the next N of them,
// DigitalOcean's empty message role.
// It counts what it served: GET /_stand-in/stats.
const http = require('node:http');

const { chatCompletion, chatCompletionChunks, invalidRequest, textOf } = require('./completions');
const { asChatRequest, asResponse, invalidResponsesRequest, responseChunks } = require('./responses');
const { RateWindow } = require('./limits');
const { MODELS } = require('./models');

const DEFAULT_KEY = 'stand-in-model-access-key';

/**
 * The two routes that generate text, each read as a chat request and answered by the same
 * deterministic completion: what they accept, and how the answer is written.
 */
const GENERATION_ROUTES = {
	'/v1/chat/completions': {
		invalid: invalidRequest,
		asChat: (body) => body,
		answer: (completion) => completion,
		chunks: (completion, body) => chatCompletionChunks(completion, body.stream_options?.include_usage),
	},
	'/v1/responses': {
		invalid: invalidResponsesRequest,
		asChat: asChatRequest,
		answer: (completion, body, sequence) => asResponse(completion, body, sequence),
		chunks: (completion, body, sequence) =>
			responseChunks(chatCompletionChunks(completion, body.stream_options?.include_usage), `resp_${sequence}`),
	},
};

const defaults = () => ({
	key: DEFAULT_KEY,
	latencyMs: 0,
	maxConcurrent: Infinity,
	ratePerSecond: Infinity,
	// [{ kind: 'status' | 'html' | 'drop', status?: number, every?: number, next?: number }]
	faults: [],
	// Hold chat answers until this many requests are in flight at once (or a second has passed):
	// lets a test see a client's concurrency exactly, however fast or slow the machine is.
	holdUntilInFlight: 0,
	// Answer with "role": "" as DigitalOcean has been seen to, streamed or not.
	emptyRole: false,
});

const emptyStats = () => ({
	requests: 0,
	inFlight: 0,
	maxInFlight: 0,
	byStatus: {},
	dropped: 0,
	chatRequests: 0,
	completions: 0,
	// Of those, the ones asked for through POST /v1/responses.
	responses: 0,
	// Of those, the ones sent as a stream of server-sent events (`stream: true`).
	streamed: 0,
	// Successful completions per last user message: a prompt served twice shows up as 2.
	servedByPrompt: {},
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(request) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

/** Starts a stand-in; resolves once it listens. Port 0 picks a free port. */
async function startStandIn({ port = 0, ...options } = {}) {
	let config = { ...defaults(), ...options };
	let stats = emptyStats();
	let rate = new RateWindow(config.ratePerSecond);
	let chatSequence = 0;
	// Bumped by reset(): a request from before a reset is not counted after it.
	let generation = 0;

	const send = (response, status, body, headers = {}) => {
		stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		const type = typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json';
		response.writeHead(status, { 'content-type': type, ...rate.headers(), ...headers });
		response.end(text);
	};

	let holders = [];
	/** Resolves once `count` requests are in flight, or after a second. */
	const held = (count) =>
		new Promise((resolve) => {
			const timer = setTimeout(resolve, 1000);
			holders.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
			releaseHeld();
		});
	const releaseHeld = () => {
		const ready = holders.filter(({ count }) => stats.inFlight >= count);
		holders = holders.filter((holder) => !ready.includes(holder));
		for (const holder of ready) holder.resolve();
	};

	/** The fault planned for this chat request, if any. */
	const faultFor = (sequence) => {
		for (const fault of config.faults) {
			if (fault.next > 0) {
				fault.next -= 1;
				return fault;
			}
			if (fault.every > 0 && sequence % fault.every === 0) return fault;
		}
		return undefined;
	};

	const serveGeneration = async (route, request, response, rawBody) => {
		let body;
		try {
			body = JSON.parse(rawBody);
		} catch {
			return send(response, 400, { error: { message: 'The request body is not valid JSON.', type: 'invalid_request_error' } });
		}
		const invalid = route.invalid(body);
		if (invalid) return send(response, 400, { error: { message: invalid, type: 'invalid_request_error' } });
		if (!MODELS.some(({ id }) => id === body.model)) {
			return send(response, 404, { id: 'not_found', message: `The model "${body.model}" does not exist or is not available to this key.` });
		}
		chatSequence += 1;
		stats.chatRequests += 1;
		const sequence = chatSequence;
		const startedIn = generation;
		const fault = faultFor(sequence);
		if (config.latencyMs > 0) await sleep(config.latencyMs);
		if (config.holdUntilInFlight > 0) await held(config.holdUntilInFlight);
		if (fault?.kind === 'drop') {
			stats.dropped += 1;
			request.socket.destroy();
			return undefined;
		}
		if (fault?.kind === 'html') {
			return send(response, fault.status ?? 502, '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>');
		}
		if (fault?.kind === 'status') {
			return send(response, fault.status ?? 503, { id: 'server_error', message: 'The server is temporarily unable to handle the request.' });
		}

		const chatRequest = route.asChat(body);
		const completion = chatCompletion(chatRequest, sequence);
		if (config.emptyRole) for (const choice of completion.choices) choice.message.role = '';
		const prompt = textOf([...chatRequest.messages].reverse().find((message) => message.role === 'user')?.content);
		// A client that gave up (a timeout) is not served; one from before a reset is not counted.
		if (request.socket.destroyed) return undefined;
		if (startedIn === generation) {
			stats.completions += 1;
			if (route === GENERATION_ROUTES['/v1/responses']) stats.responses += 1;
			stats.servedByPrompt[prompt] = (stats.servedByPrompt[prompt] ?? 0) + 1;
		}
		if (!body.stream) return send(response, 200, route.answer(completion, body, sequence));

		if (startedIn === generation) stats.streamed += 1;
		stats.byStatus[200] = (stats.byStatus[200] ?? 0) + 1;
		response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...rate.headers() });
		for (const chunk of route.chunks(completion, body, sequence)) {
			response.write(`data: ${JSON.stringify(chunk)}\n\n`);
		}
		response.end('data: [DONE]\n\n');
		return undefined;
	};

	const serveAdmin = async (request, response, rawBody) => {
		if (request.method === 'GET' && request.url === '/_stand-in/stats') return send(response, 200, stats);
		if (request.method === 'POST' && request.url === '/_stand-in/config') {
			configure(rawBody ? JSON.parse(rawBody) : {});
			return send(response, 200, publicConfig());
		}
		if (request.method === 'POST' && request.url === '/_stand-in/reset') {
			reset();
			return send(response, 200, publicConfig());
		}
		return send(response, 404, { id: 'not_found', message: 'Unknown stand-in endpoint.' });
	};

	const handle = async (request, response) => {
		const rawBody = await readBody(request);
		if (request.url.startsWith('/_stand-in/')) return serveAdmin(request, response, rawBody);

		stats.requests += 1;
		if (request.headers.authorization !== `Bearer ${config.key}`) {
			return send(response, 401, { id: 'unauthorized', message: 'Unable to authenticate you.' });
		}
		if (stats.inFlight > config.maxConcurrent || !rate.take(Date.now())) {
			// Both limits free up within a second.
			return send(response, 429, { id: 'too_many_requests', message: 'API rate limit exceeded.' }, { 'retry-after': '1' });
		}
		if (request.method === 'GET' && request.url === '/v1/models') {
			if (config.latencyMs > 0) await sleep(config.latencyMs);
			return send(response, 200, { object: 'list', data: MODELS });
		}
		const route = request.method === 'POST' ? GENERATION_ROUTES[request.url] : undefined;
		if (route) return serveGeneration(route, request, response, rawBody);
		return send(response, 404, { id: 'not_found', message: 'The resource you were accessing could not be found.' });
	};

	const server = http.createServer((request, response) => {
		const counted = !request.url.startsWith('/_stand-in/');
		if (counted) {
			stats.inFlight += 1;
			stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
			releaseHeld();
		}
		let done = false;
		const finish = () => {
			if (counted && !done) stats.inFlight -= 1;
			done = true;
		};
		response.on('close', finish);
		handle(request, response).catch((error) => {
			if (!response.headersSent) send(response, 500, { id: 'server_error', message: String(error.message) });
		});
	});

	function configure(patch) {
		config = { ...config, ...patch, faults: (patch.faults ?? config.faults).map((fault) => ({ ...fault })) };
		if ('ratePerSecond' in patch) rate = new RateWindow(config.ratePerSecond ?? Infinity);
	}

	function reset() {
		config = { ...defaults(), key: config.key };
		// Requests still open from before the reset stay counted until they close.
		stats = { ...emptyStats(), inFlight: stats.inFlight };
		generation += 1;
		rate = new RateWindow(config.ratePerSecond);
		chatSequence = 0;
	}

	const publicConfig = () => ({ ...config, key: undefined });

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	const { port: actualPort } = server.address();
	return {
		url: `http://127.0.0.1:${actualPort}`,
		port: actualPort,
		key: config.key,
		stats: () => structuredClone(stats),
		configure,
		reset,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

module.exports = { startStandIn, DEFAULT_KEY };
