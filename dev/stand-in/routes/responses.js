// POST /v1/responses as DigitalOcean's OpenAPI description documents it
// (specification/resources/inference/inference_create_response.yml and its models): the request
// is read as a chat request, answered by the same deterministic completion, and written back
// in the Responses shape. DigitalOcean documents `content` as a string only; the content-part
// arrays and function_call_output items that OpenAI's clients send are accepted too, so a
// client that sends them is not failed by the stand-in for something DigitalOcean may accept.
const { chatCompletionChunks, textOf } = require('../completions');
const { generationRoute } = require('./generation');

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool'];

/** Why the API would reject this Responses request body, or undefined when it is valid. */
function invalidResponsesRequest(request) {
	if (typeof request !== 'object' || request === null || Array.isArray(request)) return 'The request body must be a JSON object.';
	if (typeof request.model !== 'string' || request.model === '') return 'The "model" field is required.';
	const { input } = request;
	if (typeof input === 'string') return input === '' ? 'The "input" field must not be empty.' : undefined;
	if (!Array.isArray(input) || input.length === 0) return 'The "input" field must be a string or a non-empty array.';
	const bad = input.find((item) => !item || typeof item !== 'object' || (item.role !== undefined && !ROLES.includes(item.role)));
	if (bad) return `Invalid input item: ${JSON.stringify(bad)}.`;
	return undefined;
}

/** One input item as a chat message. */
function messageOf(item) {
	if (item.type === 'function_call_output') return { role: 'tool', tool_call_id: item.call_id, content: String(item.output ?? '') };
	if (item.type === 'function_call') {
		return { role: 'assistant', content: null, tool_calls: [{ id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments } }] };
	}
	return { role: item.role ?? 'user', content: textOf(item.content) };
}

/** The chat request that asks the same: instructions as a system message, flat tools in chat form. */
function asChatRequest(request) {
	const input = typeof request.input === 'string' ? [{ role: 'user', content: request.input }] : request.input.map(messageOf);
	const instructions = typeof request.instructions === 'string' && request.instructions ? [{ role: 'system', content: request.instructions }] : [];
	const tools = Array.isArray(request.tools)
		? request.tools.map((tool) => ({ type: 'function', function: { name: tool?.name, description: tool?.description, parameters: tool?.parameters } }))
		: undefined;
	return { model: request.model, messages: [...instructions, ...input], tools, tool_choice: request.tool_choice };
}

/** Chat usage in the Responses API's terms (response_usage.yml). */
const responsesUsage = ({ prompt_tokens: input, completion_tokens: output, total_tokens: total }) => ({
	input_tokens: input,
	input_tokens_details: { cached_tokens: 0 },
	output_tokens: output,
	output_tokens_details: { reasoning_tokens: 0, tool_output_tokens: 0 },
	total_tokens: total,
});

/** A chat completion written as a Responses API response. */
function asResponse(completion, request, sequence) {
	const { message, finish_reason: finishReason } = completion.choices[0];
	const output = [];
	if (message.reasoning_content) {
		output.push({ type: 'reasoning', id: `rs_${sequence}`, status: 'completed', role: 'assistant', content: [{ type: 'reasoning_text', text: message.reasoning_content }] });
	}
	for (const call of message.tool_calls ?? []) {
		output.push({ type: 'function_call', id: `fc_${sequence}`, status: 'completed', call_id: call.id, name: call.function.name, arguments: call.function.arguments, content: [] });
	}
	if (message.content !== null) {
		output.push({ type: 'message', id: `msg_${sequence}`, status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: message.content }] });
	}
	return {
		id: `resp_${sequence}`,
		object: 'response',
		created: completion.created,
		model: completion.model,
		status: finishReason === 'length' ? 'incomplete' : 'completed',
		output,
		usage: responsesUsage(completion.usage),
		temperature: request.temperature ?? null,
		top_p: request.top_p ?? null,
		max_output_tokens: request.max_output_tokens ?? null,
		tools: request.tools ?? [],
		tool_choice: typeof request.tool_choice === 'string' ? request.tool_choice : 'auto',
		parallel_tool_calls: true,
		user: request.user ?? null,
	};
}

/** The streamed form as specified: chat-style chunks with object "response.chunk". */
function* responseChunks(chatChunks, id) {
	for (const chunk of chatChunks) {
		yield { ...chunk, id, object: 'response.chunk', usage: chunk.usage ? responsesUsage(chunk.usage) : null };
	}
}

module.exports = [
	generationRoute('/v1/responses', {
		invalid: invalidResponsesRequest,
		asChat: asChatRequest,
		answer: asResponse,
		chunks: (completion, body, sequence) =>
			responseChunks(chatCompletionChunks(completion, body.stream_options?.include_usage), `resp_${sequence}`),
		countAs: 'responses',
	}),
];
