import type { QuotaReading, QuotaType } from './quotaHeaders';

/** What one request took from a bucket when it was started; 0 once the API refused it. */
export interface Spend {
	at: number;
	cost: number;
}

/**
 * Until the answers show how fast a bucket refills, it is taken to refill its whole capacity in
 * this long: optimistic, so the node finds out from the API rather than wait on a guess. The
 * first refusal (its reset time) or the refill seen between two answers corrects it.
 */
const FIRST_GUESS_REFILL_MS = 1_000;

/** The refill rate is measured between answers to requests started at least this far apart... */
const MIN_SPAN_MS = 2_000;

/** ...and no further apart than this: a recent rate, and a short history to keep. */
const MAX_SPAN_MS = 5_000;

/** A reset this far off is read as the API's own estimate of the refill (it is given in whole seconds). */
const READABLE_RESET_MS = 2_000;

/** Spends older than this are dropped even when no answer has anchored the level since. */
const STALE_MS = 60_000;

/** How much of each new measurement of the refill rate goes into the estimate. */
const NEW_MEASUREMENT_WEIGHT = 0.3;

/**
 * The node's picture of one of DigitalOcean's quota buckets: its capacity, its level now and how
 * fast it refills. Every answer that announces the bucket anchors the level (what remained just
 * after its request was evaluated, plus the refill since, minus what requests started later
 * took); the refill rate is measured from how the level moved between answers, given what this
 * node spent in between. Requests by other clients of the key show up as a slower refill: the
 * node then sends less, never more, than the key allows.
 */
export class QuotaBucket {
	readonly type: QuotaType;

	capacity: number;

	private level: number;

	private levelAt: number;

	/** Refill per millisecond. */
	private perMs: number;

	private measured = false;

	/** When the estimate was last cut for a refusal. */
	private cutAt = -Infinity;

	/** When the last answer that anchored the level was started: an older answer does not. */
	private anchoredAt: number;

	/** This node's spends, oldest first. */
	private readonly spends: Spend[] = [];

	/** What remained after requests started at `at`, oldest first: the refill is measured between them. */
	private readonly readings: Array<{ at: number; remaining: number }> = [];

	constructor({ type, limit, remaining }: QuotaReading, at: number) {
		this.type = type;
		this.capacity = limit;
		this.level = remaining;
		this.levelAt = at;
		this.anchoredAt = at;
		this.perMs = limit / FIRST_GUESS_REFILL_MS;
		this.readings.push({ at, remaining });
	}

	/** Refill per second, as estimated now (for tests and the benchmark). */
	get refillPerSecond(): number {
		return this.perMs * 1000;
	}

	private levelAtTime(now: number): number {
		return Math.min(this.capacity, this.level + this.perMs * Math.max(0, now - this.levelAt));
	}

	/** How long until the bucket holds `cost` (at most its capacity); 0 when it does now. */
	waitMs(cost: number, now: number): number {
		const needed = Math.min(cost, this.capacity);
		const level = this.levelAtTime(now);
		return level >= needed ? 0 : (needed - level) / this.perMs;
	}

	/** Takes `cost` for a request started at `at` (no earlier than the last spend). */
	spend(cost: number, at: number): Spend {
		this.level = this.levelAtTime(at) - cost;
		this.levelAt = at;
		const spend = { at, cost };
		this.spends.push(spend);
		this.forget(at);
		return spend;
	}

	/** Counts a request that was already under way when the bucket was first seen. */
	spentEarlier(cost: number, at: number): Spend {
		const spend = { at, cost };
		const after = this.spends.findIndex((other) => other.at > at);
		this.spends.splice(after === -1 ? this.spends.length : after, 0, spend);
		if (at > this.anchoredAt) this.level -= cost;
		return spend;
	}

	/** An answer to a request started at `at` announced this bucket; `now` is when it came. */
	observe({ limit, remaining }: QuotaReading, at: number, now: number): void {
		this.capacity = limit;
		this.measureRefill(at, remaining);
		if (at < this.anchoredAt) return;
		this.anchoredAt = at;
		// While the node keeps it in use the bucket does not fill up in between: the refill and
		// the later spends add up before the capacity caps them.
		this.level = Math.min(this.capacity, remaining + this.perMs * Math.max(0, now - at) - this.spentBetween(at, Infinity));
		this.levelAt = now;
	}

	/**
	 * The API refused a request of `cost` started at `at` for this bucket: `resetAt` is when it
	 * projects room for it. Far enough off, that is the refill rate itself; a near one, given in
	 * whole seconds, only says the estimate was too high.
	 */
	refused(reading: QuotaReading, cost: number, at: number, now: number): void {
		const waitMs = (reading.resetAt ?? now) - at;
		const missing = cost - reading.remaining;
		if (waitMs >= READABLE_RESET_MS && missing > 0) this.perMs = Math.min(this.perMs, missing / waitMs);
		// Once per overrun: the requests that were already under way when it was cut say nothing new.
		else if (at > this.cutAt) this.perMs *= 1 - NEW_MEASUREMENT_WEIGHT;
		this.cutAt = Math.max(this.cutAt, now);
		this.observe(reading, at, now);
	}

	/** What this node's requests started in (from, to] took. */
	private spentBetween(from: number, to: number): number {
		let total = 0;
		for (const spend of this.spends) if (spend.at > from && spend.at <= to) total += spend.cost;
		return total;
	}

	/**
	 * Measures the refill between the earliest reading within the span and this one: what
	 * remains now, less what remained then, plus what was spent in between. Readings of a full
	 * bucket say nothing of the refill (it stopped at the top).
	 */
	private measureRefill(at: number, remaining: number): void {
		const newest = this.readings.length === 0 || at >= this.readings[this.readings.length - 1].at;
		if (!newest) return;
		this.readings.push({ at, remaining });
		while (this.readings.length > 0 && at - this.readings[0].at > MAX_SPAN_MS) this.readings.shift();
		const from = this.readings[0];
		if (at - from.at < MIN_SPAN_MS || from.remaining >= this.capacity - 1 || remaining >= this.capacity - 1) return;
		const measured = (remaining - from.remaining + this.spentBetween(from.at, at)) / (at - from.at);
		if (measured <= 0) return;
		this.perMs = this.measured ? (1 - NEW_MEASUREMENT_WEIGHT) * this.perMs + NEW_MEASUREMENT_WEIGHT * measured : measured;
		this.measured = true;
	}

	/** Drops spends older than both the level's anchor and the earliest reading kept. */
	private forget(now: number): void {
		// A picture a minute old is stale anyway: no spend is kept longer, whatever the answers do.
		const horizon = Math.max(now - STALE_MS, Math.min(this.readings[0]?.at ?? now, this.anchoredAt));
		while (this.spends.length > 0 && this.spends[0].at < horizon) this.spends.shift();
	}
}
