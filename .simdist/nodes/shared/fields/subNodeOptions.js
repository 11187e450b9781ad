"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.batchSizeOption = exports.timeoutOption = exports.DEFAULT_TIMEOUT_MS = exports.maxRetriesOption = void 0;
const vectors_1 = require("../embeddings/vectors");
const retryPolicy_1 = require("../transport/retryPolicy");
const maxRetriesOption = (description) => ({
    displayName: 'Max Retries',
    name: 'maxRetries',
    type: 'number',
    default: retryPolicy_1.DEFAULT_MAX_RETRIES,
    typeOptions: { minValue: 0, numberPrecision: 0 },
    description,
});
exports.maxRetriesOption = maxRetriesOption;
exports.DEFAULT_TIMEOUT_MS = 60_000;
exports.timeoutOption = {
    displayName: 'Timeout',
    name: 'timeout',
    type: 'number',
    default: exports.DEFAULT_TIMEOUT_MS,
    typeOptions: { minValue: 1, numberPrecision: 0 },
    description: 'How long to wait for each answer, in milliseconds',
};
const batchSizeOption = (description) => ({
    displayName: 'Batch Size',
    name: 'batchSize',
    type: 'number',
    default: vectors_1.DEFAULT_BATCH_SIZE,
    typeOptions: { minValue: 1, maxValue: vectors_1.MAX_INPUTS_PER_REQUEST, numberPrecision: 0 },
    description,
});
exports.batchSizeOption = batchSizeOption;
//# sourceMappingURL=subNodeOptions.js.map