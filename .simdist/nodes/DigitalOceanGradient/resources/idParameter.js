"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.idParameter = idParameter;
const input_1 = require("../../shared/input");
const request_1 = require("../../shared/transport/request");
function idParameter(kind) {
    const { label, name, property, madeBy, placeholder, inUrl, subject } = kind;
    const field = {
        displayName: label,
        name,
        type: 'string',
        required: true,
        default: `={{ $json.${property} }}`,
        placeholder: `e.g. ${placeholder}`,
        description: `The ${property} that ${madeBy} output`,
    };
    function idOf(context) {
        const id = (0, input_1.textOf)(context, label, context.getNodeParameter(name, '')).trim();
        const hint = `Use the ${property} that ${madeBy} output, e.g. {{ $json.${property} }}.`;
        if (id === '')
            throw (0, input_1.invalidInput)(context, label, 'is empty', hint);
        if (/^\.+$/.test(id))
            throw (0, input_1.invalidInput)(context, label, `"${id}" is not a ${label.replace(/ ID$/, '').toLowerCase()} ID`, hint);
        return id;
    }
    const urlOf = (template, id) => template.replace(inUrl, encodeURIComponent(id));
    function toUrl(template) {
        return async function sendToId(requestOptions) {
            const id = idOf(this);
            requestOptions.url = urlOf(template, id);
            return (0, request_1.concerning)(requestOptions, subject(id));
        };
    }
    return { field, idOf, urlOf, toUrl };
}
//# sourceMappingURL=idParameter.js.map