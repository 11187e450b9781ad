"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_WAIT_MS = exports.DEFAULT_MAX_RETRIES = void 0;
exports.isRetryableStatus = isRetryableStatus;
exports.wasTurnedAway = wasTurnedAway;
exports.rateLimitResetMs = rateLimitResetMs;
exports.decideRetry = decideRetry;
exports.gaveUpNote = gaveUpNote;
const quotaHeaders_1 = require("./quotaHeaders");
exports.DEFAULT_MAX_RETRIES = 5;
exports.MAX_WAIT_MS = 60_000;
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
function isRetryableStatus(statusCode) {
    return RETRYABLE_STATUSES.has(statusCode);
}
const RETRYABLE_NETWORK_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
    'ERR_SOCKET_CONNECTION_TIMEOUT',
]);
function wasTurnedAway({ statusCode, networkCode }) {
    return statusCode === 429 || networkCode === 'ECONNREFUSED' || networkCode === 'EAI_AGAIN';
}
const RATE_LIMIT_RESET_HEADERS = [
    'x-ratelimit-reset-requests',
    'x-ratelimit-reset-tokens-per-minute',
    'x-ratelimit-reset-tokens-per-day',
];
function retryAfterMs(value, now) {
    if (value === undefined || value === '')
        return undefined;
    if (/^\d+(\.\d+)?$/.test(value))
        return Number(value) * 1000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
function rateLimitResetMs(headers, now) {
    const resets = RATE_LIMIT_RESET_HEADERS.map((name) => Number((0, quotaHeaders_1.headerValue)(headers, name)))
        .filter((seconds) => Number.isFinite(seconds) && seconds > 0)
        .map((seconds) => seconds * 1000 - now);
    return resets.length > 0 ? Math.min(...resets) : undefined;
}
const jitter = (random) => 250 + Math.floor(random() * 251);
function decideRetry(failure, retriesDone, maxRetries, now = Date.now(), random = Math.random) {
    const retryable = failure.statusCode !== undefined
        ? isRetryableStatus(failure.statusCode)
        : failure.networkCode !== undefined && RETRYABLE_NETWORK_CODES.has(failure.networkCode);
    if (!retryable)
        return { retry: false, reason: 'not retryable' };
    if (retriesDone >= maxRetries)
        return { retry: false, reason: 'no retries left' };
    const decide = (waitMs, basis, spread = 0) => waitMs > exports.MAX_WAIT_MS
        ? { retry: false, reason: 'wait too long', waitMs }
        : { retry: true, waitMs: Math.round(waitMs + spread), basis };
    const retryAfter = retryAfterMs((0, quotaHeaders_1.headerValue)(failure.headers, 'retry-after'), now);
    if (retryAfter !== undefined)
        return decide(retryAfter, 'retry-after', jitter(random));
    const reset = rateLimitResetMs(failure.headers, now);
    if (reset !== undefined)
        return decide(Math.max(reset, 1000) + jitter(random), 'rate-limit reset');
    return decide(Math.min(500 * 2 ** retriesDone + jitter(random), exports.MAX_WAIT_MS), 'backoff');
}
function gaveUpNote(attempts, decision) {
    if (decision.retry)
        return '';
    if (decision.reason === 'may have been carried out') {
        return ` (not sent again: the API may have carried it out${attempts > 1 ? `; ${attempts} attempts` : ''})`;
    }
    if (attempts === 1 && decision.reason !== 'wait too long')
        return '';
    const gaveUp = ` (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})`;
    if (decision.reason !== 'wait too long')
        return gaveUp;
    const asked = Math.ceil(decision.waitMs / 1000);
    return `${gaveUp} (the API asked to wait ${asked} s; this node waits at most ${exports.MAX_WAIT_MS / 1000} s)`;
}
//# sourceMappingURL=retryPolicy.js.map