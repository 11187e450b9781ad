import { headerValue } from './quotaHeaders';

/**
 * When to send a failed request again, and how long to wait first: DigitalOcean's documented
 * client policy for its inference API, as a pure function of the failure and the attempt.
 */

export const DEFAULT_MAX_RETRIES = 5;

/** No single wait is longer: a limit that resets later fails the item now, saying when. */
export const MAX_WAIT_MS = 60_000;

// 408 too, as the OpenAI and DigitalOcean SDKs do: the server gave up waiting for the request.
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** Whether an answer with this status is worth sending again: a timeout, a rate limit or a passing server error. */
export function isRetryableStatus(statusCode: number): boolean {
	return RETRYABLE_STATUSES.has(statusCode);
}

/** Network failures worth another try: the connection dropped, was refused or timed out. */
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * Whether a failed request was certainly not carried out: the API turned it away (429) or no
 * connection was made. Any other failure (a 5xx, a timeout, a dropped connection) may come
 * after the API acted on it.
 */
export function wasTurnedAway({ statusCode, networkCode }: FailedAttempt): boolean {
	return statusCode === 429 || networkCode === 'ECONNREFUSED' || networkCode === 'EAI_AGAIN';
}

const RATE_LIMIT_RESET_HEADERS = [
	'x-ratelimit-reset-requests',
	'x-ratelimit-reset-tokens-per-minute',
	'x-ratelimit-reset-tokens-per-day',
];

export interface FailedAttempt {
	/** The HTTP status of the answer, when there was one. */
	statusCode?: number;
	/** The network error code, when there was no answer. */
	networkCode?: string;
	headers?: Record<string, unknown>;
}

export type RetryDecision =
	| { retry: true; waitMs: number; basis: 'retry-after' | 'rate-limit reset' | 'backoff' }
	| { retry: false; reason: 'not retryable' | 'no retries left' | 'may have been carried out' }
	| { retry: false; reason: 'wait too long'; waitMs: number };

/** Retry-After in milliseconds: seconds, or an HTTP date. */
function retryAfterMs(value: string | undefined, now: number): number | undefined {
	if (value === undefined || value === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The soonest non-zero x-ratelimit-reset-* (a Unix time in seconds), in ms from now. */
export function rateLimitResetMs(headers: Record<string, unknown> | undefined, now: number): number | undefined {
	const resets = RATE_LIMIT_RESET_HEADERS.map((name) => Number(headerValue(headers, name)))
		.filter((seconds) => Number.isFinite(seconds) && seconds > 0)
		.map((seconds) => seconds * 1000 - now);
	return resets.length > 0 ? Math.min(...resets) : undefined;
}

const jitter = (random: () => number) => 250 + Math.floor(random() * 251);

/**
 * Decides on a failed attempt. `retriesDone` counts the retries already made (0 after the
 * first attempt). Retry-After wins; then the soonest rate-limit reset, at least one second
 * away; either plus 250–500 ms of jitter; else exponential backoff from 500 ms with jitter, capped.
 */
export function decideRetry(
	failure: FailedAttempt,
	retriesDone: number,
	maxRetries: number,
	now: number = Date.now(),
	random: () => number = Math.random,
): RetryDecision {
	const retryable =
		failure.statusCode !== undefined
			? isRetryableStatus(failure.statusCode)
			: failure.networkCode !== undefined && RETRYABLE_NETWORK_CODES.has(failure.networkCode);
	if (!retryable) return { retry: false, reason: 'not retryable' };
	if (retriesDone >= maxRetries) return { retry: false, reason: 'no retries left' };

	const decide = (waitMs: number, basis: 'retry-after' | 'rate-limit reset' | 'backoff', spread = 0): RetryDecision =>
		waitMs > MAX_WAIT_MS
			? { retry: false, reason: 'wait too long', waitMs }
			: { retry: true, waitMs: Math.round(waitMs + spread), basis };

	// Jitter on top of Retry-After too: requests turned away together must not return as a wave.
	const retryAfter = retryAfterMs(headerValue(failure.headers, 'retry-after'), now);
	if (retryAfter !== undefined) return decide(retryAfter, 'retry-after', jitter(random));

	const reset = rateLimitResetMs(failure.headers, now);
	if (reset !== undefined) return decide(Math.max(reset, 1000) + jitter(random), 'rate-limit reset');

	return decide(Math.min(500 * 2 ** retriesDone + jitter(random), MAX_WAIT_MS), 'backoff');
}

/**
 * The end of the final error's message: how many attempts were made and, when the API asked
 * for a longer wait than allowed, that wait. Empty after a single attempt that was not refused
 * for its wait.
 */
export function gaveUpNote(attempts: number, decision: RetryDecision): string {
	if (decision.retry) return '';
	if (decision.reason === 'may have been carried out') {
		return ` (not sent again: the API may have carried it out${attempts > 1 ? `; ${attempts} attempts` : ''})`;
	}
	if (attempts === 1 && decision.reason !== 'wait too long') return '';
	const gaveUp = ` (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})`;
	if (decision.reason !== 'wait too long') return gaveUp;
	const asked = Math.ceil(decision.waitMs / 1000);
	return `${gaveUp} (the API asked to wait ${asked} s; this node waits at most ${MAX_WAIT_MS / 1000} s)`;
}
