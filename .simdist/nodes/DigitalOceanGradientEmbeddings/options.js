"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.embeddingsOptions = void 0;
const vectors_1 = require("../shared/embeddings/vectors");
const subNodeOptions_1 = require("../shared/fields/subNodeOptions");
const concurrency_1 = require("../shared/transport/concurrency");
exports.embeddingsOptions = {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [
        (0, subNodeOptions_1.batchSizeOption)(`How many texts go in one request (DigitalOcean takes up to ${vectors_1.MAX_INPUTS_PER_REQUEST})`),
        {
            displayName: 'Max Concurrent Requests',
            name: 'maxConcurrentRequests',
            type: 'number',
            default: concurrency_1.DEFAULT_MAX_CONCURRENT_REQUESTS,
            typeOptions: { minValue: 1, numberPrecision: 0 },
            description: 'How many requests may wait for their answer at once when many texts are embedded; fewer when the API answers 429',
        },
        (0, subNodeOptions_1.maxRetriesOption)('How many times a request that hit the rate limit (429) or a server error is sent again, with growing pauses; other errors are not retried'),
        subNodeOptions_1.timeoutOption,
    ],
};
//# sourceMappingURL=options.js.map