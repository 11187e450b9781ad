import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { invalidInput, isPlainObject, parseJsonField, textOf } from '../../../shared/input';

export const MESSAGE_ROLES = ['system', 'developer', 'user', 'assistant', 'tool'] as const;

interface MessageRow {
	role?: string;
	content?: unknown;
	toolCallId?: unknown;
}

/**
 * Checks one message the way the API would, so that a mistake is reported with the field and
 * item instead of as an API error. Returns the message, with content given as a number or a
 * boolean as its text.
 */
function checkMessage(
	context: IExecuteSingleFunctions,
	field: string,
	message: unknown,
	position: number,
): IDataObject {
	const name = `message ${position}`;
	if (!isPlainObject(message)) {
		throw invalidInput(context, field, `${name} is not an object with "role" and "content"`);
	}
	const { role } = message;
	const content =
		typeof message.content === 'number' || typeof message.content === 'boolean' ? String(message.content) : message.content;
	if (!MESSAGE_ROLES.includes(role as (typeof MESSAGE_ROLES)[number])) {
		throw invalidInput(
			context,
			field,
			`${name} has an unknown role ${JSON.stringify(role)} (expected one of ${MESSAGE_ROLES.join(', ')})`,
		);
	}
	if (role === 'tool' && (typeof message.tool_call_id !== 'string' || message.tool_call_id === '')) {
		throw invalidInput(context, field, `${name} is a tool message without "tool_call_id"`);
	}
	if (content !== undefined && content !== null && typeof content !== 'string' && !Array.isArray(content)) {
		throw invalidInput(context, field, `${name} has content that is not text`);
	}
	const callsTools = Array.isArray(message.tool_calls) && message.tool_calls.length > 0;
	const hasContent = (typeof content === 'string' && content !== '') || Array.isArray(content);
	if (!hasContent && !(role === 'assistant' && callsTools)) {
		throw invalidInput(context, field, `${name} (${role}) has no content`);
	}
	return (content === message.content ? message : { ...message, content }) as IDataObject;
}

function checkedList(
	context: IExecuteSingleFunctions,
	field: string,
	messages: unknown,
): IDataObject[] {
	if (!Array.isArray(messages)) {
		throw invalidInput(context, field, 'must be an array of messages');
	}
	if (messages.length === 0) {
		throw invalidInput(context, field, 'has no messages');
	}
	return messages.map((message, index) => checkMessage(context, field, message, index + 1));
}

function fromPrompt(context: IExecuteSingleFunctions): IDataObject[] {
	const prompt = textOf(context, 'Prompt', context.getNodeParameter('prompt', ''));
	const systemMessage = textOf(context, 'System Message', context.getNodeParameter('systemMessage', ''));
	if (prompt.trim() === '') {
		throw invalidInput(context, 'Prompt', 'is empty');
	}
	const user = { role: 'user', content: prompt };
	return systemMessage.trim() === '' ? [user] : [{ role: 'system', content: systemMessage }, user];
}

function fromMessageRows(context: IExecuteSingleFunctions): IDataObject[] {
	const rows = context.getNodeParameter('messages.message', []) as MessageRow[];
	const messages = rows.map(({ role, content: value, toolCallId }, index) => {
		const field = `Messages (message ${index + 1})`;
		const content = textOf(context, field, value);
		return role === 'tool' ? { role, content, tool_call_id: textOf(context, field, toolCallId) } : { role, content };
	});
	return checkedList(context, 'Messages', messages);
}

function fromJson(context: IExecuteSingleFunctions): IDataObject[] {
	const field = 'Messages (JSON)';
	const value = parseJsonField(context, field, context.getNodeParameter('messagesJson', '[]'));
	return checkedList(context, field, value);
}

/** preSend: `messages` from whichever input the user chose, checked before anything is sent. */
export async function sendMessages(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const inputType = this.getNodeParameter('inputType', 'prompt') as string;
	const build = { prompt: fromPrompt, messages: fromMessageRows, json: fromJson }[inputType];
	if (!build) throw invalidInput(this, 'Input Type', `unknown value "${inputType}"`);
	(requestOptions.body as IDataObject).messages = build(this);
	return requestOptions;
}
