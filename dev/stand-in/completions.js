// Deterministic chat completions: the same request always gets the same reply, so tests can
// assert on it. The reply echoes the last user message; tools are called when offered and
// asked for; a tool result is answered; "JSON" in the conversation gets a JSON reply.
const { REASONING } = require('./models');

const textOf = (content) =>
	Array.isArray(content)
		? content.map((part) => (part && typeof part.text === 'string' ? part.text : '')).join('')
		: typeof content === 'string'
			? content
			: '';

/** The text of the conversation's last user message ('' when there is none). */
const lastUserText = (messages) => textOf([...messages].reverse().find((message) => message.role === 'user')?.content);

const tokens = (text) => Math.max(1, Math.ceil(text.length / 4));

/** The text a list of messages puts before the model, as its prompt tokens are counted. */
const promptTextOf = (messages) => messages.map((message) => textOf(message.content)).join('\n');

/** Arguments for a tool call, filled from the schema: strings get the user's words. */
function argumentsFor(tool, userText) {
	const properties = tool.function?.parameters?.properties ?? {};
	const args = {};
	for (const [name, schema] of Object.entries(properties)) {
		const type = schema?.type;
		args[name] = type === 'number' || type === 'integer' ? 1 : type === 'boolean' ? true : userText;
	}
	return JSON.stringify(args);
}

/** The tool the model "decides" to call, or undefined to answer in text. */
function toolToCall(request, lastMessage, userText) {
	const tools = Array.isArray(request.tools) ? request.tools.filter((tool) => tool?.function?.name) : [];
	if (tools.length === 0 || lastMessage.role === 'tool') return undefined;
	const choice = request.tool_choice;
	if (choice === 'none') return undefined;
	if (choice && typeof choice === 'object') {
		return tools.find((tool) => tool.function.name === choice.function?.name);
	}
	const mentioned = tools.find((tool) => userText.toLowerCase().includes(tool.function.name.toLowerCase()));
	return mentioned ?? (choice === 'required' ? tools[0] : undefined);
}

function replyText(request, messages, lastMessage, userText) {
	if (lastMessage.role === 'tool') return `The tool answered: ${textOf(lastMessage.content)}`;
	const wantsJson = messages.some((message) => textOf(message.content).includes('JSON'));
	if (wantsJson) return JSON.stringify({ model: request.model, echo: userText });
	return `Echo from ${request.model}: ${userText}`;
}

/**
 * The response body for a valid request. `sequence` numbers the tool calls; `content`, when
 * given, is the reply in place of the echo (an endpoint that answers in its own words).
 */
function chatCompletion(request, sequence, { content } = {}) {
	const messages = request.messages;
	const lastMessage = messages[messages.length - 1];
	const userText = lastUserText(messages);
	const tool = toolToCall(request, lastMessage, userText);
	const count = Number.isInteger(request.n) && request.n > 0 ? request.n : 1;

	const message = tool
		? {
				role: 'assistant',
				content: null,
				refusal: null,
				reasoning_content: null,
				tool_calls: [
					{
						id: `call_${sequence}`,
						type: 'function',
						function: { name: tool.function.name, arguments: argumentsFor(tool, userText) },
					},
				],
			}
		: {
				role: 'assistant',
				content: content ?? replyText(request, messages, lastMessage, userText),
				refusal: null,
				reasoning_content: REASONING.test(request.model) ? `Thinking about: ${userText}` : null,
				tool_calls: null,
			};
	const promptText = promptTextOf(messages);
	const completionTokens = tokens(message.content ?? message.tool_calls[0].function.arguments);
	return {
		id: '',
		object: 'chat.completion',
		created: 1747247763,
		model: request.model,
		choices: Array.from({ length: count }, (_, index) => ({
			index,
			finish_reason: tool ? 'tool_calls' : 'stop',
			logprobs: null,
			message,
		})),
		usage: {
			prompt_tokens: tokens(promptText),
			completion_tokens: completionTokens * count,
			total_tokens: tokens(promptText) + completionTokens * count,
		},
	};
}

/** What every streamed chunk of a completion repeats. */
const chunkBase = (completion) => ({ id: completion.id, object: 'chat.completion.chunk', created: completion.created, model: completion.model });

/** The same completion as server-sent events, the way `stream: true` gets it. */
function* chatCompletionChunks(completion, includeUsage) {
	const base = chunkBase(completion);
	for (const choice of completion.choices) {
		const { role, content, tool_calls: toolCalls, reasoning_content: reasoning } = choice.message;
		const delta = {
			role,
			...(reasoning ? { reasoning_content: reasoning } : {}),
			...(content !== null ? { content } : {}),
			...(toolCalls ? { tool_calls: toolCalls.map((call, index) => ({ index, ...call })) } : {}),
		};
		yield { ...base, choices: [{ index: choice.index, delta, finish_reason: null }] };
		yield { ...base, choices: [{ index: choice.index, delta: {}, finish_reason: choice.finish_reason }] };
	}
	if (includeUsage) yield { ...base, choices: [], usage: completion.usage };
}

/**
 * Why the API would reject this request body, or undefined when it is valid. `modelRequired`
 * false: an endpoint that ignores `model` (an agent answers with its own) takes a body without one.
 */
function invalidRequest(request, { modelRequired = true } = {}) {
	if (typeof request !== 'object' || request === null || Array.isArray(request)) return 'The request body must be a JSON object.';
	if (modelRequired && (typeof request.model !== 'string' || request.model === '')) return 'The "model" field is required.';
	if (!Array.isArray(request.messages) || request.messages.length === 0) return 'The "messages" field must be a non-empty array.';
	const roles = ['system', 'developer', 'user', 'assistant', 'tool'];
	const badMessage = request.messages.find((message) => !message || !roles.includes(message.role));
	if (badMessage) return `Invalid message role: ${JSON.stringify(badMessage?.role)}.`;
	if (request.tool_choice !== undefined && !Array.isArray(request.tools)) return '"tool_choice" is only allowed when "tools" are given.';
	return undefined;
}

module.exports = { chatCompletion, chatCompletionChunks, chunkBase, invalidRequest, lastUserText, promptTextOf, textOf, tokens };
