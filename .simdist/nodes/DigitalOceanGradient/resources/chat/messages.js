"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MESSAGE_ROLES = void 0;
exports.sendMessages = sendMessages;
const input_1 = require("../../../shared/input");
exports.MESSAGE_ROLES = ['system', 'developer', 'user', 'assistant', 'tool'];
function checkMessage(context, field, message, position) {
    const name = `message ${position}`;
    if (!(0, input_1.isPlainObject)(message)) {
        throw (0, input_1.invalidInput)(context, field, `${name} is not an object with "role" and "content"`);
    }
    const { role } = message;
    const content = typeof message.content === 'number' || typeof message.content === 'boolean' ? String(message.content) : message.content;
    if (!exports.MESSAGE_ROLES.includes(role)) {
        throw (0, input_1.invalidInput)(context, field, `${name} has an unknown role ${JSON.stringify(role)} (expected one of ${exports.MESSAGE_ROLES.join(', ')})`);
    }
    if (role === 'tool' && (typeof message.tool_call_id !== 'string' || message.tool_call_id === '')) {
        throw (0, input_1.invalidInput)(context, field, `${name} is a tool message without "tool_call_id"`);
    }
    if (content !== undefined && content !== null && typeof content !== 'string' && !Array.isArray(content)) {
        throw (0, input_1.invalidInput)(context, field, `${name} has content that is not text`);
    }
    const callsTools = Array.isArray(message.tool_calls) && message.tool_calls.length > 0;
    const hasContent = (typeof content === 'string' && content !== '') || Array.isArray(content);
    if (!hasContent && !(role === 'assistant' && callsTools)) {
        throw (0, input_1.invalidInput)(context, field, `${name} (${role}) has no content`);
    }
    return (content === message.content ? message : { ...message, content });
}
function checkedList(context, field, messages) {
    if (!Array.isArray(messages)) {
        throw (0, input_1.invalidInput)(context, field, 'must be an array of messages');
    }
    if (messages.length === 0) {
        throw (0, input_1.invalidInput)(context, field, 'has no messages');
    }
    return messages.map((message, index) => checkMessage(context, field, message, index + 1));
}
function fromPrompt(context) {
    const prompt = (0, input_1.textOf)(context, 'Prompt', context.getNodeParameter('prompt', ''));
    const systemMessage = (0, input_1.textOf)(context, 'System Message', context.getNodeParameter('systemMessage', ''));
    if (prompt.trim() === '') {
        throw (0, input_1.invalidInput)(context, 'Prompt', 'is empty');
    }
    const user = { role: 'user', content: prompt };
    return systemMessage.trim() === '' ? [user] : [{ role: 'system', content: systemMessage }, user];
}
function fromMessageRows(context) {
    const rows = context.getNodeParameter('messages.message', []);
    const messages = rows.map(({ role, content: value, toolCallId }, index) => {
        const field = `Messages (message ${index + 1})`;
        const content = (0, input_1.textOf)(context, field, value);
        return role === 'tool' ? { role, content, tool_call_id: (0, input_1.textOf)(context, field, toolCallId) } : { role, content };
    });
    return checkedList(context, 'Messages', messages);
}
function fromJson(context) {
    const field = 'Messages (JSON)';
    const value = (0, input_1.parseJsonField)(context, field, context.getNodeParameter('messagesJson', '[]'));
    return checkedList(context, field, value);
}
async function sendMessages(requestOptions) {
    const inputType = this.getNodeParameter('inputType', 'prompt');
    const build = { prompt: fromPrompt, messages: fromMessageRows, json: fromJson }[inputType];
    if (!build)
        throw (0, input_1.invalidInput)(this, 'Input Type', `unknown value "${inputType}"`);
    requestOptions.body.messages = build(this);
    return requestOptions;
}
//# sourceMappingURL=messages.js.map