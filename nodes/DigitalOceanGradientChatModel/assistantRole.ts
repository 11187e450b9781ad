interface Message {
	role?: string;
}

/** The part of LangChain's ChatOpenAI (inside n8n's AI SDK) that turns answers into messages. */
interface CompletionsConverter {
	_convertCompletionsMessageToBaseMessage?(message: Message, rawResponse: unknown): unknown;
	_convertCompletionsDeltaToBaseMessageChunk?(delta: Message, rawResponse: unknown, defaultRole?: string): unknown;
}

/**
 * DigitalOcean has been seen answering with `"role": ""`. LangChain makes a message with an
 * empty role a generic chat message and drops its tool calls, so the agent would never run a
 * tool: read an empty role as the assistant's. Uses the converters LangChain keeps overridable;
 * a model without them is left as it is. The copies LangChain makes when the agent binds its
 * tools are built from the model's fields, so the patched converter goes there too.
 */
export function readEmptyRoleAsAssistant(model: unknown): void {
	const chatModel = model as { completions?: CompletionsConverter; fields?: Record<string, unknown> } | undefined;
	const completions = chatModel?.completions;
	const toMessage = completions?._convertCompletionsMessageToBaseMessage;
	const toChunk = completions?._convertCompletionsDeltaToBaseMessageChunk;
	if (!completions || typeof toMessage !== 'function' || typeof toChunk !== 'function') return;

	completions._convertCompletionsMessageToBaseMessage = (message, rawResponse) =>
		toMessage.call(completions, { ...message, role: message.role || 'assistant' }, rawResponse);
	completions._convertCompletionsDeltaToBaseMessageChunk = (delta, rawResponse, defaultRole) =>
		toChunk.call(completions, delta.role === '' ? { ...delta, role: defaultRole || 'assistant' } : delta, rawResponse, defaultRole);
	if (chatModel.fields) chatModel.fields.completions = completions;
}
