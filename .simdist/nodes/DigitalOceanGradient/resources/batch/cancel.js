"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.cancel = void 0;
const batches_1 = require("./batches");
const define_1 = require("../define");
const cancel = (resource) => (0, define_1.defineOperation)(resource, {
    name: 'Cancel',
    value: 'cancel',
    action: 'Cancel a batch',
    description: 'Stop a running batch; the answers it has already made stay available to Get Results',
    request: { method: 'POST', url: batches_1.CANCEL_URL },
    properties: [batches_1.batchIdField],
    preSend: [(0, batches_1.toBatchUrl)(batches_1.CANCEL_URL)],
    postReceive: [batches_1.toBatchItem],
});
exports.cancel = cancel;
//# sourceMappingURL=cancel.js.map