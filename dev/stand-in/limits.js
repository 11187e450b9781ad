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

module.exports = { RateWindow };
