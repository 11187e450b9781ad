"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sendStopSequences = sendStopSequences;
exports.sendLogitBias = sendLogitBias;
exports.sendMetadata = sendMetadata;
exports.sendTools = sendTools;
exports.sendToolChoice = sendToolChoice;
const options_1 = require("../../../shared/fields/options");
const input_1 = require("../../../shared/input");
const MAX_STOP_SEQUENCES = 4;
const MAX_METADATA_PAIRS = 16;
const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
function body(requestOptions) {
    return requestOptions.body;
}
async function sendStopSequences(requestOptions) {
    const rows = this.getNodeParameter('options.stopSequences.values', []);
    const sequences = rows.map(({ sequence }) => sequence);
    if (sequences.length > MAX_STOP_SEQUENCES) {
        throw (0, input_1.invalidInput)(this, 'Stop Sequences', `${sequences.length} given; the API accepts at most ${MAX_STOP_SEQUENCES}`);
    }
    if (sequences.some((sequence) => typeof sequence !== 'string' || sequence === '')) {
        throw (0, input_1.invalidInput)(this, 'Stop Sequences', 'a sequence is empty');
    }
    if (sequences.length > 0)
        body(requestOptions).stop = sequences;
    return requestOptions;
}
async function sendLogitBias(requestOptions) {
    const field = 'Logit Bias';
    const bias = (0, input_1.parseJsonField)(this, field, this.getNodeParameter('options.logitBias', '{}'));
    if (!(0, input_1.isPlainObject)(bias)) {
        throw (0, input_1.invalidInput)(this, field, 'must be a JSON object such as {"50256": -100}');
    }
    for (const [token, value] of Object.entries(bias)) {
        if (!/^\d+$/.test(token)) {
            throw (0, input_1.invalidInput)(this, field, `"${token}" is not a token ID (a whole number)`);
        }
        if (!Number.isInteger(value) || value < -100 || value > 100) {
            throw (0, input_1.invalidInput)(this, field, `the bias of token ${token} must be a whole number from -100 to 100`);
        }
    }
    body(requestOptions).logit_bias = bias;
    return requestOptions;
}
async function sendMetadata(requestOptions) {
    const metadata = (0, options_1.keyValueMap)(this, 'options.metadata.pair', 'Metadata');
    const pairs = Object.keys(metadata);
    if (pairs.length > MAX_METADATA_PAIRS) {
        throw (0, input_1.invalidInput)(this, 'Metadata', `${pairs.length} pairs given; the API accepts at most ${MAX_METADATA_PAIRS}`);
    }
    if (pairs.length > 0)
        body(requestOptions).metadata = metadata;
    return requestOptions;
}
function toolFrom(context, row, position) {
    const field = 'Tools';
    const name = (row.name ?? '').trim();
    if (!FUNCTION_NAME.test(name)) {
        throw (0, input_1.invalidInput)(context, field, `tool ${position} has the name "${name}"; a function name is 1 to 64 letters, digits, "_" or "-"`);
    }
    const description = (row.description ?? '').trim();
    const definition = { name, ...(description ? { description } : {}) };
    const rawParameters = typeof row.parameters === 'string' ? row.parameters.trim() : row.parameters;
    if (rawParameters !== undefined && rawParameters !== '') {
        definition.parameters = schemaFrom(context, name, rawParameters);
    }
    return { type: 'function', function: definition };
}
function schemaFrom(context, toolName, raw) {
    const field = `Tools (parameters of "${toolName}")`;
    const schema = (0, input_1.parseJsonField)(context, field, raw);
    if (!(0, input_1.isPlainObject)(schema)) {
        throw (0, input_1.invalidInput)(context, field, 'must be a JSON Schema object');
    }
    if (schema.type !== undefined && schema.type !== 'object') {
        throw (0, input_1.invalidInput)(context, field, `must describe an object ("type": "object"), not ${JSON.stringify(schema.type)}`);
    }
    return schema;
}
async function sendTools(requestOptions) {
    const rows = this.getNodeParameter('options.tools.tool', []);
    const tools = rows.map((row, index) => toolFrom(this, row, index + 1));
    const names = tools.map((tool) => tool.function.name);
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated)
        throw (0, input_1.invalidInput)(this, 'Tools', `two tools are named "${repeated}"`);
    if (tools.length > 0)
        body(requestOptions).tools = tools;
    return requestOptions;
}
async function sendToolChoice(requestOptions) {
    const field = 'Tool Choice';
    const choice = this.getNodeParameter('options.toolChoice', 'auto');
    const toolNames = this.getNodeParameter('options.tools.tool', []).map((row) => (row.name ?? '').trim());
    if (toolNames.length === 0) {
        throw (0, input_1.invalidInput)(this, field, 'is set but no tools are defined in "Tools"');
    }
    if (choice !== 'function') {
        body(requestOptions).tool_choice = choice;
        return requestOptions;
    }
    const name = this.getNodeParameter('options.toolChoiceFunctionName', '').trim();
    if (!toolNames.includes(name)) {
        throw (0, input_1.invalidInput)(this, 'Tool Choice Function Name', name ? `"${name}" is not one of the tools defined in "Tools"` : 'is empty');
    }
    body(requestOptions).tool_choice = { type: 'function', function: { name } };
    return requestOptions;
}
//# sourceMappingURL=optionHooks.js.map