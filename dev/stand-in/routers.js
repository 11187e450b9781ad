// Inference routers, as DigitalOcean describes them: a request names a router as its model,
// `inference-router` (the managed router) or `router:<name>` (a custom or preset router). The
// router matches the last user message to a task and lets that task's model answer: the answer's
// `model` is the model it picked, the x-model-router-selected-route header names the task, and
// a request no task matches goes to the fallback model, without the header. A request with an
// X-Model-Affinity value gets the pick of the first request with that value, whatever it asks.
const { textOf } = require('./completions');

const ROUTERS = new Set(['inference-router', 'router:general', 'router:software-engineering']);

// The tasks of every router here, tried in order; the first whose words the message holds wins.
const TASKS = [
	{ route: 'Code Generation', words: /\b(code|coding|function|bug|debug|python|javascript|typescript)\b/i, model: 'openai-gpt-4o' },
	{ route: 'Summarization', words: /\bsummar(y|ize|ise)/i, model: 'anthropic-claude-3.5-haiku' },
];
const FALLBACK_MODEL = 'llama3.3-70b-instruct';

const ROUTE_HEADER = 'x-model-router-selected-route';

const isRouter = (model) => ROUTERS.has(model);

/** The router's own pick for these messages: { model, route }, route undefined on the fallback. */
function pickFor(messages) {
	const asked = textOf([...messages].reverse().find((message) => message.role === 'user')?.content);
	const task = TASKS.find(({ words }) => words.test(asked));
	return task ? { model: task.model, route: task.route } : { model: FALLBACK_MODEL, route: undefined };
}

/**
 * The pick for a request to a router, counted: the first request with an X-Model-Affinity value
 * picks and is remembered (in the route's `store`, cleared on reset) for the later ones.
 */
function routed(context, messages) {
	const affinity = context.request.headers['x-model-affinity'];
	const pinned = (context.store.affinity ??= new Map());
	const pick = (affinity && pinned.get(affinity)) || pickFor(messages);
	const { stats } = context;
	stats.routedRequests += 1;
	if (affinity) {
		pinned.set(affinity, pick);
		const seen = (stats.byAffinity[affinity] ??= { model: pick.model, route: pick.route ?? null, requests: 0 });
		seen.requests += 1;
	}
	return pick;
}

/** The headers an answer of this pick carries. */
const routeHeaders = (pick) => (pick?.route ? { [ROUTE_HEADER]: pick.route } : {});

module.exports = { isRouter, routed, routeHeaders, FALLBACK_MODEL, ROUTE_HEADER };
