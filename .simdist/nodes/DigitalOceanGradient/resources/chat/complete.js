"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.complete = exports.chatRequestProperties = void 0;
const messages_1 = require("./messages");
const options_1 = require("./options");
const replies_1 = require("./replies");
const define_1 = require("../define");
const modelField_1 = require("../modelField");
const roleLabels = {
    assistant: { name: 'Assistant', description: 'An earlier reply of the model' },
    developer: {
        name: 'Developer',
        description: 'Instructions from the developer (newer models prefer this to System)',
    },
    system: { name: 'System', description: 'Instructions that set how the model behaves' },
    tool: { name: 'Tool', description: 'The result of a tool call the model asked for' },
    user: { name: 'User', description: 'A message from the user' },
};
exports.chatRequestProperties = [
    modelField_1.modelField,
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
                description: 'An array of messages from an expression or JSON, e.g. a conversation built by an earlier node',
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
                        options: messages_1.MESSAGE_ROLES.map((role) => ({ value: role, ...roleLabels[role] })).sort((a, b) => a.name.localeCompare(b.name)),
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
        description: 'An array of messages, each {"role": …, "content": …}; roles are system, developer, user, assistant and tool (with "tool_call_id")',
        hint: 'Use an expression to pass a conversation from an earlier node, e.g. {{ $json.messages }}',
        displayOptions: { show: { inputType: ['json'] } },
    },
    replies_1.simplifyField,
    options_1.chatOptions,
];
const complete = (resource) => (0, define_1.defineOperation)(resource, {
    name: 'Message a Model',
    value: 'complete',
    action: 'Message a model',
    description: 'Send a prompt or a conversation to a model and get its reply',
    request: { method: 'POST', url: '/v1/chat/completions' },
    properties: exports.chatRequestProperties,
    preSend: [messages_1.sendMessages],
    postReceive: [replies_1.toChatItems],
    namesModel: true,
});
exports.complete = complete;
//# sourceMappingURL=complete.js.map