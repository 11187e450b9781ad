import type {
	INodeProperties,
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { isPlainObject, preview } from '../../../shared/input';
import { answerError } from '../../../shared/transport/answers';

interface ToolCall {
	id?: string;
	type?: string;
	function?: { name?: string; arguments?: unknown };
}

interface Choice {
	index?: number;
	finish_reason?: string | null;
	message?: {
		content?: unknown;
		refusal?: string | null;
		reasoning_content?: string | null;
		tool_calls?: ToolCall[] | null;
	};
}

export interface ChatCompletion {
	model?: string;
	choices?: Choice[];
	usage?: IDataObject;
}

/** Tool-call arguments arrive as a JSON string: an object when they parse, else kept as sent. */
function withParsedArguments(call: ToolCall): ToolCall {
	const args = call.function?.arguments;
	if (typeof args !== 'string') return call;
	try {
		return { ...call, function: { ...call.function, arguments: JSON.parse(args) as unknown } };
	} catch {
		return call;
	}
}

/** A reply's text: content given as a list of text parts is joined; anything else is kept as sent. */
function replyText(content: unknown): unknown {
	if (!Array.isArray(content)) return content ?? null;
	const texts = content
		.filter((part): part is { text: string } => isPlainObject(part) && typeof part.text === 'string')
		.map(({ text }) => text);
	return texts.length > 0 ? texts.join('') : content;
}

/** A reply asked to be JSON, also when the model wrapped it in a Markdown code fence. */
function parsedJson(text: string): unknown {
	const fenced = /^\s*```[\w-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```\s*$/.exec(text);
	return JSON.parse(fenced ? fenced[1] : text) as unknown;
}

/** A reply with neither text nor tool calls is valid, but worth saying so in the item. */
function emptyReplyWarning(choice: Choice, content: unknown, toolCalls: ToolCall[]): IDataObject {
	const empty = content === null || content === undefined || content === '' || (Array.isArray(content) && content.length === 0);
	if (toolCalls.length > 0 || !empty) return {};
	const reason = choice.finish_reason ? ` (finish reason: ${choice.finish_reason})` : '';
	return { warning: `The model returned no content${reason}` };
}

/** The header in which an inference router names the task it matched (none when no task matched). */
const ROUTE_HEADER = 'x-model-router-selected-route';

/** The task a router matched for this answer, if it said one. */
function routeOf(headers: IDataObject | undefined): string | undefined {
	const route = headers?.[ROUTE_HEADER];
	return typeof route === 'string' && route !== '' ? route : undefined;
}

function simplified(choice: Choice, completion: ChatCompletion, content: unknown, route: string | undefined): IDataObject {
	const message = choice.message ?? {};
	const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
	return {
		content: content as IDataObject['content'],
		...emptyReplyWarning(choice, content, toolCalls),
		...(message.refusal ? { refusal: message.refusal } : {}),
		...(message.reasoning_content ? { reasoning_content: message.reasoning_content } : {}),
		...(toolCalls.length > 0
			? { tool_calls: toolCalls.map(withParsedArguments) as unknown as IDataObject[] }
			: {}),
		finish_reason: choice.finish_reason ?? null,
		model: completion.model,
		...(route ? { route } : {}),
		usage: completion.usage,
	};
}

/** The fields chatItemsOf reads: Simplify, and the Options' Output Content as JSON (Chat Completion, Batch). */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

export const jsonOutputOption: INodeProperties = {
	displayName: 'Output Content as JSON',
	name: 'jsonOutput',
	type: 'boolean',
	default: false,
	description:
		'Whether to parse the reply as JSON and output the parsed value. Ask for JSON in the prompt; a reply that is not JSON fails the item.',
};

/**
 * A chat completion's items, for Chat Completion and for a batch's answers. Simplified: one
 * item per choice with the reply and what a workflow needs next (with `route`, the task a
 * router matched, when given). Raw: the completion as the API sent it. "Output Content as JSON"
 * parses each reply's content in either form.
 */
export function chatItemsOf(context: IExecuteSingleFunctions, completion: ChatCompletion, route?: string): INodeExecutionData[] {
	const itemIndex = context.getItemIndex();
	const choices = completion.choices;
	if (!Array.isArray(choices) || choices.length === 0 || !choices.every((choice) => isPlainObject(choice))) {
		throw answerError(context.getNode(), completion, {
			message: 'The API answered without any choices',
			description: 'The response had no "choices" list, so there is no reply to return.',
			itemIndex,
		});
	}

	const parseContent = context.getNodeParameter('options.jsonOutput', false) as boolean;
	const contentOf = (choice: Choice): unknown => {
		const content = replyText(choice.message?.content);
		if (!parseContent || typeof content !== 'string') return content;
		try {
			return parsedJson(content);
		} catch {
			throw answerError(context.getNode(), completion, {
				message: 'The reply is not valid JSON',
				description: `"Output Content as JSON" is on, but the model answered: "${preview(content)}". Ask for JSON only in the prompt, or turn the option off.`,
				itemIndex,
			});
		}
	};

	if (!context.getNodeParameter('simplify', true)) {
		const json = parseContent
			? {
					...completion,
					choices: choices.map((choice) => ({
						...choice,
						message: { ...(choice.message ?? {}), content: contentOf(choice) },
					})),
				}
			: completion;
		return [{ json: json as IDataObject }];
	}
	return choices.map((choice) => ({
		json: simplified(choice, completion, contentOf(choice), route),
	}));
}

/** postReceive for Chat Completion: the answer's items (chatItemsOf), with the route a router's answer names. */
export async function toChatItems(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return chatItemsOf(this, response.body as ChatCompletion, routeOf(response.headers));
}
