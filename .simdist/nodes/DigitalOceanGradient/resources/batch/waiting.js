"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.batchMaxWaitMsOf = exports.waitsFor = exports.batchMaxWaitOption = exports.waitForCompletionField = exports.DEFAULT_MAX_WAIT_SECONDS = exports.MAX_POLL_MS = exports.FIRST_POLL_MS = void 0;
exports.endedBatch = endedBatch;
exports.resultsOf = resultsOf;
const n8n_workflow_1 = require("n8n-workflow");
const batches_1 = require("./batches");
const results_1 = require("./results");
const runCredentials_1 = require("../../../shared/transport/runCredentials");
const secrets_1 = require("../../../shared/transport/secrets");
const waiting_1 = require("../waiting");
exports.FIRST_POLL_MS = 1_000;
exports.MAX_POLL_MS = 30_000;
exports.DEFAULT_MAX_WAIT_SECONDS = 3_600;
exports.waitForCompletionField = {
    displayName: 'Wait for Completion',
    name: 'waitForCompletion',
    type: 'boolean',
    default: false,
    description: 'Whether to wait until the batch is done and output its answers, one item per request. Off: Create outputs the batch at once, and Get Results fails for a batch not yet done. A batch may take up to 24 hours: for large ones, collect the answers in a later execution.',
};
exports.batchMaxWaitOption = (0, waiting_1.maxWaitOption)(exports.DEFAULT_MAX_WAIT_SECONDS, 'How long to wait for the batch before failing with its ID (collect it later with Get Results). The status is checked after 1 s, then every 2, 4, 8… s, at most every 30 s.');
const waitsFor = (context) => (0, waiting_1.switchOf)(context, 'waitForCompletion', 'Wait for Completion', false);
exports.waitsFor = waitsFor;
const batchMaxWaitMsOf = (context, optionsName) => (0, waiting_1.maxWaitMsOf)(context, `${optionsName}.maxWaitSeconds`, exports.DEFAULT_MAX_WAIT_SECONDS);
exports.batchMaxWaitMsOf = batchMaxWaitMsOf;
const counts = (batch) => {
    const { total, completed, failed } = (batch.request_counts ?? {});
    return typeof total === 'number' && total > 0 ? `, ${Number(completed ?? 0) + Number(failed ?? 0)} of ${total} requests done` : '';
};
function notDoneYet(context, batch, waitedMs) {
    const id = String(batch.batch_id);
    const waited = waitedMs === undefined ? 'is not done yet' : `did not finish within ${waitedMs / 1000} s`;
    return new n8n_workflow_1.NodeOperationError(context.getNode(), `Batch "${id}" ${waited} (status ${String(batch.status)}${counts(batch)}) [item ${context.getItemIndex()}]`, {
        itemIndex: context.getItemIndex(),
        description: `DigitalOcean gives a batch up to 24 hours. Collect its answers later with Batch → Get Results and Batch ID ${id} (e.g. from a second schedule), or ${waitedMs === undefined ? 'turn Wait for Completion on' : 'raise Maximum Wait'}.`,
    });
}
function batchFailed(context, batch) {
    const errors = Array.isArray(batch.errors) ? batch.errors : [];
    const reasons = errors
        .slice(0, 3)
        .map(({ line, code, message }) => `${line ? `line ${String(line)}: ` : ''}${[code, message].filter(Boolean).join(': ')}`)
        .join('; ');
    const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
    return new n8n_workflow_1.NodeOperationError(context.getNode(), `Batch "${String(batch.batch_id)}" ${String(batch.status)}${reasons ? `: ${reasons}${more}` : ''} [item ${context.getItemIndex()}]`, {
        itemIndex: context.getItemIndex(),
        description: errors.some(({ line }) => line)
            ? 'A line of the batch file was refused, so none of its requests ran. The line numbers count from 1, in the order of the input items.'
            : `DigitalOcean failed the batch as a whole${reasons ? ' for the reason above' : ' without giving a reason'}, so none of its requests ran: create it again, and if it fails again, ask DigitalOcean's support about batch "${String(batch.batch_id)}".`,
    });
}
const statusOf = (batch) => String(batch.status).trim().toLowerCase();
async function endedBatch(context, batch, followUps, deadline) {
    const id = String(batch.batch_id);
    if ((0, batches_1.isTerminal)(batch.status))
        return batch;
    if (deadline === undefined)
        throw notDoneYet(context, batch);
    const maxWaitMs = deadline - Date.now();
    return await (0, waiting_1.pollUntil)(followUps, batch, {
        firstPollMs: exports.FIRST_POLL_MS,
        maxPollMs: exports.MAX_POLL_MS,
        maxWaitMs,
        isDone: (last) => (0, batches_1.isTerminal)(last.status),
        timedOut: (last) => notDoneYet(context, last, Math.round(maxWaitMs / 1000) * 1000),
        poll: async () => (await followUps.send({ method: 'GET', url: (0, batches_1.batchUrl)(batches_1.BATCH_URL, id), subject: (0, batches_1.batchSubject)(id) }, batches_1.toBatchItem))[0].json,
    });
}
const RESULT_FILES_HINT = 'The download links are short-lived: run the node again for new ones. DigitalOcean keeps result files up to 30 days after the batch completes.';
async function resultsOf(context, batch, followUps, deadline) {
    const id = String(batch.batch_id);
    if (statusOf(batch) === 'failed')
        throw batchFailed(context, batch);
    if (['cancelled', 'expired'].includes(statusOf(batch)) && batch.output_file_id == null && batch.error_file_id == null)
        return { lines: [], unreadable: [] };
    const ask = async () => {
        try {
            const [{ json }] = await followUps.send({ method: 'GET', url: (0, batches_1.batchUrl)(batches_1.RESULTS_URL, id), subject: (0, batches_1.batchSubject)(id) });
            return json.result_available === true ? json : undefined;
        }
        catch (error) {
            const failure = error instanceof n8n_workflow_1.NodeApiError ? error : new n8n_workflow_1.NodeApiError(context.getNode(), error);
            if (failure.httpCode === '412')
                return undefined;
            throw failure;
        }
    };
    const noResults = () => new n8n_workflow_1.NodeOperationError(context.getNode(), `Batch "${id}" is ${String(batch.status)} but its results are not available [item ${context.getItemIndex()}]`, {
        itemIndex: context.getItemIndex(),
        description: 'DigitalOcean did not give download links for its result files. Try Batch → Get Results again in a moment.',
    });
    let links = await ask();
    if (!links && deadline !== undefined) {
        links = await (0, waiting_1.pollUntil)(followUps, links, { firstPollMs: exports.FIRST_POLL_MS, maxPollMs: exports.MAX_POLL_MS, maxWaitMs: deadline - Date.now(), poll: ask, isDone: Boolean, timedOut: noResults });
    }
    if (!links)
        throw noResults();
    const secret = (await (0, runCredentials_1.runCredentials)(context)).apiKey;
    const results = { lines: [], unreadable: [] };
    for (const [file, url] of [['output', links.output_file_url], ['error', links.error_file_url]]) {
        if (typeof url !== 'string' || url === '')
            continue;
        const { bytes } = await followUps.download(url, RESULT_FILES_HINT);
        const { lines, unreadable } = (0, results_1.resultLines)(context, (0, secrets_1.withoutSecret)(bytes.toString('utf8'), secret), file);
        results.lines.push(...lines);
        results.unreadable.push(...unreadable);
    }
    return results;
}
//# sourceMappingURL=waiting.js.map