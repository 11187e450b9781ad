"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.finishedJobOptions = exports.waitForCompletionField = exports.DEFAULT_MAX_WAIT_SECONDS = exports.MAX_POLL_MS = exports.FIRST_POLL_MS = void 0;
exports.checkWaiting = checkWaiting;
exports.finishJob = finishJob;
const n8n_workflow_1 = require("n8n-workflow");
const files_1 = require("./files");
const jobs_1 = require("./jobs");
const binaryFiles_1 = require("../../../shared/media/binaryFiles");
const waiting_1 = require("../waiting");
exports.FIRST_POLL_MS = 500;
exports.MAX_POLL_MS = 5_000;
exports.DEFAULT_MAX_WAIT_SECONDS = 600;
exports.waitForCompletionField = {
    displayName: 'Wait for Completion',
    name: 'waitForCompletion',
    type: 'boolean',
    default: true,
    description: 'Whether to wait until the job is done and output its files. Off: Start outputs the queued job at once; Get Result fails for a job not yet done (use Get Status, or a Wait node, first).',
};
exports.finishedJobOptions = [
    {
        displayName: 'Download Files',
        name: 'downloadFiles',
        type: 'boolean',
        default: true,
        description: "Whether to download the job's files as binary data, one item per file. The URLs expire (DigitalOcean documents 2 hours for some), so it is done at once. Off: one item with the job and its output's URLs.",
    },
    (0, waiting_1.maxWaitOption)(exports.DEFAULT_MAX_WAIT_SECONDS, 'How long to wait for the job before failing the item with its ID (fetch it later with Get Result). The status is checked after 0.5 s, then every 1, 2, 4 s, then every 5 s.'),
    binaryFiles_1.binaryPropertyOption,
];
const maxWaitMsOf = (context) => (0, waiting_1.maxWaitMsOf)(context, 'options.maxWaitSeconds', exports.DEFAULT_MAX_WAIT_SECONDS);
const waitsFor = (context) => (0, waiting_1.switchOf)(context, 'waitForCompletion', 'Wait for Completion');
const downloadsFiles = (context) => (0, waiting_1.switchOf)(context, 'options.downloadFiles', 'Download Files');
async function checkWaiting(requestOptions) {
    const starting = this.getNodeParameter('operation', '') === 'start';
    if (waitsFor(this))
        maxWaitMsOf(this);
    else if (starting)
        return requestOptions;
    if (downloadsFiles(this))
        (0, binaryFiles_1.binaryPropertyOf)(this);
    return requestOptions;
}
function notDoneYet(context, job, waitedMs) {
    const id = String(job.request_id);
    const waited = waitedMs === undefined ? 'is not done yet' : `did not finish within ${waitedMs / 1000} s`;
    return new n8n_workflow_1.NodeOperationError(context.getNode(), `Job "${id}" ${waited} (status ${String(job.status)}) [item ${context.getItemIndex()}]`, {
        itemIndex: context.getItemIndex(),
        description: `Fetch it later with Job → Get Result and Job ID ${id} (e.g. after a Wait node), or ${waitedMs === undefined ? 'turn Wait for Completion on' : 'raise Options → Maximum Wait'}.`,
    });
}
async function untilDone(context, job, followUps) {
    const id = String(job.request_id);
    const maxWaitMs = maxWaitMsOf(context);
    let status = job;
    return await (0, waiting_1.pollUntil)(followUps, job, {
        firstPollMs: exports.FIRST_POLL_MS,
        maxPollMs: exports.MAX_POLL_MS,
        maxWaitMs,
        isDone: (last) => (0, jobs_1.stateOf)(last.status) !== 'running',
        timedOut: (last) => notDoneYet(context, last, maxWaitMs),
        poll: async () => {
            const [polled] = await followUps.send({ method: 'GET', url: (0, jobs_1.urlOf)(jobs_1.STATUS_URL, id), subject: (0, jobs_1.jobSubject)(id) }, jobs_1.toJobStatus);
            status = { ...status, ...polled.json };
            return status;
        },
    });
}
function forJob(error, id) {
    if (!(error instanceof n8n_workflow_1.NodeApiError || error instanceof n8n_workflow_1.NodeOperationError) || error.message.includes(`"${id}"`))
        return error;
    error.message = `${error.message} (job "${id}")`;
    return error;
}
async function finishJob([item], followUps) {
    const wait = waitsFor(this);
    const starting = this.getNodeParameter('operation', '') === 'start';
    if (!wait && starting)
        return [{ json: (0, jobs_1.jobJson)(item.json) }];
    const id = String(item.json.request_id);
    try {
        return await finished(this, item.json, wait, followUps);
    }
    catch (error) {
        throw forJob(error, id);
    }
}
async function finished(context, answered, wait, followUps) {
    let job = answered;
    const id = String(job.request_id);
    if ((0, jobs_1.stateOf)(job.status) === 'running') {
        if (!wait)
            throw notDoneYet(context, job);
        job = await untilDone(context, job, followUps);
    }
    const failed = (0, jobs_1.stateOf)(job.status) === 'failed';
    if (failed ? job.error == null : job.output == null) {
        const [result] = await followUps.send({ method: 'GET', url: (0, jobs_1.urlOf)(jobs_1.RESULT_URL, id), subject: (0, jobs_1.jobSubject)(id) }, jobs_1.toJobItem);
        job = { ...job, ...result.json };
    }
    if ((0, jobs_1.stateOf)(job.status) === 'failed')
        throw (0, jobs_1.jobFailed)(context, job);
    if (job.output == null) {
        throw new n8n_workflow_1.NodeOperationError(context.getNode(), `Job "${id}" is ${String(job.status)} but has no output [item ${context.getItemIndex()}]`, {
            itemIndex: context.getItemIndex(),
            description: 'Try Job → Get Result with this ID again in a moment.',
        });
    }
    if (!downloadsFiles(context))
        return [{ json: (0, jobs_1.jobJson)(job) }];
    return await (0, files_1.fileItems)(context, job, followUps);
}
//# sourceMappingURL=waiting.js.map