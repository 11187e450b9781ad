"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.create = void 0;
exports.checkText = checkText;
exports.sendTextField = sendTextField;
exports.toEmbeddingItems = toEmbeddingItems;
const vectors_1 = require("../../../shared/embeddings/vectors");
const options_1 = require("../../../shared/fields/options");
const subNodeOptions_1 = require("../../../shared/fields/subNodeOptions");
const input_1 = require("../../../shared/input");
const modelPicker_1 = require("../../../shared/models/modelPicker");
const answers_1 = require("../../../shared/transport/answers");
const request_1 = require("../../../shared/transport/request");
const define_1 = require("../define");
const modelField_1 = require("../modelField");
function putInput(context, requestOptions, field, value, hint) {
    const text = (0, input_1.textOf)(context, field, value);
    if (text.trim() === '')
        throw (0, input_1.invalidInput)(context, field, 'is empty; there is nothing to embed', hint);
    requestOptions.body.input = text;
    return requestOptions;
}
async function checkText(requestOptions) {
    const hint = 'Use an expression that gives each item its text, e.g. {{ $json.text }}.';
    return putInput(this, requestOptions, 'Text', requestOptions.body.input, hint);
}
function fieldValue(json, path) {
    if (path in json)
        return json[path];
    return path.split('.').reduce((value, key) => ((0, input_1.isPlainObject)(value) ? value[key] : undefined), json);
}
async function sendTextField(requestOptions) {
    const field = String(this.getNodeParameter('textField', 'text') ?? '').trim();
    if (field === '')
        throw (0, input_1.invalidInput)(this, 'Text Field', 'is empty; enter the name of the field that holds the text, e.g. text');
    const json = this.getInputData().json ?? {};
    const value = fieldValue(json, field);
    if (value === undefined) {
        const fields = Object.keys(json).slice(0, 10).join(', ');
        throw (0, input_1.invalidInput)(this, 'Text Field', `the item has no field "${field}"`, fields ? `Its fields: ${fields}.` : 'The item is empty.');
    }
    return putInput(this, requestOptions, `Text (field "${field}")`, value, 'Give every item some text in that field, or leave out the items without.');
}
function batchSizeOf(context) {
    const value = context.getNodeParameter('options.batchSize', vectors_1.DEFAULT_BATCH_SIZE);
    const size = (0, input_1.wholeNumberIn)(value, 1, vectors_1.MAX_INPUTS_PER_REQUEST);
    if (size === undefined) {
        throw (0, input_1.invalidInput)(context, 'Batch Size', (0, input_1.notAWholeNumber)(value, 1, vectors_1.MAX_INPUTS_PER_REQUEST));
    }
    return size;
}
async function toEmbeddingItems(_items, response) {
    const answer = (0, vectors_1.readEmbeddingsAnswer)(response.body);
    if (typeof answer === 'string') {
        throw (0, answers_1.answerError)(this.getNode(), response.body, {
            message: answer,
            description: 'Check that the model is an embedding model, and the Base URL in the DigitalOcean Gradient credential.',
            itemIndex: this.getItemIndex(),
        });
    }
    const { model, vectors, usage } = answer;
    return vectors.map((embedding, position) => ({
        json: {
            embedding,
            ...(model !== undefined ? { model } : {}),
            ...(position === 0 && usage ? { usage: { ...usage, inputs: vectors.length } } : {}),
        },
    }));
}
const properties = [
    (0, modelField_1.modelFieldFrom)(modelPicker_1.embeddingModelLocator),
    {
        displayName: 'Text From',
        name: 'textFrom',
        type: 'options',
        noDataExpression: true,
        default: 'field',
        options: [
            {
                name: 'A Field of Each Item',
                value: 'field',
                description: "The text is in a field of each input item (the fastest for many items: nothing to evaluate per item)",
            },
            {
                name: 'Define Below',
                value: 'define',
                description: 'The text from an expression, e.g. built from several fields',
            },
        ],
    },
    {
        displayName: 'Text Field',
        name: 'textField',
        type: 'string',
        required: true,
        default: 'text',
        placeholder: 'e.g. text',
        description: 'The name of the input field that holds the text to embed; a dot reaches into an object, e.g. document.text',
        displayOptions: { show: { textFrom: ['field'] } },
        routing: { send: { preSend: [sendTextField] } },
    },
    {
        displayName: 'Text',
        name: 'text',
        type: 'string',
        required: true,
        default: '',
        placeholder: 'e.g. {{ $json.title + "\n" + $json.body }}',
        description: "The text to embed; each item's own, by expression",
        typeOptions: { rows: 2 },
        displayOptions: { show: { textFrom: ['define'] } },
        routing: { send: { type: 'body', property: 'input', preSend: [checkText] } },
    },
    (0, options_1.optionsCollection)([
        (0, subNodeOptions_1.batchSizeOption)(`How many items' texts go in one request (DigitalOcean takes up to ${vectors_1.MAX_INPUTS_PER_REQUEST}); the requests still follow Request Options → Max Concurrent Requests`),
        options_1.userOption,
    ]),
];
const create = (resource) => (0, define_1.defineOperation)(resource, {
    name: 'Create',
    value: 'create',
    action: 'Create embeddings',
    description: "Turn each item's text into a vector, many items per request",
    request: { method: 'POST', url: '/v1/embeddings' },
    properties,
    preSend: [(0, request_1.sentInBatches)({ property: 'input', maxInputs: batchSizeOf })],
    postReceive: [toEmbeddingItems],
    namesModel: true,
});
exports.create = create;
//# sourceMappingURL=create.js.map