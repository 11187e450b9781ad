"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.notAWholeNumber = void 0;
exports.invalidInput = invalidInput;
exports.parseJsonField = parseJsonField;
exports.textOf = textOf;
exports.isPlainObject = isPlainObject;
exports.preview = preview;
exports.rangeText = rangeText;
exports.wholeNumberIn = wholeNumberIn;
exports.booleanIn = booleanIn;
const n8n_workflow_1 = require("n8n-workflow");
function invalidInput(context, field, problem, description) {
    const itemIndex = context.getItemIndex();
    return new n8n_workflow_1.NodeOperationError(context.getNode(), `${field}: ${problem} [item ${itemIndex}]`, {
        itemIndex,
        description,
    });
}
function parseJsonField(context, field, value) {
    if (typeof value !== 'string')
        return value;
    try {
        return JSON.parse(value);
    }
    catch (error) {
        throw invalidInput(context, field, 'is not valid JSON', error.message);
    }
}
function textOf(context, field, value) {
    if (typeof value === 'string')
        return value;
    if (value === undefined || value === null)
        return '';
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
        return String(value);
    const kind = Array.isArray(value) ? 'a list' : 'an object';
    throw invalidInput(context, field, `is ${kind}, not text; use an expression that gives text, e.g. {{ JSON.stringify($json.data) }}`);
}
function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function preview(text, length = 160) {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length > length ? `${line.slice(0, length)}…` : line;
}
function rangeText(min, max) {
    if (min !== undefined && max !== undefined)
        return `from ${min} to ${max}`;
    return min !== undefined ? `of at least ${min}` : 'any';
}
const notAWholeNumber = (value, min, max) => `${JSON.stringify(value)} is not a whole number ${rangeText(min, max)}`;
exports.notAWholeNumber = notAWholeNumber;
function wholeNumberIn(value, min, max = Number.MAX_SAFE_INTEGER) {
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof number === 'number' && Number.isInteger(number) && number >= min && number <= max ? number : undefined;
}
function booleanIn(value) {
    if (typeof value === 'boolean')
        return value;
    const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
    return text === 'true' ? true : text === 'false' ? false : undefined;
}
//# sourceMappingURL=input.js.map