"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.getResults = void 0;
const n8n_workflow_1 = require("n8n-workflow");
const batches_1 = require("./batches");
const results_1 = require("./results");
const waiting_1 = require("./waiting");
const options_1 = require("../../../shared/fields/options");
const request_1 = require("../../../shared/transport/request");
const replies_1 = require("../chat/replies");
const define_1 = require("../define");
const properties = [
    batches_1.batchIdField,
    replies_1.simplifyField,
    waiting_1.waitForCompletionField,
    (0, options_1.optionsCollection)([
        waiting_1.batchMaxWaitOption,
        replies_1.jsonOutputOption,
    ], 'How the answers are output'),
];
async function checkWaiting(requestOptions) {
    if ((0, waiting_1.waitsFor)(this))
        (0, waiting_1.batchMaxWaitMsOf)(this, 'options');
    return requestOptions;
}
async function collectResults([item], followUps) {
    const deadline = (0, waiting_1.waitsFor)(this) ? Date.now() + (0, waiting_1.batchMaxWaitMsOf)(this, 'options') : undefined;
    const batch = await (0, waiting_1.endedBatch)(this, item.json, followUps, deadline);
    const { lines, unreadable } = await (0, waiting_1.resultsOf)(this, batch, followUps, deadline);
    const total = lines.length + unreadable.length;
    if (total === 0) {
        throw new n8n_workflow_1.NodeOperationError(this.getNode(), `Batch "${String(batch.batch_id)}" ended ${String(batch.status)} without results [item ${this.getItemIndex()}]`, {
            itemIndex: this.getItemIndex(),
            description: 'It was cancelled or expired before any of its requests was answered.',
        });
    }
    const outcomes = [...lines.sort(results_1.naturalOrder).map((line) => (0, results_1.lineItems)(this, String(batch.batch_id), line)), ...unreadable];
    const failed = outcomes.filter((outcome) => outcome instanceof n8n_workflow_1.NodeApiError);
    if (failed.length > 0 && !this.continueOnFail()) {
        const [first] = failed;
        const how = unreadable.length > 0 ? 'failed or could not be read' : 'failed';
        first.message = `${first.message} (${failed.length} of ${total} requests ${how}; with On Error: Continue the answers are output and each failed request is an error item)`;
        throw first;
    }
    return outcomes.flatMap((outcome) => (outcome instanceof n8n_workflow_1.NodeApiError ? [(0, results_1.errorItem)(outcome)] : outcome));
}
const getResults = (resource) => (0, define_1.defineOperation)(resource, {
    name: 'Get Results',
    value: 'getResults',
    action: 'Get the results of a batch',
    description: "A batch's answers, one item per request with its custom_id: for workflows that collect them later",
    request: { method: 'GET', url: batches_1.BATCH_URL },
    properties,
    preSend: [(0, batches_1.toBatchUrl)(batches_1.BATCH_URL), checkWaiting, (0, request_1.followedBy)(collectResults)],
    postReceive: [batches_1.toBatchItem],
});
exports.getResults = getResults;
//# sourceMappingURL=getResults.js.map