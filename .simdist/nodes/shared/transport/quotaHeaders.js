"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.QUOTA_TYPES = void 0;
exports.headerValue = headerValue;
exports.quotaReadings = quotaReadings;
exports.refusedByQuota = refusedByQuota;
exports.QUOTA_TYPES = ['requests', 'tokens-per-minute', 'tokens-per-day'];
function headerValue(headers, name) {
    const value = headers?.[name];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' || typeof first === 'number' ? String(first).trim() : undefined;
}
function numberIn(headers, name) {
    const text = headerValue(headers, name);
    if (text === undefined || text === '')
        return undefined;
    const value = Number(text);
    return Number.isFinite(value) ? value : undefined;
}
function quotaReadings(headers) {
    const readings = [];
    for (const type of exports.QUOTA_TYPES) {
        const limit = numberIn(headers, `x-ratelimit-limit-${type}`);
        const remaining = numberIn(headers, `x-ratelimit-remaining-${type}`);
        if (limit === undefined || remaining === undefined || limit <= 0)
            continue;
        const reset = numberIn(headers, `x-ratelimit-reset-${type}`);
        readings.push({ type, limit, remaining: Math.max(0, remaining), resetAt: reset !== undefined && reset > 0 ? reset * 1000 : undefined });
    }
    return readings;
}
function refusedByQuota(statusCode, headers) {
    return statusCode === 429 && quotaReadings(headers).some((reading) => reading.resetAt !== undefined);
}
//# sourceMappingURL=quotaHeaders.js.map