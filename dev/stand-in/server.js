// A stand-in for DigitalOcean's serverless inference API, for tests, benchmarks and `npm start`
// when no real key is given. Dependency-free; listens on 127.0.0.1 only.
//
// Each endpoint is a module in routes/ (see routes/index.js); this file gives them what every
// endpoint shares: the key check (the model access key; on the agent endpoint, the agent's own
// key), the limits (a cap on requests in flight and on requests per second, 429 beyond),
// injected faults (an HTTP status, an HTML error page, a dropped connection) every Nth request
// or for the next N of them, latency, and the counters.
// Behaviours are switchable at start or later (POST /_stand-in/config); GET /_stand-in/stats
// tells what it served.
const http = require('node:http');
const https = require('node:https');

const { Quota, RateWindow } = require('./limits');
const { MODELS } = require('./models');
const { ROUTES } = require('./routes');

const DEFAULT_KEY = 'stand-in-model-access-key';
// An agent's endpoint access key: accepted by the agent endpoint only, as the model key is everywhere else.
const DEFAULT_AGENT_KEY = 'stand-in-agent-access-key';

const defaults = () => ({
	key: DEFAULT_KEY,
	agentKey: DEFAULT_AGENT_KEY,
	latencyMs: 0,
	// Each answer's latency varies by up to this fraction either way (0.3: ±30%), as real models' do.
	latencyJitter: 0,
	maxConcurrent: Infinity,
	// DigitalOcean's quota buckets, refilling continuously: { requests?: { capacity, perSecond },
	// tokens?: { capacity, perSecond } } (tokens announced as tokens-per-minute). Every answer
	// announces them (x-ratelimit-*), unless quotaHeaders is false: then a 429 is all a client sees.
	quota: undefined,
	quotaHeaders: true,
	ratePerSecond: Infinity,
	// Whether a 429 says when to come back with Retry-After (else only x-ratelimit-reset-requests).
	retryAfter: true,
	// [{ kind: 'status' | 'html' | 'drop' | 'echoKey', status?: number, format?: 'html', every?: number, next?: number }]
	faults: [],
	// Hold answers until this many requests are in flight at once (or a second has passed):
	// lets a test see a client's concurrency exactly, however fast or slow the machine is.
	holdUntilInFlight: 0,
	// Answer with "role": "" as DigitalOcean has been seen to, streamed or not.
	emptyRole: false,
	// The fewest tokens a marked prompt prefix of an Anthropic model needs to be cached (promptCache.js).
	cacheMinTokens: 1024,
	// Answer embeddings as lists of numbers even when base64 was asked for, as some
	// OpenAI-compatible servers do (n8n issue 16647); DigitalOcean documents base64.
	embeddingsAlwaysFloat: false,
	// How many status polls an async-invoke job takes to finish, and a batch to complete.
	jobPolls: 2,
	batchPolls: 3,
	// How a batch's results route says "not ready": 412, or 200 with result_available false.
	batchNotReady: '412',
	// How many asks for a completed batch's results are still answered "not ready" (results lagging the status).
	batchResultsDelay: 0,
	// The largest batch file an upload takes (DigitalOcean documents none; OpenAI's limit is 200 MB).
	batchMaxBytes: 200 * 1024 * 1024,
});

const emptyStats = () => ({
	requests: 0,
	inFlight: 0,
	maxInFlight: 0,
	byStatus: {},
	// Requests per route, e.g. "POST /v1/embeddings".
	byRoute: {},
	dropped: 0,
	chatRequests: 0,
	// Valid requests to the agent endpoint (not counted in chatRequests; their answers are in completions).
	agentRequests: 0,
	completions: 0,
	// Texts embedded by successful POST /v1/embeddings requests, and those requests by the
	// encoding_format they asked for ("(not sent)" when they left it to the API's default).
	embeddedInputs: 0,
	embeddingFormats: {},
	// Of those, the ones asked for through POST /v1/responses.
	responses: 0,
	// Of those, the ones sent as a stream of server-sent events (`stream: true`).
	streamed: 0,
	// Successful completions per last user message: a prompt served twice shows up as 2.
	servedByPrompt: {},
	// Requests a router picked the model for, and per X-Model-Affinity value its pinned pick (routers.js).
	routedRequests: 0,
	byAffinity: {},
	// Answers that wrote a marked prompt prefix to the cache, and that read it (promptCache.js).
	cacheWrites: 0,
	cacheReads: 0,
	// Requests to presigned URLs (uploads, result files, media) that carried an Authorization header.
	presignedWithAuth: 0,
	// When the first request came and the last one ended (ms since the epoch), and the sum of
	// all requests' times: their mean number in flight is inFlightMs / (lastEndedAt - firstStartedAt).
	firstStartedAt: 0,
	lastEndedAt: 0,
	inFlightMs: 0,
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(request) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks)));
		request.on('error', reject);
	});
}

/** A path template such as /v1/batches/{batch_id} as a pattern whose groups are its parameters. */
const patternOf = (template) => new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '([^/]+)')}$`);
const PATTERNS = new Map(ROUTES.map((route) => [route, patternOf(route.path)]));

/** The route for a request, and the values of its path parameters. */
function routeFor(method, pathname) {
	for (const [route, pattern] of PATTERNS) {
		if (route.method !== method) continue;
		const match = pattern.exec(pathname);
		if (match) return { route, params: match.slice(1).map(decodeURIComponent) };
	}
	return undefined;
}

/** The tokens a request counts against the quota: a completion's usage (routes with `tokens`), else its body's characters / 4. */
function tokensOf(found, rawBody) {
	try {
		if (found?.route.tokens) return found.route.tokens(JSON.parse(rawBody.toString('utf8')));
	} catch {
		// Not a chat completion the stand-in can answer: counted by size.
	}
	return Math.max(1, Math.ceil(rawBody.length / 4));
}

/** Starts a stand-in; resolves once it listens. Port 0 picks a free port. */
async function startStandIn({ port = 0, tls, ...options } = {}) {
	let config = { ...defaults(), ...options };
	let stats = emptyStats();
	let rate = new RateWindow(config.ratePerSecond);
	let quota = new Quota(config.quota);
	let sequence = 0;
	// Bumped by reset(): a request from before a reset is not counted after it.
	let generation = 0;
	// What routes keep between requests (jobs, uploaded files, batches), one object per route module.
	let stores = {};
	let baseUrl = '';

	const send = (response, status, body, headers = {}) => {
		stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
		const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
		const type = typeof body === 'string' ? 'text/html; charset=utf-8' : Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json';
		response.writeHead(status, { 'content-type': type, ...rate.headers(), ...response.quotaHeaders, ...headers });
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

	/** The fault planned for this request, if any. */
	const faultFor = (number) => {
		for (const fault of config.faults) {
			if (fault.next > 0) {
				fault.next -= 1;
				return fault;
			}
			if (fault.every > 0 && number % fault.every === 0) return fault;
		}
		return undefined;
	};

	/** What a route handler gets for one request. */
	const contextFor = (request, response, rawBody, route) => {
		const startedIn = generation;
		const context = {
			request,
			response,
			rawBody,
			get config() {
				return config;
			},
			get stats() {
				return stats;
			},
			baseUrl,
			store: (stores[route.store] ??= {}),
			send: (status, body, headers) => send(response, status, body, headers),
			rateHeaders: () => rate.headers(),
			/** The body as JSON, or undefined once a 400 in the route's error style is sent. */
			json() {
				try {
					return JSON.parse(rawBody.toString('utf8'));
				} catch {
					context.badRequest('The request body is not valid JSON.');
					return undefined;
				}
			},
			badRequest: (message) =>
				route.errorStyle === 'openai'
					? send(response, 400, { error: { message, type: 'invalid_request_error' } })
					: send(response, 400, { id: 'bad_request', message }),
			isModel: (id) => MODELS.some((model) => model.id === id),
			unknownModel: (id) =>
				send(response, 404, { id: 'not_found', message: `The model "${id}" does not exist or is not available to this key.` }),
			/**
			 * The API's work on a valid request: numbers it, injects the planned fault, waits the
			 * latency (and the hold). Resolves with its number, or undefined when a fault answered.
			 */
			async work() {
				sequence += 1;
				const number = sequence;
				const fault = faultFor(number);
				if (config.latencyMs > 0) await sleep(config.latencyMs * (1 + config.latencyJitter * (2 * Math.random() - 1)));
				if (config.holdUntilInFlight > 0) await held(config.holdUntilInFlight);
				if (fault?.kind === 'drop') {
					stats.dropped += 1;
					request.socket.destroy();
					return undefined;
				}
				if (fault?.kind === 'html') {
					send(response, fault.status ?? 502, '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>');
					return undefined;
				}
				if (fault?.kind === 'echoKey') {
					// A gateway that quotes the request's Authorization header back, in JSON or in an HTML page.
					const authorization = request.headers.authorization ?? '';
					const headers = { 'x-echo-authorization': authorization };
					if (fault.format === 'html') {
						send(response, fault.status ?? 502, `<html><body><h1>Bad Gateway</h1><pre>Authorization: ${authorization}</pre></body></html>`, headers);
					} else {
						send(response, fault.status ?? 400, { error: { message: `Invalid header "Authorization: ${authorization}"`, type: 'invalid_request_error' } }, headers);
					}
					return undefined;
				}
				if (fault?.kind === 'status') {
					send(response, fault.status ?? 503, { id: 'server_error', message: 'The server is temporarily unable to handle the request.' });
					return undefined;
				}
				return number;
			},
			/** Whether this request still counts: its client is there, and no reset came since it started. */
			counts: () => !request.socket.destroyed && startedIn === generation,
			sleep,
		};
		return context;
	};

	const serveAdmin = async (request, response, rawBody) => {
		if (request.method === 'GET' && request.url === '/_stand-in/stats') return send(response, 200, stats);
		if (request.method === 'POST' && request.url === '/_stand-in/config') {
			configure(rawBody.length ? JSON.parse(rawBody.toString('utf8')) : {});
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
		const url = new URL(request.url, baseUrl);
		const found = routeFor(request.method, url.pathname);
		if (found) {
			const name = `${request.method} ${found.route.path}`;
			stats.byRoute[name] = (stats.byRoute[name] ?? 0) + 1;
		}
		const serve = () => found.route.handle(contextFor(request, response, rawBody, found.route), found.params, url);
		// Presigned URLs carry their own signature and no DigitalOcean auth or limits.
		if (found?.route.presigned) {
			if (request.headers.authorization) stats.presignedWithAuth += 1;
			return serve();
		}
		const key = found?.route.key === 'agent' ? config.agentKey : config.key;
		if (request.headers.authorization !== `Bearer ${key}`) {
			return send(response, 401, { id: 'unauthorized', message: 'Unable to authenticate you.' });
		}
		if (stats.inFlight > config.maxConcurrent || !rate.take(Date.now())) {
			// Both limits free up within a second: said with Retry-After, or only with the reset header.
			const nextSecond = String(Math.floor(Date.now() / 1000) + 1);
			const when = config.retryAfter
				? { 'retry-after': '1' }
				: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': nextSecond };
			return send(response, 429, { id: 'too_many_requests', message: 'API rate limit exceeded.' }, when);
		}
		const verdict = quota.take(tokensOf(found, rawBody), Date.now());
		const quotaHeaders = config.quotaHeaders ? verdict.headers : {};
		if (!verdict.admitted) return send(response, 429, { id: 'too_many_requests', message: 'API rate limit exceeded.' }, quotaHeaders);
		response.quotaHeaders = quotaHeaders;
		if (!found) return send(response, 404, { id: 'not_found', message: 'The resource you were accessing could not be found.' });
		return serve();
	};

	// With `tls` ({ key, cert }, PEM), it speaks HTTPS as DigitalOcean does: every new connection pays a handshake.
	const onRequest = (request, response) => {
		const counted = !request.url.startsWith('/_stand-in/');
		const startedAt = Date.now();
		if (counted) {
			stats.inFlight += 1;
			stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
			stats.firstStartedAt ||= startedAt;
			releaseHeld();
		}
		let done = false;
		const finish = () => {
			if (counted && !done) {
				stats.inFlight -= 1;
				stats.lastEndedAt = Date.now();
				stats.inFlightMs += stats.lastEndedAt - startedAt;
			}
			done = true;
		};
		response.on('close', finish);
		handle(request, response).catch((error) => {
			if (!response.headersSent) send(response, 500, { id: 'server_error', message: String(error.message) });
		});
	};
	const server = tls ? https.createServer(tls, onRequest) : http.createServer(onRequest);

	function configure(patch) {
		config = { ...config, ...patch, faults: (patch.faults ?? config.faults).map((fault) => ({ ...fault })) };
		if ('ratePerSecond' in patch) rate = new RateWindow(config.ratePerSecond ?? Infinity);
		if ('quota' in patch) quota = new Quota(config.quota);
	}

	function reset() {
		config = { ...defaults(), key: config.key, agentKey: config.agentKey };
		// Requests still open from before the reset stay counted until they close.
		stats = { ...emptyStats(), inFlight: stats.inFlight };
		generation += 1;
		rate = new RateWindow(config.ratePerSecond);
		quota = new Quota(config.quota);
		sequence = 0;
		stores = {};
	}

	const publicConfig = () => ({ ...config, key: undefined, agentKey: undefined });

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	const { port: actualPort } = server.address();
	baseUrl = `${tls ? 'https' : 'http'}://127.0.0.1:${actualPort}`;
	return {
		url: baseUrl,
		port: actualPort,
		key: config.key,
		agentKey: config.agentKey,
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

module.exports = { startStandIn, DEFAULT_AGENT_KEY, DEFAULT_KEY };
