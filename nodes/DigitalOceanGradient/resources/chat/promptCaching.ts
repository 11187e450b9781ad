import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { invalidInput, isPlainObject } from '../../../shared/input';
import { writesPromptCache } from '../../../shared/transport/cacheWarmUp';

const TTLS = ['1h', '5m'];

/**
 * Anthropic's models cache only up to a content part marked with cache_control; DigitalOcean
 * documents nothing of what other models do with the marker, and routers turn caching on for
 * the Anthropic models they pick themselves, so only anthropic-* models get one.
 */
const takesCacheMarker = (model: unknown) => typeof model === 'string' && model.startsWith('anthropic-');

function lastIndexWhere<T>(list: T[], test: (entry: T) => boolean): number {
	for (let index = list.length - 1; index >= 0; index--) if (test(list[index])) return index;
	return -1;
}

const isTextPart = (part: unknown) => isPlainObject(part) && part.type === 'text' && typeof part.text === 'string';

/** A message's content as text parts, its last text part marked; undefined when it has no text to mark. */
function markedContent(content: unknown, marker: IDataObject): unknown[] | undefined {
	const parts = typeof content === 'string' ? [{ type: 'text', text: content }] : Array.isArray(content) ? content : [];
	const last = lastIndexWhere(parts, isTextPart);
	if (last === -1) return undefined;
	return parts.map((part, index) => (index === last ? { ...(part as IDataObject), cache_control: marker } : part));
}

/**
 * The messages with the last system or developer message marked, so that the tools and every
 * message up to its end are cached: the instructions a workflow sends again and again. Without
 * such a message (or without text in it) nothing is marked.
 */
export function withCacheMarker(messages: IDataObject[], ttl: string): IDataObject[] {
	const at = markedMessageIndex(messages);
	const content = at === -1 ? undefined : markedContent(messages[at].content, { type: 'ephemeral', ttl });
	if (!content) return messages;
	return messages.map((message, index) => (index === at ? { ...message, content: content as IDataObject[] } : message));
}

const markedMessageIndex = (messages: IDataObject[]) => lastIndexWhere(messages, ({ role }) => role === 'system' || role === 'developer');

/** The part of a request Anthropic caches: the model, the tools, and the messages up to the marked one. */
const cachedPrefixOf = (body: IDataObject): string => {
	const messages = body.messages as IDataObject[];
	return JSON.stringify([body.model, body.tools ?? null, messages.slice(0, markedMessageIndex(messages) + 1)]);
};

/** preSend for Prompt Caching: the marker, for an Anthropic model only; any other request is left as it is. */
export async function sendPromptCaching(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const ttl = this.getNodeParameter('options.promptCaching', '5m') as string;
	if (!TTLS.includes(ttl)) {
		throw invalidInput(this, 'Prompt Caching', `${JSON.stringify(ttl)} is not a duration the API takes (5m or 1h)`);
	}
	const body = requestOptions.body as IDataObject;
	if (!takesCacheMarker(body.model)) return requestOptions;
	const messages = body.messages as IDataObject[];
	// Markers of the user's own (in Messages (JSON)) are kept as they are: another could exceed Anthropic's four, or put a 5m one before a 1h one.
	if (JSON.stringify(messages).includes('"cache_control"')) return requestOptions;
	body.messages = withCacheMarker(messages, ttl);
	// The run's first request with these instructions writes the cache; the request path has the others wait for it.
	return body.messages === messages ? requestOptions : writesPromptCache(requestOptions, cachedPrefixOf);
}

export const promptCachingOption: INodeProperties = {
	displayName: 'Prompt Caching',
	name: 'promptCaching',
	type: 'options',
	default: '5m',
	description:
		'For Anthropic (Claude) models, which cache only what is marked: marks the last system or developer message, so that the tools and the messages up to its end are cached for later requests (from about 1,024 tokens on). Writing the cache costs more than plain input, reading it much less. In Chat, the first request of a run with these instructions goes alone, the others once it has written the cache. Messages that carry their own cache_control are sent as they are. Other models get nothing extra (OpenAI models cache long prompts by themselves), nor do routers, which turn caching on for the Anthropic models they pick.',
	options: [
		{ name: '1 Hour', value: '1h' },
		{ name: '5 Minutes', value: '5m' },
	],
	routing: { send: { preSend: [sendPromptCaching] } },
};
