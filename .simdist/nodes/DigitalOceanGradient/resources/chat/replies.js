"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.jsonOutputOption = exports.simplifyField = void 0;
exports.chatItemsOf = chatItemsOf;
exports.toChatItems = toChatItems;
const input_1 = require("../../../shared/input");
const answers_1 = require("../../../shared/transport/answers");
function withParsedArguments(call) {
    const args = call.function?.arguments;
    if (typeof args !== 'string')
        return call;
    try {
        return { ...call, function: { ...call.function, arguments: JSON.parse(args) } };
    }
    catch {
        return call;
    }
}
function replyText(content) {
    if (!Array.isArray(content))
        return content ?? null;
    const texts = content
        .filter((part) => (0, input_1.isPlainObject)(part) && typeof part.text === 'string')
        .map(({ text }) => text);
    return texts.length > 0 ? texts.join('') : content;
}
function parsedJson(text) {
    const fenced = /^\s*```[\w-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```\s*$/.exec(text);
    return JSON.parse(fenced ? fenced[1] : text);
}
function emptyReplyWarning(choice, content, toolCalls) {
    const empty = content === null || content === undefined || content === '' || (Array.isArray(content) && content.length === 0);
    if (toolCalls.length > 0 || !empty)
        return {};
    const reason = choice.finish_reason ? ` (finish reason: ${choice.finish_reason})` : '';
    return { warning: `The model returned no content${reason}` };
}
function simplified(choice, completion, content) {
    const message = choice.message ?? {};
    const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
    return {
        content: content,
        ...emptyReplyWarning(choice, content, toolCalls),
        ...(message.refusal ? { refusal: message.refusal } : {}),
        ...(message.reasoning_content ? { reasoning_content: message.reasoning_content } : {}),
        ...(toolCalls.length > 0
            ? { tool_calls: toolCalls.map(withParsedArguments) }
            : {}),
        finish_reason: choice.finish_reason ?? null,
        model: completion.model,
        usage: completion.usage,
    };
}
exports.simplifyField = {
    displayName: 'Simplify',
    name: 'simplify',
    type: 'boolean',
    default: true,
    description: 'Whether to return a simplified version of the response instead of the raw data',
};
exports.jsonOutputOption = {
    displayName: 'Output Content as JSON',
    name: 'jsonOutput',
    type: 'boolean',
    default: false,
    description: 'Whether to parse the reply as JSON and output the parsed value. Ask for JSON in the prompt; a reply that is not JSON fails the item.',
};
function chatItemsOf(context, completion) {
    const itemIndex = context.getItemIndex();
    const choices = completion.choices;
    if (!Array.isArray(choices) || choices.length === 0 || !choices.every((choice) => (0, input_1.isPlainObject)(choice))) {
        throw (0, answers_1.answerError)(context.getNode(), completion, {
            message: 'The API answered without any choices',
            description: 'The response had no "choices" list, so there is no reply to return.',
            itemIndex,
        });
    }
    const parseContent = context.getNodeParameter('options.jsonOutput', false);
    const contentOf = (choice) => {
        const content = replyText(choice.message?.content);
        if (!parseContent || typeof content !== 'string')
            return content;
        try {
            return parsedJson(content);
        }
        catch {
            throw (0, answers_1.answerError)(context.getNode(), completion, {
                message: 'The reply is not valid JSON',
                description: `"Output Content as JSON" is on, but the model answered: "${(0, input_1.preview)(content)}". Ask for JSON only in the prompt, or turn the option off.`,
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
        return [{ json: json }];
    }
    return choices.map((choice) => ({
        json: simplified(choice, completion, contentOf(choice)),
    }));
}
async function toChatItems(_items, response) {
    return chatItemsOf(this, response.body);
}
//# sourceMappingURL=replies.js.map