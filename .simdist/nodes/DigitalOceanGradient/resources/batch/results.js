"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.naturalOrder = exports.errorItem = void 0;
exports.resultLines = resultLines;
exports.lineError = lineError;
exports.lineItems = lineItems;
const input_1 = require("../../../shared/input");
const answers_1 = require("../../../shared/transport/answers");
const replies_1 = require("../chat/replies");
function resultLines(context, text, file) {
    const results = { lines: [], unreadable: [] };
    text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .forEach((line, index) => {
        let parsed;
        try {
            parsed = JSON.parse(line);
        }
        catch {
            parsed = undefined;
        }
        if ((0, input_1.isPlainObject)(parsed) && typeof parsed.custom_id === 'string') {
            results.lines.push(parsed);
            return;
        }
        results.unreadable.push((0, answers_1.answerError)(context.getNode(), { line: (0, input_1.preview)(line) }, {
            message: `Line ${index + 1} of the batch's ${file} file is not a result with a custom_id`,
            description: `It reads: "${(0, input_1.preview)(line)}". The file was cut off or garbled on its way: run Batch → Get Results again for a new copy.`,
            itemIndex: context.getItemIndex(),
        }));
    });
    return results;
}
function failureOf({ response, error }) {
    if (error)
        return [error.code, error.message].filter(Boolean).join(': ') || 'failed';
    const status = response?.status_code;
    if (!response || typeof status !== 'number')
        return 'no answer';
    if (status >= 200 && status < 300)
        return undefined;
    return `HTTP ${status}${(0, answers_1.apiMessageOf)(response.body) ? `: ${(0, answers_1.apiMessageOf)(response.body)}` : ''}`;
}
function lineError(context, batchId, customId, reason, body = {}) {
    return (0, answers_1.answerError)(context.getNode(), body, {
        message: `The request "${customId}" of batch "${batchId}" failed: ${reason}`,
        description: 'The other requests of the batch are not affected. Fix this one and send it again (Chat → Message a Model, or a new batch).',
        itemIndex: context.getItemIndex(),
    });
}
function lineItems(context, batchId, line) {
    const reason = failureOf(line);
    if (reason)
        return lineError(context, batchId, line.custom_id, reason, line.response?.body ?? line.error ?? {});
    try {
        return (0, replies_1.chatItemsOf)(context, line.response.body).map(({ json }) => ({ json: { custom_id: line.custom_id, ...json } }));
    }
    catch (error) {
        return lineError(context, batchId, line.custom_id, error.message, line.response?.body);
    }
}
const errorItem = (error) => ({ json: { error: error.message }, error });
exports.errorItem = errorItem;
const naturalOrder = (a, b) => a.custom_id.localeCompare(b.custom_id, 'en', { numeric: true });
exports.naturalOrder = naturalOrder;
//# sourceMappingURL=results.js.map