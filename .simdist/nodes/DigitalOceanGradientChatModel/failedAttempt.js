"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ModelRetries = void 0;
exports.countAttemptsPerRequest = countAttemptsPerRequest;
const input_1 = require("../shared/input");
const answers_1 = require("../shared/transport/answers");
const retryPolicy_1 = require("../shared/transport/retryPolicy");
const secrets_1 = require("../shared/transport/secrets");
function bodyOf({ error, message = '' }) {
    if (error !== undefined && error !== null)
        return { error };
    const text = message
        .replace(/^\d{3} /, '')
        .replace(/\s*Troubleshooting URL: \S+\s*$/, '')
        .trim();
    if (text === '' || text === 'status code (no body)')
        return {};
    try {
        return JSON.parse(text);
    }
    catch {
        return text;
    }
}
function headersOf({ headers }) {
    if (headers && typeof headers.forEach === 'function') {
        const plain = {};
        headers.forEach((value, name) => (plain[name.toLowerCase()] = value));
        return plain;
    }
    return (0, input_1.isPlainObject)(headers) ? headers : undefined;
}
class ModelRetries {
    node;
    model;
    maxRetries;
    secret;
    retriesSpent = 0;
    attemptsOfThisRequest = 0;
    constructor(node, model, maxRetries, secret) {
        this.node = node;
        this.model = model;
        this.maxRetries = maxRetries;
        this.secret = secret;
    }
    requestStarted() {
        this.attemptsOfThisRequest = 0;
    }
    onFailedAttempt = (failure) => {
        if (!(0, input_1.isPlainObject)(failure) && !(failure instanceof Error))
            return;
        const attempt = failure;
        if (typeof attempt.status !== 'number') {
            if (typeof attempt.message === 'string')
                attempt.message = (0, secrets_1.withoutSecret)(attempt.message, this.secret);
            if (attempt.error !== undefined)
                attempt.error = (0, secrets_1.withoutSecret)(attempt.error, this.secret);
            return;
        }
        this.attemptsOfThisRequest++;
        const decision = (0, retryPolicy_1.decideRetry)({ statusCode: attempt.status, headers: headersOf(attempt) }, this.retriesSpent, this.maxRetries);
        if (decision.retry) {
            this.retriesSpent++;
            attempt.retriesLeft = this.maxRetries - this.retriesSpent + 1;
            return;
        }
        const note = (0, retryPolicy_1.gaveUpNote)(this.attemptsOfThisRequest, decision);
        this.requestStarted();
        const body = (0, secrets_1.withoutSecret)(bodyOf(attempt), this.secret);
        const error = (0, answers_1.apiErrorFor)(this.node, { statusCode: attempt.status, body }, { model: this.model, note });
        if (error)
            throw error;
    };
}
exports.ModelRetries = ModelRetries;
function countAttemptsPerRequest(model, retries) {
    const chatModel = model;
    const completions = chatModel?.completions;
    const send = completions?.completionWithRetry;
    if (!completions || typeof send !== 'function')
        return;
    completions.completionWithRetry = (...args) => {
        retries.requestStarted();
        return send.apply(completions, args);
    };
    if (chatModel.fields)
        chatModel.fields.completions = completions;
}
//# sourceMappingURL=failedAttempt.js.map