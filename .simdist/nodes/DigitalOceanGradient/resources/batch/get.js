"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.get = void 0;
const batches_1 = require("./batches");
const define_1 = require("../define");
const get = (resource) => (0, define_1.defineOperation)(resource, {
    name: 'Get',
    value: 'get',
    action: 'Get a batch',
    description: "A batch's status and counts: how many of its requests are done and how many failed",
    request: { method: 'GET', url: batches_1.BATCH_URL },
    properties: [batches_1.batchIdField],
    preSend: [(0, batches_1.toBatchUrl)(batches_1.BATCH_URL)],
    postReceive: [batches_1.toBatchItem],
});
exports.get = get;
//# sourceMappingURL=get.js.map