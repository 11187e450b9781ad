"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.quotedWithoutSecret = exports.REDACTED = void 0;
exports.withoutSecret = withoutSecret;
const input_1 = require("../input");
exports.REDACTED = '[redacted]';
const MIN_SECRET_LENGTH = 8;
function replaced(value, secret) {
    if (typeof value === 'string')
        return value.split(secret).join(exports.REDACTED);
    if (Array.isArray(value))
        return value.map((each) => replaced(each, secret));
    if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
        return Object.fromEntries(Object.entries(value).map(([key, each]) => [replaced(key, secret), replaced(each, secret)]));
    }
    return value;
}
function withoutSecret(value, rawSecret) {
    const secret = typeof rawSecret === 'string' ? rawSecret.trim() : '';
    if (secret.length < MIN_SECRET_LENGTH)
        return value;
    if (typeof value === 'string')
        return (value.includes(secret) ? replaced(value, secret) : value);
    if (typeof value !== 'object' || value === null || Buffer.isBuffer(value))
        return value;
    const asJson = JSON.stringify(secret).slice(1, -1);
    return (JSON.stringify(value).includes(asJson) ? replaced(value, secret) : value);
}
const quotedWithoutSecret = (text, secret) => (0, input_1.preview)(withoutSecret(text, secret));
exports.quotedWithoutSecret = quotedWithoutSecret;
//# sourceMappingURL=secrets.js.map