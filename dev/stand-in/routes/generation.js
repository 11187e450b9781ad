// What the text-generation endpoints share: the request is read as a chat request and
// answered by the same deterministic completion (../completions.js), counted per prompt,
// streamed as server-sent events when asked. A router (../routers.js) picks the model that
// answers; an Anthropic model's marked prefix is cached (../promptCache.js).
const { chatCompletion, lastUserText } = require('../completions');
const { acceptedBody, validBody } = require('./accepted');
const { promptCaching } = require('../promptCache');
const { isRouter, routed, routeHeaders } = require('../routers');

/**
 * A route that generates text. `endpoint` says how its requests are checked (`invalid`), read
 * as a chat request (`asChat`), and how the completion is written back whole (`answer`) or as
 * a stream (`chunks`). Optional: `ignoresModel` (the body's model is not checked), `reply`
 * (chatRequest => the reply's text, in place of the echo), `countRequestsAs` (the stat that
 * counts its requests, else chatRequests), `countAs` (a stat that counts its completions too),
 * `quotaByUsage` (a request counts its completion's tokens against the quota, not its size).
 */
function generationRoute(path, endpoint) {
	const completionOf = (chatRequest, sequence) => chatCompletion(chatRequest, sequence, { content: endpoint.reply?.(chatRequest) });
	return {
		method: 'POST',
		path,
		errorStyle: 'openai',
		// Kept between requests: the routers' pinned picks and the prompt cache.
		store: 'generation',
		...(endpoint.quotaByUsage ? { tokens: (body) => completionOf(endpoint.asChat(body), 0).usage.total_tokens } : {}),
		async handle(context) {
			const body = endpoint.ignoresModel
				? validBody(context, endpoint.invalid)
				: acceptedBody(context, endpoint.invalid, undefined, (model) => context.isModel(model) || isRouter(model));
			if (body === undefined) return undefined;
			const asked = endpoint.asChat(body);
			const pick = isRouter(asked.model) ? routed(context, asked.messages) : undefined;
			const chatRequest = pick ? { ...asked, model: pick.model } : asked;
			// An agent's model is its own business: its usage says nothing of caching.
			const cachedUsage = endpoint.ignoresModel ? undefined : promptCaching(context, chatRequest);
			context.stats[endpoint.countRequestsAs ?? 'chatRequests'] += 1;
			const sequence = await context.work();
			if (sequence === undefined) return undefined;

			const completion = completionOf(chatRequest, sequence);
			if (context.config.emptyRole) for (const choice of completion.choices) choice.message.role = '';
			const prompt = lastUserText(chatRequest.messages);
			// A client that gave up (a timeout) is not served; one from before a reset is not counted.
			if (context.request.socket.destroyed) return undefined;
			const counts = context.counts();
			if (counts) {
				const { stats } = context;
				stats.completions += 1;
				if (endpoint.countAs) stats[endpoint.countAs] += 1;
				stats.servedByPrompt[prompt] = (stats.servedByPrompt[prompt] ?? 0) + 1;
			}
			if (cachedUsage) completion.usage = cachedUsage(completion.usage, counts);
			if (!body.stream) return context.send(200, endpoint.answer(completion, body, sequence), routeHeaders(pick));

			if (counts) context.stats.streamed += 1;
			context.stats.byStatus[200] = (context.stats.byStatus[200] ?? 0) + 1;
			const { response } = context;
			response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...context.rateHeaders(), ...routeHeaders(pick) });
			for (const chunk of endpoint.chunks(completion, body, sequence)) response.write(`data: ${JSON.stringify(chunk)}\n\n`);
			response.end('data: [DONE]\n\n');
			return undefined;
		},
	};
}

module.exports = { generationRoute };
