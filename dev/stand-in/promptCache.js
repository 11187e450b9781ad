// Prompt caching of Anthropic models (anthropic-*) on /v1/chat/completions, as DigitalOcean
// documents it: a content part marked with `cache_control: { type: 'ephemeral', ttl: '5m' | '1h' }`
// ends a prefix (the tools, then the messages up to and including that part) that the first
// request writes to the cache and later ones read within the TTL. The usage then counts the
// cached tokens apart (cache_created_input_tokens, cache_read_input_tokens, cache_creation by
// TTL), and prompt_tokens and total_tokens leave them out, as in DigitalOcean's example.
// Without a marker the three fields are there with zeros, as DigitalOcean answers.
//
// What DigitalOcean does with cache_control sent to other models is not documented: here they
// ignore it. Their own caching (OpenAI's automatic one) is not imitated, nor a router's.
const { createHash } = require('node:crypto');

const { promptTextOf, tokens } = require('./completions');

const TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 };

const takesMarkers = (model) => typeof model === 'string' && model.startsWith('anthropic-');

const partsOf = (messages) =>
	messages.flatMap((message, index) => (Array.isArray(message?.content) ? message.content.map((part, at) => ({ part, where: `messages[${index}].content[${at}]` })) : []));

/** Why the API would refuse the request's cache markers (Anthropic's wording), or undefined. */
function invalidCacheControl(request) {
	if (!takesMarkers(request.model)) return undefined;
	for (const { part, where } of partsOf(request.messages)) {
		const marker = part?.cache_control;
		if (marker === undefined) continue;
		if (marker?.type !== 'ephemeral') return `${where}.cache_control.type: Input should be 'ephemeral'`;
		if (marker.ttl !== undefined && !(marker.ttl in TTL_MS)) return `${where}.cache_control.ttl: Input should be '5m' or '1h'`;
	}
	return undefined;
}

/** The messages up to and including the last marked content part, with that part's TTL; undefined without a marker. */
function markedPrefix(messages) {
	for (let index = messages.length - 1; index >= 0; index -= 1) {
		const { content } = messages[index];
		if (!Array.isArray(content)) continue;
		const last = content.findLastIndex((part) => part?.cache_control !== undefined);
		if (last === -1) continue;
		const through = { ...messages[index], content: content.slice(0, last + 1) };
		return { messages: [...messages.slice(0, index), through], ttl: content[last].cache_control.ttl ?? '5m' };
	}
	return undefined;
}

/**
 * The cache's part in one request, looked up as it arrives (a request sent before the first
 * answer wrote the prefix writes it too, as at Anthropic). Returns how to write its answer's
 * usage, which also writes or refreshes the entry and counts it when `counts`; undefined for a
 * model that does not take markers.
 */
function promptCaching(context, request) {
	if (!takesMarkers(request.model)) return undefined;
	const prefix = markedPrefix(request.messages);
	const cachedTokens = prefix ? tokens(promptTextOf(prefix.messages)) : 0;
	const cacheable = prefix !== undefined && cachedTokens >= context.config.cacheMinTokens;
	const entries = (context.store.promptCache ??= new Map());
	const key = cacheable ? createHash('sha256').update(JSON.stringify([request.model, request.tools ?? null, prefix.messages])).digest('hex') : '';
	const read = cacheable && (entries.get(key) ?? 0) > Date.now();

	return (usage, counts) => {
		const written = cacheable && !read ? cachedTokens : 0;
		if (cacheable) {
			entries.set(key, Date.now() + TTL_MS[prefix.ttl]);
			if (counts) context.stats[read ? 'cacheReads' : 'cacheWrites'] += 1;
		}
		const promptTokens = cacheable ? Math.max(0, usage.prompt_tokens - cachedTokens) : usage.prompt_tokens;
		return {
			prompt_tokens: promptTokens,
			completion_tokens: usage.completion_tokens,
			total_tokens: promptTokens + usage.completion_tokens,
			cache_created_input_tokens: written,
			cache_read_input_tokens: read ? cachedTokens : 0,
			cache_creation: {
				ephemeral_5m_input_tokens: prefix?.ttl === '5m' ? written : 0,
				ephemeral_1h_input_tokens: prefix?.ttl === '1h' ? written : 0,
			},
		};
	};
}

module.exports = { invalidCacheControl, promptCaching };
