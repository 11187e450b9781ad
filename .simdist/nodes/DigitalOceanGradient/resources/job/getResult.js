"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.getResult = void 0;
const jobs_1 = require("./jobs");
const waiting_1 = require("./waiting");
const options_1 = require("../../../shared/fields/options");
const request_1 = require("../../../shared/transport/request");
const define_1 = require("../define");
const getResult = (resource) => (0, define_1.defineOperation)(resource, {
    name: 'Get Result',
    value: 'getResult',
    action: 'Get the result of a job',
    description: "A job's files as binary data, waiting for it by default: for workflows that come back later",
    request: { method: 'GET', url: jobs_1.RESULT_URL },
    properties: [
        jobs_1.jobIdField,
        waiting_1.waitForCompletionField,
        (0, options_1.optionsCollection)(waiting_1.finishedJobOptions, 'How long to wait, and where the files go'),
    ],
    preSend: [(0, jobs_1.toJobUrl)(jobs_1.RESULT_URL), waiting_1.checkWaiting, (0, request_1.followedBy)(waiting_1.finishJob)],
    postReceive: [jobs_1.toJobItem],
});
exports.getResult = getResult;
//# sourceMappingURL=getResult.js.map