"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.QuotaPacer = void 0;
exports.pacerFor = pacerFor;
exports.sendPaced = sendPaced;
const n8n_workflow_1 = require("n8n-workflow");
const quotaBucket_1 = require("./quotaBucket");
const quotaHeaders_1 = require("./quotaHeaders");
const input_1 = require("../input");
const MAX_PACED_WAIT_MS = 60_000;
const TOKEN_MARGIN = 1.02;
class Scope {
    buckets = new Map();
    queue = [];
    unsettled = new Set();
    tokenRatio;
    usageSeen = false;
    wakeAt = Infinity;
    costIn(bucket, rawTokens) {
        return bucket.type === 'requests' ? 1 : Math.ceil(rawTokens * (this.tokenRatio ?? 1) * TOKEN_MARGIN);
    }
}
function scopeNameOf(options) {
    const body = options.body;
    const model = (0, input_1.isPlainObject)(body) ? (body.model ?? body.model_id) : undefined;
    return typeof model === 'string' ? `model ${model}` : 'without a model';
}
function rawTokensOf(options) {
    const body = options.body;
    if (!(0, input_1.isPlainObject)(body))
        return typeof body === 'string' ? Math.ceil(body.length / 4) : 1;
    const allowance = [body.max_completion_tokens, body.max_tokens].find((value) => typeof value === 'number' && value > 0);
    return Math.max(1, Math.ceil(JSON.stringify(body).length / 4) + (allowance ?? 0));
}
class QuotaPacer {
    scopes = new Map();
    lastAt = 0;
    get governs() {
        for (const scope of this.scopes.values())
            if (scope.buckets.size > 0)
                return true;
        return false;
    }
    bucketsOf(model) {
        return this.scopes.get(`model ${model}`)?.buckets ?? new Map();
    }
    scopeFor(options) {
        const name = scopeNameOf(options);
        let scope = this.scopes.get(name);
        if (!scope) {
            scope = new Scope();
            this.scopes.set(name, scope);
        }
        return scope;
    }
    async admit(options, signal) {
        signal?.throwIfAborted();
        const scope = this.scopeFor(options);
        const waiter = { rawTokens: rawTokensOf(options) };
        return await new Promise((resolve, reject) => {
            const onAbort = () => {
                const place = scope.queue.indexOf(waiter);
                if (place !== -1)
                    scope.queue.splice(place, 1);
                reject(signal?.reason);
                this.pump(scope);
            };
            waiter.admit = (ticket) => {
                signal?.removeEventListener('abort', onAbort);
                resolve(ticket);
            };
            signal?.addEventListener('abort', onAbort, { once: true });
            scope.queue.push(waiter);
            this.pump(scope);
        });
    }
    settle(ticket, answer) {
        ticket.scope.unsettled.delete(ticket);
        if (answer)
            this.read(ticket, answer);
        this.pump(ticket.scope);
    }
    pump(scope) {
        while (scope.queue.length > 0) {
            const [next] = scope.queue;
            const now = Date.now();
            let waitMs = 0;
            for (const bucket of scope.buckets.values())
                waitMs = Math.max(waitMs, bucket.waitMs(scope.costIn(bucket, next.rawTokens), now));
            if (waitMs > 0 && waitMs <= MAX_PACED_WAIT_MS) {
                this.wakeIn(scope, waitMs, now);
                return;
            }
            scope.queue.shift();
            const at = Math.max(now, this.lastAt + 0.001);
            this.lastAt = at;
            const spending = waitMs > 0 ? [] : [...scope.buckets.values()];
            const spends = new Map(spending.map((bucket) => [bucket, bucket.spend(scope.costIn(bucket, next.rawTokens), at)]));
            const ticket = { at, scope, rawTokens: next.rawTokens, spends };
            scope.unsettled.add(ticket);
            next.admit(ticket);
        }
    }
    wakeIn(scope, ms, now) {
        const at = now + Math.ceil(ms);
        if (at >= scope.wakeAt && scope.wakeAt > now)
            return;
        scope.wakeAt = at;
        void (0, n8n_workflow_1.sleep)(Math.ceil(ms)).then(() => {
            if (scope.wakeAt === at)
                scope.wakeAt = Infinity;
            this.pump(scope);
        });
    }
    read(ticket, { statusCode, headers, body }) {
        const readings = (0, quotaHeaders_1.quotaReadings)(headers);
        if (readings.length === 0)
            return;
        const { scope } = ticket;
        const refused = statusCode === 429 && readings.some((reading) => reading.resetAt !== undefined);
        const costs = new Map([...ticket.spends].map(([bucket, spend]) => [bucket, spend.cost]));
        if (refused)
            for (const spend of ticket.spends.values())
                spend.cost = 0;
        else
            this.learnTokens(ticket, body);
        const now = Date.now();
        for (const reading of readings) {
            let bucket = scope.buckets.get(reading.type);
            if (!bucket)
                bucket = this.firstSeen(scope, reading, ticket);
            if (refused && reading.resetAt !== undefined && bucket.type !== 'requests')
                this.learnTokensFromRefusal(ticket, reading);
            if (refused && reading.resetAt !== undefined)
                bucket.refused(reading, costs.get(bucket) ?? scope.costIn(bucket, ticket.rawTokens), ticket.at, now);
            else
                bucket.observe(reading, ticket.at, now);
        }
    }
    firstSeen(scope, reading, ticket) {
        const bucket = new quotaBucket_1.QuotaBucket(reading, ticket.at);
        scope.buckets.set(reading.type, bucket);
        for (const other of scope.unsettled) {
            if (other.at > ticket.at)
                other.spends.set(bucket, bucket.spentEarlier(scope.costIn(bucket, other.rawTokens), other.at));
        }
        return bucket;
    }
    learnTokensFromRefusal({ scope, rawTokens }, { remaining }) {
        if (scope.usageSeen || remaining < Math.ceil(rawTokens * (scope.tokenRatio ?? 1)))
            return;
        scope.tokenRatio = (1.25 * (remaining + 1)) / rawTokens;
    }
    learnTokens({ scope, rawTokens, spends }, body) {
        const usage = (0, input_1.isPlainObject)(body) && (0, input_1.isPlainObject)(body.usage) ? body.usage : undefined;
        const total = usage?.total_tokens;
        if (typeof total !== 'number' || total <= 0)
            return;
        const ratio = total / rawTokens;
        scope.tokenRatio = scope.usageSeen && scope.tokenRatio !== undefined ? 0.8 * scope.tokenRatio + 0.2 * ratio : ratio;
        scope.usageSeen = true;
        for (const [bucket, spend] of spends)
            if (bucket.type !== 'requests')
                spend.cost = total;
    }
}
exports.QuotaPacer = QuotaPacer;
const pacers = new Map();
function pacerFor(credentialKey) {
    let pacer = pacers.get(credentialKey);
    if (!pacer) {
        pacer = new QuotaPacer();
        pacers.set(credentialKey, pacer);
    }
    return pacer;
}
function answerOf(response) {
    if (!(0, input_1.isPlainObject)(response) || typeof response.statusCode !== 'number')
        return undefined;
    return { statusCode: response.statusCode, headers: response.headers, body: response.body };
}
async function sendPaced(pacer, options, signal, send) {
    const ticket = await pacer.admit(options, signal);
    let answer;
    try {
        const response = await send();
        answer = answerOf(response);
        return response;
    }
    finally {
        pacer.settle(ticket, answer);
    }
}
//# sourceMappingURL=pacer.js.map