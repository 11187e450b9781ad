"use strict";
var _a;
Object.defineProperty(exports, "__esModule", { value: true });
exports.toBatchUrl = exports.batchUrl = exports.batchIdField = exports.batchSubject = exports.isTerminal = exports.CANCEL_URL = exports.RESULTS_URL = exports.BATCH_URL = exports.BATCHES_URL = void 0;
exports.checkedBatch = checkedBatch;
exports.toBatchItem = toBatchItem;
const answers_1 = require("../../../shared/transport/answers");
const idParameter_1 = require("../idParameter");
exports.BATCHES_URL = '/v1/batches';
exports.BATCH_URL = '/v1/batches/{batch_id}';
exports.RESULTS_URL = '/v1/batches/{batch_id}/results';
exports.CANCEL_URL = '/v1/batches/{batch_id}/cancel';
const TERMINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);
const isTerminal = (status) => typeof status === 'string' && TERMINAL.has(status.trim().toLowerCase());
exports.isTerminal = isTerminal;
const batchSubject = (id) => ({
    name: `Batch "${id}"`,
    notFoundHint: 'Check the Batch ID: it is the batch_id that Batch → Create output.',
    conflict: {
        message: `Batch "${id}" cannot be cancelled now`,
        hint: 'DigitalOcean cancels only a running batch: one that has ended (completed, failed, expired, cancelled) or is still being validated (not yet handed to the provider) answers 409. Batch → Get shows its status.',
    },
});
exports.batchSubject = batchSubject;
_a = (0, idParameter_1.idParameter)({
    label: 'Batch ID',
    name: 'batchId',
    property: 'batch_id',
    madeBy: 'Batch → Create or Get Many',
    placeholder: '0e9d1d35-3d1e-4d66-9a2f-8c7e0f6b3e21',
    inUrl: '{batch_id}',
    subject: exports.batchSubject,
}), exports.batchIdField = _a.field, exports.batchUrl = _a.urlOf, exports.toBatchUrl = _a.toUrl;
function checkedBatch(context, batch) {
    const { batch_id: id, status } = (batch ?? {});
    if (typeof id !== 'string' || /^\.*$/.test(id) || typeof status !== 'string') {
        throw (0, answers_1.answerError)(context.getNode(), batch, {
            message: 'The API answered without a batch (batch_id and status)',
            description: 'Check the Base URL in the DigitalOcean Gradient credential.',
            itemIndex: context.getItemIndex(),
        });
    }
    return batch;
}
async function toBatchItem(_items, response) {
    return [{ json: checkedBatch(this, response.body) }];
}
//# sourceMappingURL=batches.js.map