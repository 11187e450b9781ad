/**
 * DigitalOcean's quota headers, read from an answer: for each limit type, the bucket's capacity
 * (`x-ratelimit-limit-<type>`), what is left after this request was evaluated (`remaining`) and
 * when the bucket will again hold a request of this one's size (`reset`, a Unix time in
 * seconds; 0 when there was room).
 */
export const QUOTA_TYPES = ['requests', 'tokens-per-minute', 'tokens-per-day'] as const;

export type QuotaType = (typeof QUOTA_TYPES)[number];

export interface QuotaReading {
	type: QuotaType;
	limit: number;
	remaining: number;
	/** When the bucket will again hold a request of this size (ms since the epoch); undefined when there was room. */
	resetAt?: number;
}

/** A header's value as a string (the first, when repeated), or undefined. */
export function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const value = headers?.[name];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' || typeof first === 'number' ? String(first).trim() : undefined;
}

function numberIn(headers: Record<string, unknown> | undefined, name: string): number | undefined {
	const text = headerValue(headers, name);
	if (text === undefined || text === '') return undefined;
	const value = Number(text);
	return Number.isFinite(value) ? value : undefined;
}

/** The quota buckets an answer announces: each type with both a capacity and what remains. */
export function quotaReadings(headers: Record<string, unknown> | undefined): QuotaReading[] {
	const readings: QuotaReading[] = [];
	for (const type of QUOTA_TYPES) {
		const limit = numberIn(headers, `x-ratelimit-limit-${type}`);
		const remaining = numberIn(headers, `x-ratelimit-remaining-${type}`);
		if (limit === undefined || remaining === undefined || limit <= 0) continue;
		const reset = numberIn(headers, `x-ratelimit-reset-${type}`);
		readings.push({ type, limit, remaining: Math.max(0, remaining), resetAt: reset !== undefined && reset > 0 ? reset * 1000 : undefined });
	}
	return readings;
}

/** Whether a 429 came from a quota bucket its readings announce (one with a reset time), not from a cap on requests at once. */
export function isQuotaRefusal(statusCode: number | undefined, readings: QuotaReading[]): boolean {
	return statusCode === 429 && readings.some((reading) => reading.resetAt !== undefined);
}

/** isQuotaRefusal, from the answer's headers. */
export function refusedByQuota(statusCode: number | undefined, headers: Record<string, unknown> | undefined): boolean {
	return isQuotaRefusal(statusCode, quotaReadings(headers));
}
