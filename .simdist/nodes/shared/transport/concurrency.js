"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AdaptiveSlots = exports.FIRST_ROUND = exports.DEFAULT_MAX_CONCURRENT_REQUESTS = void 0;
const n8n_workflow_1 = require("n8n-workflow");
exports.DEFAULT_MAX_CONCURRENT_REQUESTS = 64;
exports.FIRST_ROUND = 8;
const SILENT_GROWTH_MS = 250;
const SILENT_GROWTH_STEP = exports.FIRST_ROUND / 2;
const ROUNDS_BEFORE_PROBE = 4;
const ROUNDS_LEFT_FOR_PROBE = 2;
class AdaptiveSlots {
    max;
    waitingBefore;
    governed;
    learnedLimit;
    capped = false;
    heardBack = false;
    growing = false;
    active = 0;
    answeredSinceChange = 0;
    roundMs;
    lastRefusalWaitMs = 1000;
    pausedUntil = 0;
    retries = [];
    fresh = [];
    constructor(max, waitingBefore = () => 0, governed = () => false) {
        this.max = max;
        this.waitingBefore = waitingBefore;
        this.governed = governed;
        this.learnedLimit = Math.min(max, exports.FIRST_ROUND);
    }
    get limit() {
        return this.governed() && !this.capped ? this.max : this.learnedLimit;
    }
    set limit(value) {
        this.learnedLimit = value;
    }
    get current() {
        return this.limit;
    }
    get waiting() {
        return this.retries.length + this.fresh.length;
    }
    pause(ms) {
        const until = Date.now() + ms;
        if (until <= this.pausedUntil)
            return;
        this.pausedUntil = until;
        this.resumeAfter(ms);
    }
    resumeAfter(ms) {
        void (0, n8n_workflow_1.sleep)(ms).then(() => {
            const left = this.pausedUntil - Date.now();
            if (left > 0)
                this.resumeAfter(left);
            else
                this.grantWaiting();
        });
    }
    get paused() {
        return Date.now() < this.pausedUntil;
    }
    waitedAfterRefusal(ms) {
        this.lastRefusalWaitMs = ms;
    }
    async acquire(signal, { retry = false } = {}) {
        signal?.throwIfAborted();
        if (!this.paused && this.active < this.limit && this.retries.length === 0 && (retry || this.fresh.length === 0)) {
            return this.grant();
        }
        const queue = retry ? this.retries : this.fresh;
        this.growWhileSilent();
        await new Promise((resolve, reject) => {
            const onAbort = () => {
                queue.splice(queue.indexOf(granted), 1);
                reject(signal?.reason);
            };
            const granted = () => {
                signal?.removeEventListener('abort', onAbort);
                resolve();
            };
            queue.push(granted);
            signal?.addEventListener('abort', onAbort, { once: true });
        });
        return this.slotFor(Date.now());
    }
    grant() {
        this.active += 1;
        return this.slotFor(Date.now());
    }
    slotFor(startedAt) {
        let released = false;
        return {
            release: (outcome) => {
                if (released)
                    return { overreached: false };
                released = true;
                if (outcome !== 'not sent')
                    this.heardBack = true;
                const overreached = this.learn(outcome, Date.now() - startedAt);
                this.active -= 1;
                this.grantWaiting();
                return { overreached };
            },
        };
    }
    learn(outcome, durationMs) {
        if (outcome === 'turned away') {
            const others = this.active - 1;
            this.limit = Math.min(this.limit, Math.max(1, others));
            this.capped = true;
            this.answeredSinceChange = 0;
            return others > 0;
        }
        if (outcome !== 'answered')
            return false;
        this.roundMs = this.roundMs === undefined ? durationMs : 0.8 * this.roundMs + 0.2 * durationMs;
        if (!this.capped) {
            this.limit = Math.min(this.max, this.learnedLimit + 1);
            return false;
        }
        this.answeredSinceChange += 1;
        if (this.limit < this.max && this.answeredSinceChange >= this.limit * ROUNDS_BEFORE_PROBE && this.probeWouldPay()) {
            this.limit += 1;
            this.answeredSinceChange = 0;
        }
        return false;
    }
    probeWouldPay() {
        const round = Math.max(1, this.roundMs ?? 1);
        const roundsWaiting = (this.waiting + this.waitingBefore()) / this.limit;
        const roundsForARefusedProbe = (this.lastRefusalWaitMs + round) / round;
        return roundsWaiting > ROUNDS_LEFT_FOR_PROBE * roundsForARefusedProbe;
    }
    growWhileSilent() {
        if (this.growing || this.heardBack || this.capped || this.learnedLimit >= this.max)
            return;
        this.growing = true;
        void (0, n8n_workflow_1.sleep)(SILENT_GROWTH_MS).then(() => {
            this.growing = false;
            if (this.heardBack || this.capped || this.waiting === 0)
                return;
            this.learnedLimit = Math.min(this.max, this.learnedLimit + SILENT_GROWTH_STEP);
            this.grantWaiting();
            this.growWhileSilent();
        });
    }
    grantWaiting() {
        while (this.active < this.limit && !this.paused) {
            const next = this.retries.shift() ?? this.fresh.shift();
            if (!next)
                return;
            this.active += 1;
            next();
        }
    }
}
exports.AdaptiveSlots = AdaptiveSlots;
//# sourceMappingURL=concurrency.js.map