// DigitalOcean-style rate limiting: a cap on requests in flight and on requests per second,
// both answered with 429, `Retry-After` and the `x-ratelimit-*` headers.

/** Requests per one-second window; `limit` Infinity means no limit. */
class RateWindow {
	constructor(limit) {
		this.limit = limit;
		this.second = 0;
		this.used = 0;
	}

	/** Takes one request from the current second; false when the second is used up. */
	take(nowMs) {
		const second = Math.floor(nowMs / 1000);
		if (second !== this.second) {
			this.second = second;
			this.used = 0;
		}
		if (this.used >= this.limit) return false;
		this.used += 1;
		return true;
	}

	/** The x-ratelimit-*-requests headers; reset is a Unix time in seconds, 0 while capacity remains. */
	headers() {
		if (!Number.isFinite(this.limit)) return {};
		const remaining = Math.max(0, this.limit - this.used);
		return {
			'x-ratelimit-limit-requests': String(this.limit),
			'x-ratelimit-remaining-requests': String(remaining),
			'x-ratelimit-reset-requests': String(remaining > 0 ? 0 : this.second + 1),
		};
	}
}


/**
 * A quota bucket as DigitalOcean describes its own: it refills continuously (`perSecond`) up to
 * `capacity`; a request is admitted when the bucket holds its cost. `type` names its headers:
 * x-ratelimit-{limit,remaining,reset}-<type>, reset a Unix time in whole seconds when the bucket
 * will hold a request of this size again, 0 when it did.
 */
class QuotaBucket {
	constructor(type, { capacity, perSecond }, nowMs) {
		this.type = type;
		this.capacity = capacity;
		this.perSecond = perSecond;
		this.level = capacity;
		this.at = nowMs;
	}

	refill(nowMs) {
		this.level = Math.min(this.capacity, this.level + (this.perSecond * (nowMs - this.at)) / 1000);
		this.at = nowMs;
	}

	holds(cost, nowMs) {
		this.refill(nowMs);
		return this.level >= Math.min(cost, this.capacity);
	}

	headers(cost, admitted, nowMs) {
		const missing = Math.min(cost, this.capacity) - this.level;
		const reset = admitted || missing <= 0 ? 0 : Math.ceil((nowMs + (missing / this.perSecond) * 1000) / 1000);
		return {
			[`x-ratelimit-limit-${this.type}`]: String(this.capacity),
			[`x-ratelimit-remaining-${this.type}`]: String(Math.max(0, Math.floor(this.level))),
			[`x-ratelimit-reset-${this.type}`]: String(reset),
		};
	}
}

/**
 * The key's quota: a requests bucket and a tokens bucket (either may be absent). `take` admits a
 * request when every bucket holds it, and says what the answer's headers announce.
 */
class Quota {
	constructor({ requests, tokens } = {}, nowMs = Date.now()) {
		this.buckets = [];
		if (requests) this.buckets.push({ bucket: new QuotaBucket('requests', requests, nowMs), cost: () => 1 });
		if (tokens) this.buckets.push({ bucket: new QuotaBucket('tokens-per-minute', tokens, nowMs), cost: (tokens) => tokens });
	}

	/** Admits a request of `tokens` (or not): `{ admitted, headers }`. */
	take(tokens, nowMs) {
		const admitted = this.buckets.every(({ bucket, cost }) => bucket.holds(cost(tokens), nowMs));
		if (admitted) for (const { bucket, cost } of this.buckets) bucket.level -= cost(tokens);
		const headers = Object.assign({}, ...this.buckets.map(({ bucket, cost }) => bucket.headers(cost(tokens), admitted, nowMs)));
		return { admitted, headers };
	}
}

module.exports = { RateWindow, Quota };
