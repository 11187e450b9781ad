"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readAnswers = readAnswers;
const secrets_1 = require("../shared/transport/secrets");
function readAnswers(model, secret) {
    const chatModel = model;
    const completions = chatModel?.completions;
    const toMessage = completions?._convertCompletionsMessageToBaseMessage;
    const toChunk = completions?._convertCompletionsDeltaToBaseMessageChunk;
    if (!completions || typeof toMessage !== 'function' || typeof toChunk !== 'function')
        return false;
    completions._convertCompletionsMessageToBaseMessage = (message, rawResponse) => toMessage.call(completions, (0, secrets_1.withoutSecret)({ ...message, role: message.role || 'assistant' }, secret), rawResponse);
    completions._convertCompletionsDeltaToBaseMessageChunk = (delta, rawResponse, defaultRole) => toChunk.call(completions, (0, secrets_1.withoutSecret)(delta.role === '' ? { ...delta, role: defaultRole || 'assistant' } : delta, secret), rawResponse, defaultRole);
    if (chatModel.fields)
        chatModel.fields.completions = completions;
    return true;
}
//# sourceMappingURL=readAnswers.js.map