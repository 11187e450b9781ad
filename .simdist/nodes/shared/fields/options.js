"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.userOption = void 0;
exports.checkNumber = checkNumber;
exports.checkText = checkText;
exports.numberOption = numberOption;
exports.sentAs = sentAs;
exports.withoutRouting = withoutRouting;
exports.optionsCollection = optionsCollection;
exports.keyValueField = keyValueField;
exports.keyValueMap = keyValueMap;
const input_1 = require("../input");
const valueAt = (body, property) => property.split('.').reduce((value, key) => value?.[key], body);
function checkNumber(label, property, { min, max, integer }) {
    return async function (requestOptions) {
        const value = valueAt(requestOptions.body, property);
        const range = (0, input_1.rangeText)(min, max);
        const kind = integer ? 'whole number' : 'number';
        if (typeof value !== 'number' || !Number.isFinite(value)) {
            throw (0, input_1.invalidInput)(this, label, `${JSON.stringify(value)} is not a number; use a ${kind} ${range}`);
        }
        if ((integer && !Number.isInteger(value)) || (min !== undefined && value < min) || (max !== undefined && value > max)) {
            throw (0, input_1.invalidInput)(this, label, `${value} is out of range; use a ${kind} ${range}`);
        }
        return requestOptions;
    };
}
function setAt(body, property, value) {
    const keys = property.split('.');
    const last = keys.pop();
    const parent = keys.reduce((object, key) => object[key], body);
    parent[last] = value;
}
function checkText(label, property, hint) {
    return async function (requestOptions) {
        const body = requestOptions.body;
        const text = (0, input_1.textOf)(this, label, valueAt(body, property));
        if (text.trim() === '')
            throw (0, input_1.invalidInput)(this, label, 'is empty', hint);
        setAt(body, property, text);
        return requestOptions;
    };
}
function numberOption(option, range) {
    const { property, ...rest } = option;
    return {
        ...rest,
        type: 'number',
        typeOptions: {
            ...(range.min !== undefined ? { minValue: range.min } : {}),
            ...(range.max !== undefined ? { maxValue: range.max } : {}),
            numberPrecision: range.integer ? 0 : 2,
        },
        routing: {
            send: { type: 'body', property, preSend: [checkNumber(option.displayName, property, range)] },
        },
    };
}
function sentAs(property) {
    return { send: { type: 'body', property } };
}
function withoutRouting({ routing, ...field }) {
    void routing;
    return field;
}
function optionsCollection(options, description = 'Only the options you add are sent to the API') {
    return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, description, options };
}
exports.userOption = {
    displayName: 'User',
    name: 'user',
    type: 'string',
    default: '',
    placeholder: 'e.g. user-1234',
    description: 'An ID for your end user, sent as the API\'s "user" (it helps DigitalOcean detect abuse)',
    routing: sentAs('user'),
};
function keyValueField(field) {
    const { row, keyPlaceholder, valuePlaceholder, ...shown } = field;
    const placeholder = (text) => (text ? { placeholder: text } : {});
    return {
        ...shown,
        type: 'fixedCollection',
        typeOptions: { multipleValues: true },
        default: {},
        options: [
            {
                displayName: row === 'pair' ? 'Pair' : field.displayName.replace(/s$/, ''),
                name: row,
                values: [
                    { displayName: 'Key', name: 'key', type: 'string', default: '', ...placeholder(keyPlaceholder) },
                    { displayName: 'Value', name: 'value', type: 'string', default: '', ...placeholder(valuePlaceholder) },
                ],
            },
        ],
    };
}
function keyValueMap(context, parameter, label) {
    const rows = context.getNodeParameter(parameter, []);
    const map = {};
    for (const { key, value } of rows) {
        const name = (0, input_1.textOf)(context, `${label} → Key`, key ?? '').trim();
        if (name === '')
            throw (0, input_1.invalidInput)(context, label, 'a key is empty');
        if (name in map)
            throw (0, input_1.invalidInput)(context, label, `the key "${name}" is set twice`);
        map[name] = (0, input_1.textOf)(context, `${label} → Value`, value ?? '');
    }
    return map;
}
//# sourceMappingURL=options.js.map