import type { INodeProperties } from 'n8n-workflow';

import { MESSAGE_ROLES, sendMessages } from './messages';
import { chatOptions } from './options';
import { simplifyField, toChatItems } from './replies';
import { defineOperation } from '../define';
import { modelField } from '../modelField';

const roleLabels: Record<(typeof MESSAGE_ROLES)[number], { name: string; description: string }> = {
	assistant: { name: 'Assistant', description: 'An earlier reply of the model' },
	developer: {
		name: 'Developer',
		description: 'Instructions from the developer (newer models prefer this to System)',
	},
	system: { name: 'System', description: 'Instructions that set how the model behaves' },
	tool: { name: 'Tool', description: 'The result of a tool call the model asked for' },
	user: { name: 'User', description: 'A message from the user' },
};

/** A conversation to send: a prompt, message rows or JSON messages (sendMessages reads them); Chat's and Agent's. */
export const conversationProperties: INodeProperties[] = [
	{
		displayName: 'Input Type',
		name: 'inputType',
		type: 'options',
		noDataExpression: true,
		default: 'prompt',
		options: [
			{
				name: 'Messages',
				value: 'messages',
				description: 'A conversation: a list of messages, each with its role',
			},
			{
				name: 'Messages (JSON)',
				value: 'json',
				description:
					'An array of messages from an expression or JSON, e.g. a conversation built by an earlier node',
			},
			{
				name: 'Prompt',
				value: 'prompt',
				description: 'One user message, with an optional system message',
			},
		],
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Summarize this review in one sentence',
		description: 'The user message the model answers',
		typeOptions: { rows: 4 },
		displayOptions: { show: { inputType: ['prompt'] } },
	},
	{
		displayName: 'System Message',
		name: 'systemMessage',
		type: 'string',
		default: '',
		placeholder: 'e.g. You are a concise assistant. Answer in English.',
		description: 'Instructions sent before the prompt; leave empty to send none',
		typeOptions: { rows: 2 },
		displayOptions: { show: { inputType: ['prompt'] } },
	},
	{
		displayName: 'Messages',
		name: 'messages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Message',
		default: { message: [{ role: 'user', content: '' }] },
		description: 'The conversation so far, oldest first',
		displayOptions: { show: { inputType: ['messages'] } },
		options: [
			{
				displayName: 'Message',
				name: 'message',
				values: [
					{
						displayName: 'Role',
						name: 'role',
						type: 'options',
						default: 'user',
						options: MESSAGE_ROLES.map((role) => ({ value: role, ...roleLabels[role] })).sort(
							(a, b) => a.name.localeCompare(b.name),
						),
					},
					{
						displayName: 'Content',
						name: 'content',
						type: 'string',
						default: '',
						placeholder: 'e.g. What is the capital of France?',
						typeOptions: { rows: 2 },
					},
					{
						displayName: 'Tool Call ID',
						name: 'toolCallId',
						type: 'string',
						default: '',
						placeholder: 'e.g. call_abc123',
						description: 'The ID of the tool call this message answers',
						displayOptions: { show: { role: ['tool'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Messages (JSON)',
		name: 'messagesJson',
		type: 'json',
		default: '[\n  { "role": "user", "content": "Hello!" }\n]',
		description:
			'An array of messages, each {"role": …, "content": …}; roles are system, developer, user, assistant and tool (with "tool_call_id")',
		hint: 'Use an expression to pass a conversation from an earlier node, e.g. {{ $json.messages }}',
		displayOptions: { show: { inputType: ['json'] } },
	},
];

/** What a chat request is made of, but its Options (the model, the input, Simplify): Chat's fields, and each line of a batch. */
export const chatInputProperties: INodeProperties[] = [modelField, ...conversationProperties, simplifyField];

export const complete = (resource: string) =>
	defineOperation(resource, {
		name: 'Message a Model',
		value: 'complete',
		action: 'Message a model',
		description: 'Send a prompt or a conversation to a model and get its reply',
		request: { method: 'POST', url: '/v1/chat/completions' },
		properties: [...chatInputProperties, chatOptions],
		preSend: [sendMessages],
		postReceive: [toChatItems],
		namesModel: true,
	});
