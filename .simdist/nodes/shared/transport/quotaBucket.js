"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.QuotaBucket = void 0;
const FIRST_GUESS_REFILL_MS = 1_000;
const MIN_SPAN_MS = 2_000;
const MAX_SPAN_MS = 5_000;
const READABLE_RESET_MS = 2_000;
const STALE_MS = 60_000;
const NEW_MEASUREMENT_WEIGHT = 0.3;
class QuotaBucket {
    type;
    capacity;
    level;
    levelAt;
    perMs;
    measured = false;
    cutAt = -Infinity;
    anchoredAt;
    spends = [];
    readings = [];
    constructor({ type, limit, remaining }, at) {
        this.type = type;
        this.capacity = limit;
        this.level = remaining;
        this.levelAt = at;
        this.anchoredAt = at;
        this.perMs = limit / FIRST_GUESS_REFILL_MS;
        this.readings.push({ at, remaining });
    }
    get refillPerSecond() {
        return this.perMs * 1000;
    }
    levelAtTime(now) {
        return Math.min(this.capacity, this.level + this.perMs * Math.max(0, now - this.levelAt));
    }
    waitMs(cost, now) {
        const needed = Math.min(cost, this.capacity);
        const level = this.levelAtTime(now);
        return level >= needed ? 0 : (needed - level) / this.perMs;
    }
    spend(cost, at) {
        this.level = this.levelAtTime(at) - cost;
        this.levelAt = at;
        const spend = { at, cost };
        this.spends.push(spend);
        this.forget(at);
        return spend;
    }
    spentEarlier(cost, at) {
        const spend = { at, cost };
        const after = this.spends.findIndex((other) => other.at > at);
        this.spends.splice(after === -1 ? this.spends.length : after, 0, spend);
        if (at > this.anchoredAt)
            this.level -= cost;
        return spend;
    }
    observe({ limit, remaining }, at, now) {
        this.capacity = limit;
        this.measureRefill(at, remaining);
        if (at < this.anchoredAt)
            return;
        this.anchoredAt = at;
        this.level = Math.min(this.capacity, remaining + this.perMs * Math.max(0, now - at) - this.spentBetween(at, Infinity));
        this.levelAt = now;
    }
    refused(reading, cost, at, now) {
        const waitMs = (reading.resetAt ?? now) - at;
        const missing = cost - reading.remaining;
        if (waitMs >= READABLE_RESET_MS && missing > 0)
            this.perMs = Math.min(this.perMs, missing / waitMs);
        else if (at > this.cutAt)
            this.perMs *= 1 - NEW_MEASUREMENT_WEIGHT;
        this.cutAt = Math.max(this.cutAt, now);
        this.observe(reading, at, now);
    }
    spentBetween(from, to) {
        let total = 0;
        for (const spend of this.spends)
            if (spend.at > from && spend.at <= to)
                total += spend.cost;
        return total;
    }
    measureRefill(at, remaining) {
        const newest = this.readings.length === 0 || at >= this.readings[this.readings.length - 1].at;
        if (!newest)
            return;
        this.readings.push({ at, remaining });
        while (this.readings.length > 0 && at - this.readings[0].at > MAX_SPAN_MS)
            this.readings.shift();
        const from = this.readings[0];
        if (at - from.at < MIN_SPAN_MS || from.remaining >= this.capacity - 1 || remaining >= this.capacity - 1)
            return;
        const measured = (remaining - from.remaining + this.spentBetween(from.at, at)) / (at - from.at);
        if (measured <= 0)
            return;
        this.perMs = this.measured ? (1 - NEW_MEASUREMENT_WEIGHT) * this.perMs + NEW_MEASUREMENT_WEIGHT * measured : measured;
        this.measured = true;
    }
    forget(now) {
        const horizon = Math.max(now - STALE_MS, Math.min(this.readings[0]?.at ?? now, this.anchoredAt));
        while (this.spends.length > 0 && this.spends[0].at < horizon)
            this.spends.shift();
    }
}
exports.QuotaBucket = QuotaBucket;
//# sourceMappingURL=quotaBucket.js.map