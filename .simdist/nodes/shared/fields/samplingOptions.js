"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.topPOption = exports.temperatureOption = exports.reasoningEffortOption = exports.maxCompletionTokensOption = void 0;
const options_1 = require("./options");
exports.maxCompletionTokensOption = (0, options_1.numberOption)({
    displayName: 'Max Completion Tokens',
    name: 'maxCompletionTokens',
    default: 1024,
    property: 'max_completion_tokens',
    description: 'The most tokens the reply may use, reasoning included. DigitalOcean recommends setting it, especially for Anthropic models.',
}, { min: 1, integer: true });
exports.reasoningEffortOption = {
    displayName: 'Reasoning Effort',
    name: 'reasoningEffort',
    type: 'options',
    default: 'medium',
    description: 'How much a reasoning model thinks before it answers; other models ignore or reject it',
    options: [
        { name: 'Extra High', value: 'xhigh' },
        { name: 'High', value: 'high' },
        { name: 'Low', value: 'low' },
        { name: 'Max', value: 'max' },
        { name: 'Medium', value: 'medium' },
        { name: 'Minimal', value: 'minimal' },
        { name: 'None', value: 'none' },
    ],
    routing: (0, options_1.sentAs)('reasoning_effort'),
};
exports.temperatureOption = (0, options_1.numberOption)({
    displayName: 'Temperature',
    name: 'temperature',
    default: 1,
    property: 'temperature',
    description: 'From 0 to 2. Lower values give more focused, repeatable replies; higher values more varied ones.',
}, { min: 0, max: 2 });
exports.topPOption = (0, options_1.numberOption)({
    displayName: 'Top P',
    name: 'topP',
    default: 1,
    property: 'top_p',
    description: 'From 0 to 1. Sample only from the most likely tokens whose probabilities add up to this; change this or Temperature, not both.',
}, { min: 0, max: 1 });
//# sourceMappingURL=samplingOptions.js.map