"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.modelsIn = modelsIn;
const input_1 = require("../input");
const answers_1 = require("../transport/answers");
function entriesOf(body) {
    if (Array.isArray(body))
        return body;
    return (0, input_1.isPlainObject)(body) && Array.isArray(body.data) ? body.data : undefined;
}
const hasId = (entry) => (0, input_1.isPlainObject)(entry) && typeof entry.id === 'string' && entry.id.trim() !== '';
function modelsIn(node, body, { filter = '', itemIndex } = {}) {
    const entries = entriesOf(body);
    if (!entries) {
        const keys = (0, input_1.isPlainObject)(body) ? Object.keys(body).join(', ') : '';
        throw (0, answers_1.answerError)(node, body, {
            message: `The API answered without a list of models, with an object without a "data" list (its keys: ${keys || 'none'})`,
            description: `${answers_1.ANSWERS_AS_THE_API_HINT}.`,
            itemIndex,
        });
    }
    const withoutId = entries.filter((entry) => !hasId(entry));
    if (withoutId.length > 0) {
        throw (0, answers_1.answerError)(node, { entries: entries.length, withoutId: withoutId.length }, {
            message: `${withoutId.length} of the ${entries.length} entries of the model list have no ID`,
            description: `The first reads: ${(0, input_1.preview)(JSON.stringify(withoutId[0]))}. Each model needs an "id". ${answers_1.ANSWERS_AS_THE_API_HINT}.`,
            itemIndex,
        });
    }
    const needle = filter.trim().toLowerCase();
    return entries
        .filter((model) => model.id.toLowerCase().includes(needle))
        .sort((a, b) => byLowerCase(a.id, b.id) || byLowerCase(a.id, b.id, false));
}
function byLowerCase(a, b, ignoreCase = true) {
    const [left, right] = ignoreCase ? [a.toLowerCase(), b.toLowerCase()] : [a, b];
    return left < right ? -1 : left > right ? 1 : 0;
}
//# sourceMappingURL=modelList.js.map