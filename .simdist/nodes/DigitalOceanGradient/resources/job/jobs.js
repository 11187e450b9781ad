"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toJobUrl = exports.urlOf = exports.jobIdOf = exports.jobIdField = exports.jobSubject = exports.RESULT_URL = exports.STATUS_URL = void 0;
exports.stateOf = stateOf;
exports.toJobItem = toJobItem;
exports.toJobStatus = toJobStatus;
exports.toStatusItem = toStatusItem;
exports.jobJson = jobJson;
exports.jobFailed = jobFailed;
const input_1 = require("../../../shared/input");
const answers_1 = require("../../../shared/transport/answers");
const idParameter_1 = require("../idParameter");
exports.STATUS_URL = '/v1/async-invoke/{request_id}/status';
exports.RESULT_URL = '/v1/async-invoke/{request_id}';
const jobSubject = (id) => ({
    name: `Job "${id}"`,
    notFoundHint: 'Check the Job ID: it is the request_id that Job → Start output. DigitalOcean keeps jobs for a limited time.',
});
exports.jobSubject = jobSubject;
function stateOf(status) {
    const word = typeof status === 'string' ? status.trim().toUpperCase() : '';
    if (word === 'COMPLETED' || word === 'COMPLETE')
        return 'completed';
    if (word === 'FAILED' || word === 'ERROR' || word === 'CANCELLED' || word === 'CANCELED')
        return 'failed';
    return 'running';
}
function withoutJob(context, body, what) {
    return (0, answers_1.answerError)(context.getNode(), body, {
        message: `The API answered without ${what}`,
        description: 'Check the Base URL in the DigitalOcean Gradient credential.',
        itemIndex: context.getItemIndex(),
    });
}
async function toJobItem(_items, response) {
    const job = response.body;
    if (typeof job.request_id !== 'string' || /^\.*$/.test(job.request_id) || typeof job.status !== 'string') {
        throw withoutJob(this, job, 'a job (request_id and status)');
    }
    return [{ json: job }];
}
async function toJobStatus(_items, response) {
    const status = response.body;
    if (typeof status.status !== 'string' || status.status.trim() === '')
        throw withoutJob(this, status, "the job's status");
    return [{ json: status }];
}
async function toStatusItem(items, response) {
    const [{ json }] = await toJobStatus.call(this, items, response);
    return [{ json: { request_id: (0, exports.jobIdOf)(this), ...json } }];
}
function jobJson({ error, ...job }) {
    return error == null ? job : { ...job, error };
}
function jobFailed(context, job) {
    const said = typeof job.error === 'string' && job.error.trim() !== '' ? job.error : (0, input_1.isPlainObject)(job.error) ? JSON.stringify(job.error) : undefined;
    return (0, answers_1.answerError)(context.getNode(), job, {
        message: `Job "${String(job.request_id)}" ${String(job.status).toLowerCase() === 'failed' ? 'failed' : `ended ${String(job.status)}`}${said ? `: ${said}` : ''}`,
        description: `The model ${typeof job.model_id === 'string' ? `"${job.model_id}" ` : ''}could not make the output. Check its input fields; each fal model documents its own.`,
        itemIndex: context.getItemIndex(),
    });
}
const jobId = (0, idParameter_1.idParameter)({
    label: 'Job ID',
    name: 'jobId',
    property: 'request_id',
    madeBy: 'Job → Start',
    placeholder: '6590784a-ce47-4556-9ff4-53baff2693bb',
    inUrl: '{request_id}',
    subject: exports.jobSubject,
});
exports.jobIdField = jobId.field, exports.jobIdOf = jobId.idOf, exports.urlOf = jobId.urlOf, exports.toJobUrl = jobId.toUrl;
//# sourceMappingURL=jobs.js.map