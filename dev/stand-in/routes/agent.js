// POST /api/v1/chat/completions: a DigitalOcean Gradient agent's endpoint, on the stand-in's own
// host (DigitalOcean serves each agent at https://<agent>.agents.do-ai.run). The agent is
// ../agent.js.
//
// Documented, on https://docs.digitalocean.com/products/ai-platform/how-to/use-agents/:
// - the path: the agent's URL + /api/v1/chat/completions, with `Authorization: Bearer <endpoint
//   access key>`, a key of the agent's own (the model access key is no agent key, and the other way round);
// - the body is a chat request whose `model` is not needed (the page's curl sends none, its
//   Python sends "n/a");
// - the flags include_retrieval_info, include_functions_info and include_guardrails_info, and the
//   blocks they add: retrieval.retrieved_data[] ({ id, index, page_content, score, filename,
//   data_source_id, metadata }), functions.called_functions[], guardrails.triggered_guardrails[]
//   ({ rule_name, message }).
// In the OpenAPI description (specification/resources/inference/agent_inference_create_chat_completion.yml):
// the query `?agent=true` (the how-to omits it; both are served, the query is not read), the
// answer as a chat completion, streamed as server-sent events ending with `data: [DONE]`, and
// the 401 body { id: 'unauthorized', message: 'Unable to authenticate you.' }.
// On https://docs.digitalocean.com/products/gradient-ai-platform/how-to/manage-agent-guardrails/:
// a triggered guardrail overrides the agent's output with its default agent response.
//
// Assumed: a guardrail's refusal is a 200 (no status is documented; clients read the text);
// streamed, the asked blocks come first in a chunk of their own with no choices (as third-party
// clients saw retrieval arrive); a flag set to null counts as unset (the agent's own
// /openapi.json declares them nullable), another non-boolean is a 400 in the OpenAI error style,
// as the model endpoints' 400s (the agent host's error body is not documented).
const { chatCompletionChunks, chunkBase, invalidRequest } = require('../completions');
const { AGENT_MODEL, agentTurn } = require('../agent');
const { generationRoute } = require('./generation');

// The flags, and the block of the answer each one adds.
const FLAGS = { include_retrieval_info: 'retrieval', include_functions_info: 'functions', include_guardrails_info: 'guardrails' };

/** Why the agent would reject this request body, or undefined when it is valid. */
function invalidAgentRequest(body) {
	const problem = invalidRequest(body, { modelRequired: false });
	if (problem) return problem;
	const flag = Object.keys(FLAGS).find((name) => body[name] !== undefined && body[name] !== null && typeof body[name] !== 'boolean');
	return flag && `The "${flag}" field must be a boolean.`;
}

/** The blocks the request's flags ask for, telling what the agent did on its turn. */
function blocksAsked(body) {
	const turn = agentTurn(body.messages);
	const blocks = {
		retrieval: { retrieved_data: turn.retrieved },
		functions: { called_functions: turn.calledFunctions },
		guardrails: { triggered_guardrails: turn.triggeredGuardrails },
	};
	return Object.fromEntries(Object.entries(FLAGS).filter(([flag]) => body[flag] === true).map(([, block]) => [block, blocks[block]]));
}

/** The chat route's chunks, after a first chunk of the asked blocks when any are. */
function* agentChunks(completion, body) {
	const blocks = blocksAsked(body);
	if (Object.keys(blocks).length > 0) yield { ...chunkBase(completion), choices: [], ...blocks };
	yield* chatCompletionChunks(completion, body.stream_options?.include_usage);
}

module.exports = [
	{
		...generationRoute('/api/v1/chat/completions', {
			invalid: invalidAgentRequest,
			ignoresModel: true,
			asChat: (body) => ({ model: AGENT_MODEL, messages: body.messages }),
			reply: (chatRequest) => agentTurn(chatRequest.messages).content,
			answer: (completion, body) => ({ ...completion, ...blocksAsked(body) }),
			chunks: agentChunks,
			countRequestsAs: 'agentRequests',
			quotaByUsage: true,
		}),
		// The agent's own endpoint access key, not the model access key (server.js).
		key: 'agent',
	},
];
