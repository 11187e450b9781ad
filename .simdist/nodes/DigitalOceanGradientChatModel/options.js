"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.chatModelOptions = void 0;
exports.modelSettings = modelSettings;
const options_1 = require("../shared/fields/options");
const samplingOptions_1 = require("../shared/fields/samplingOptions");
const subNodeOptions_1 = require("../shared/fields/subNodeOptions");
const retryPolicy_1 = require("../shared/transport/retryPolicy");
exports.chatModelOptions = {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    description: 'Only the options you add are sent: models reject options they do not support',
    options: [
        (0, options_1.withoutRouting)(samplingOptions_1.maxCompletionTokensOption),
        (0, subNodeOptions_1.maxRetriesOption)('How many times, in all, requests that hit the rate limit (429) or a server error are sent again while the agent or chain uses this model for one item, with growing pauses; other errors are not retried'),
        (0, options_1.withoutRouting)(samplingOptions_1.reasoningEffortOption),
        (0, options_1.withoutRouting)(samplingOptions_1.temperatureOption),
        subNodeOptions_1.timeoutOption,
        (0, options_1.withoutRouting)(samplingOptions_1.topPOption),
    ],
};
function modelSettings({ maxCompletionTokens, maxRetries, reasoningEffort, temperature, timeout, topP }) {
    const additionalParams = {
        ...(maxCompletionTokens !== undefined ? { max_completion_tokens: maxCompletionTokens } : {}),
        ...(reasoningEffort !== undefined ? { reasoning_effort: reasoningEffort } : {}),
    };
    return {
        ...(temperature !== undefined ? { temperature } : {}),
        ...(topP !== undefined ? { topP } : {}),
        ...(timeout !== undefined ? { timeout } : {}),
        maxRetries: maxRetries ?? retryPolicy_1.DEFAULT_MAX_RETRIES,
        ...(Object.keys(additionalParams).length > 0 ? { additionalParams } : {}),
    };
}
//# sourceMappingURL=options.js.map