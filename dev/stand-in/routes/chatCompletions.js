// POST /v1/chat/completions.
const { chatCompletionChunks, invalidRequest } = require('../completions');
const { invalidCacheControl } = require('../promptCache');
const { generationRoute } = require('./generation');

module.exports = [
	generationRoute('/v1/chat/completions', {
		invalid: (body) => invalidRequest(body) ?? invalidCacheControl(body),
		asChat: (body) => body,
		answer: (completion) => completion,
		chunks: (completion, body) => chatCompletionChunks(completion, body.stream_options?.include_usage),
		quotaByUsage: true,
	}),
];
