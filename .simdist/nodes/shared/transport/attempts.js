"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.failureOf = failureOf;
exports.waitUnlessAborted = waitUnlessAborted;
exports.sendWithRetries = sendWithRetries;
exports.failureError = failureError;
const n8n_workflow_1 = require("n8n-workflow");
const answers_1 = require("./answers");
const quotaHeaders_1 = require("./quotaHeaders");
const retryPolicy_1 = require("./retryPolicy");
function failureOf(error) {
    if (error instanceof answers_1.UnsuccessfulAnswer) {
        const { statusCode, headers } = error.answer;
        return { statusCode, headers };
    }
    const cause = error.cause;
    const code = cause?.code ?? error.code;
    return { networkCode: typeof code === 'string' ? code : undefined };
}
async function waitUnlessAborted(ms, signal) {
    if (!signal)
        return await (0, n8n_workflow_1.sleep)(ms);
    signal.throwIfAborted();
    let onAbort = () => { };
    const aborted = new Promise((_, reject) => {
        onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
        await Promise.race([(0, n8n_workflow_1.sleep)(ms, signal), aborted]);
    }
    finally {
        signal.removeEventListener('abort', onAbort);
    }
}
const MAX_FREE_REFUSALS = 20;
async function sendWithRetries(send, { slots, maxRetries, signal, onFirstSlot, giveUp, onlyIfTurnedAway = false }) {
    let retriesDone = 0;
    let freeRefusals = 0;
    for (let attempts = 1;; attempts++) {
        const slot = await slots.acquire(signal, { retry: attempts > 1 });
        if (signal?.aborted) {
            slot.release('not sent');
            signal.throwIfAborted();
        }
        if (attempts === 1)
            onFirstSlot?.();
        let outcome = 'failed';
        let decision;
        try {
            const answer = await send();
            outcome = 'answered';
            return answer;
        }
        catch (error) {
            const failure = failureOf(error);
            const byQuota = (0, quotaHeaders_1.refusedByQuota)(failure.statusCode, failure.headers);
            if (failure.statusCode === 429)
                outcome = byQuota ? 'paced' : 'turned away';
            const { overreached } = slot.release(outcome);
            const free = (overreached || byQuota) && maxRetries > 0 && freeRefusals < MAX_FREE_REFUSALS;
            decision = free
                ? (0, retryPolicy_1.decideRetry)(failure, freeRefusals, MAX_FREE_REFUSALS)
                : (0, retryPolicy_1.decideRetry)(failure, retriesDone, maxRetries);
            if (decision.retry && onlyIfTurnedAway && !(0, retryPolicy_1.wasTurnedAway)(failure))
                decision = { retry: false, reason: 'may have been carried out' };
            if (!decision.retry || signal?.aborted)
                throw giveUp(error, (0, retryPolicy_1.gaveUpNote)(attempts, decision), decision);
            if (free)
                freeRefusals += 1;
            else
                retriesDone += 1;
            if (outcome === 'turned away')
                slots.waitedAfterRefusal(decision.waitMs);
            if (outcome === 'turned away' && !overreached) {
                const reset = (0, retryPolicy_1.rateLimitResetMs)(failure.headers, Date.now());
                slots.pause(reset !== undefined && reset > 0 ? Math.min(reset, decision.waitMs) : decision.waitMs);
                continue;
            }
        }
        finally {
            slot.release(outcome);
        }
        await waitUnlessAborted(decision.waitMs, signal);
    }
}
function failureError(node, error, { model, subject, itemIndex, note = '', hint }) {
    if (error instanceof answers_1.UnsuccessfulAnswer)
        return (0, answers_1.apiErrorFor)(node, error.answer, { model, subject, itemIndex, note, hint });
    if (error instanceof n8n_workflow_1.NodeOperationError)
        return error;
    const worded = new n8n_workflow_1.NodeApiError(node, error, { itemIndex });
    const clean = new n8n_workflow_1.NodeApiError(node, { message: worded.message }, {
        itemIndex,
        message: `${worded.message}${note}`,
        description: hint ?? worded.description ?? undefined,
    });
    clean.httpCode = worded.httpCode;
    return clean;
}
//# sourceMappingURL=attempts.js.map