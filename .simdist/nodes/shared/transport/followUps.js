"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.urlForMessage = urlForMessage;
exports.followUpsFor = followUpsFor;
const n8n_workflow_1 = require("n8n-workflow");
const answers_1 = require("./answers");
const attempts_1 = require("./attempts");
const runCredentials_1 = require("./runCredentials");
const secrets_1 = require("./secrets");
const input_1 = require("../input");
function urlForMessage(url) {
    try {
        const { origin, pathname } = new URL(url);
        return `${origin}${pathname}`;
    }
    catch {
        return (0, input_1.preview)(url, 80);
    }
}
const headerOf = (headers, name) => {
    const value = headers?.[name];
    return typeof value === 'string' ? value : undefined;
};
function followUpsFor(context, base, { slots, downloadSlots, maxRetries, signal }) {
    const node = context.getNode();
    const itemIndex = context.getItemIndex();
    const { method: _method, url: _url, qs: _qs, body: _body, ...common } = base;
    async function send({ method, url, qs, body, subject }, read) {
        const options = { ...common, method, url, ...(qs ? { qs } : {}), ...(body ? { body } : {}), returnFullResponse: true };
        return await (0, attempts_1.sendWithRetries)(async () => {
            const response = (await context.helpers.httpRequestWithAuthentication.call(context, runCredentials_1.CREDENTIAL_TYPE, {
                ...options,
            }));
            const items = await answers_1.rejectUnsuccessfulAnswer.call(context, [{ json: response.body }], response);
            return read ? await read.call(context, items, response) : items;
        }, { slots, maxRetries, signal, giveUp: (failure, note) => (0, attempts_1.failureError)(node, failure, { subject, itemIndex, note }) });
    }
    async function transfer(method, url, failure, body) {
        const secret = (await (0, runCredentials_1.runCredentials)(context)).apiKey;
        const where = urlForMessage(url);
        return await (0, attempts_1.sendWithRetries)(async () => {
            const response = (await context.helpers.httpRequest({
                method,
                url,
                ...(body ? { body, headers: { 'Content-Type': 'application/octet-stream' } } : {}),
                encoding: 'arraybuffer',
                json: false,
                returnFullResponse: true,
                ignoreHttpStatusErrors: true,
                ...(signal ? { abortSignal: signal } : {}),
                ...(base.timeout ? { timeout: base.timeout } : {}),
            }));
            const bytes = Buffer.isBuffer(response.body) ? response.body : Buffer.from((response.body ?? new ArrayBuffer(0)));
            if (response.statusCode < 200 || response.statusCode >= 300) {
                const said = (0, secrets_1.quotedWithoutSecret)(bytes.toString('utf8'), secret);
                throw new answers_1.UnsuccessfulAnswer({ statusCode: response.statusCode, body: said, headers: response.headers });
            }
            const contentType = headerOf(response.headers, 'content-type')?.split(';')[0].trim().toLowerCase();
            return { bytes, contentType: contentType || undefined };
        }, {
            slots: downloadSlots,
            maxRetries,
            signal,
            giveUp: (error, note) => transferError(context, { ...failure, where }, error, note, secret),
        });
    }
    return {
        send,
        wait: async (ms) => await (0, attempts_1.waitUnlessAborted)(ms, signal),
        download: async (url, hint = MEDIA_FILES_HINT) => await transfer('GET', url, { verb: 'download', hint }),
        upload: async (url, bytes, hint) => {
            await transfer('PUT', url, { verb: 'upload to', hint }, bytes);
        },
    };
}
const MEDIA_FILES_HINT = 'Files of finished jobs are kept for a limited time (DigitalOcean documents 2 hours for some): fetch them soon after the job completes, or start the job again.';
function transferError(context, { verb, hint, where }, failure, note, secret) {
    const itemIndex = context.getItemIndex();
    const answer = failure instanceof answers_1.UnsuccessfulAnswer ? failure.answer : undefined;
    const reason = answer
        ? `HTTP ${answer.statusCode}`
        : (0, secrets_1.withoutSecret)(failure?.message ?? String(failure), secret);
    const said = answer && typeof answer.body === 'string' && answer.body !== '' ? `The host said: "${answer.body}". ` : '';
    const error = new n8n_workflow_1.NodeApiError(context.getNode(), { message: reason }, {
        itemIndex,
        message: `Could not ${verb} ${where}: ${reason}${note}`,
        description: `${said}${hint}`,
    });
    if (answer)
        error.httpCode = String(answer.statusCode);
    return error;
}
//# sourceMappingURL=followUps.js.map