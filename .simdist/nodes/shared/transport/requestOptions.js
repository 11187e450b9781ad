"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requestOptionsProperty = void 0;
const concurrency_1 = require("./concurrency");
const retryPolicy_1 = require("./retryPolicy");
exports.requestOptionsProperty = {
    displayName: 'Request Options',
    name: 'requestOptions',
    type: 'collection',
    isNodeSetting: true,
    placeholder: 'Add Option',
    default: {},
    options: [
        {
            displayName: 'Max Concurrent Requests',
            name: 'maxConcurrentRequests',
            type: 'number',
            default: concurrency_1.DEFAULT_MAX_CONCURRENT_REQUESTS,
            typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 },
            description: 'The most requests this node has in flight at once; the other items wait their turn. When DigitalOcean turns requests away (429), the node sends fewer, finds what it admits and tries more again later, never above this.',
        },
        {
            displayName: 'Max Retries',
            name: 'maxRetries',
            type: 'number',
            default: retryPolicy_1.DEFAULT_MAX_RETRIES,
            typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
            description: "How often to send a request again after a rate limit (429), a server error (500, 502, 503, 504), a timeout (408, or no answer in time) or a dropped connection. Waits as DigitalOcean asks (Retry-After, rate-limit reset), else backs off exponentially; only the failed item's request is repeated. A 429 for sending more at once than DigitalOcean admits is sent again without counting.",
        },
    ],
};
//# sourceMappingURL=requestOptions.js.map