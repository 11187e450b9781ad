"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.getStatus = void 0;
const jobs_1 = require("./jobs");
const define_1 = require("../define");
const getStatus = (resource) => (0, define_1.defineOperation)(resource, {
    name: 'Get Status',
    value: 'getStatus',
    action: 'Get the status of a job',
    description: 'Whether a job is queued, in progress, completed or failed, without waiting',
    request: { method: 'GET', url: jobs_1.STATUS_URL },
    properties: [jobs_1.jobIdField],
    preSend: [(0, jobs_1.toJobUrl)(jobs_1.STATUS_URL)],
    postReceive: [jobs_1.toStatusItem],
});
exports.getStatus = getStatus;
//# sourceMappingURL=getStatus.js.map