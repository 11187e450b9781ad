import { withoutSecret } from '../shared/transport/secrets';

interface Message {
	role?: string;
}

/** The part of LangChain's ChatOpenAI (inside n8n's AI SDK) that turns answers into messages. */
interface CompletionsConverter {
	_convertCompletionsMessageToBaseMessage?(message: Message, rawResponse: unknown): unknown;
	_convertCompletionsDeltaToBaseMessageChunk?(delta: Message, rawResponse: unknown, defaultRole?: string): unknown;
}

/**
 * How the model's answers become LangChain messages, made safe for DigitalOcean's:
 * - DigitalOcean has been seen answering with `"role": ""`. LangChain makes a message with an
 *   empty role a generic chat message and drops its tool calls, so the agent would never run a
 *   tool: an empty role is read as the assistant's.
 * - An answer that quotes the model access key does not carry it on into the agent's output.
 *
 * Uses the converters LangChain keeps overridable; a model without them is left as it is, and
 * false is returned. (A streamed answer is checked chunk by chunk: a key split between two
 * chunks is not found.) The
 * copies LangChain makes when the agent binds its tools are built from the model's fields, so
 * the patched converters go there too.
 */
export function readAnswers(model: unknown, secret: string): boolean {
	const chatModel = model as { completions?: CompletionsConverter; fields?: Record<string, unknown> } | undefined;
	const completions = chatModel?.completions;
	const toMessage = completions?._convertCompletionsMessageToBaseMessage;
	const toChunk = completions?._convertCompletionsDeltaToBaseMessageChunk;
	if (!completions || typeof toMessage !== 'function' || typeof toChunk !== 'function') return false;

	completions._convertCompletionsMessageToBaseMessage = (message, rawResponse) =>
		toMessage.call(completions, withoutSecret({ ...message, role: message.role || 'assistant' }, secret), rawResponse);
	completions._convertCompletionsDeltaToBaseMessageChunk = (delta, rawResponse, defaultRole) =>
		toChunk.call(
			completions,
			withoutSecret(delta.role === '' ? { ...delta, role: defaultRole || 'assistant' } : delta, secret),
			rawResponse,
			defaultRole,
		);
	if (chatModel.fields) chatModel.fields.completions = completions;
	return true;
}
