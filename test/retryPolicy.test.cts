import {
	decideRetry,
	gaveUpNote,
	isRetryableStatus,
	MAX_WAIT_MS,
	wasTurnedAway,
} from '../nodes/shared/transport/retryPolicy';

// DigitalOcean's documented client policy, decided without waiting: fixed clock and jitter.
const now = 1_750_000_000_000;
const nowSeconds = now / 1000;
const noJitter = () => 0;
const decide = (failure: Parameters<typeof decideRetry>[0], retriesDone = 0, maxRetries = 5) =>
	decideRetry(failure, retriesDone, maxRetries, now, noJitter);

describe('the retry policy', () => {
	it.each([400, 401, 403, 404, 422, 501, 505])('never retries %s', (statusCode) => {
		expect(decide({ statusCode, headers: { 'retry-after': '1' } })).toEqual({
			retry: false,
			reason: 'not retryable',
		});
	});

	it.each([408, 429, 500, 502, 503, 504])('retries %s', (statusCode) => {
		expect(decide({ statusCode })).toMatchObject({ retry: true });
	});

	it.each(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE'])(
		'retries a %s network failure',
		(networkCode) => {
			expect(decide({ networkCode })).toMatchObject({ retry: true, basis: 'backoff' });
		},
	);

	it.each(['ENOTFOUND', 'ERR_CANCELED', undefined])('does not retry a %s failure', (networkCode) => {
		expect(decide({ networkCode })).toEqual({ retry: false, reason: 'not retryable' });
	});

	// Retry-After waits get the same 250–500 ms of jitter as the reset headers: 250 with noJitter.
	it('lets Retry-After win over the rate-limit reset headers, plus jitter', () => {
		const headers = {
			'retry-after': '3',
			'x-ratelimit-reset-requests': String(nowSeconds + 10),
		};
		expect(decide({ statusCode: 429, headers })).toEqual({ retry: true, waitMs: 3250, basis: 'retry-after' });
	});

	it('reads Retry-After given as an HTTP date', () => {
		const headers = { 'retry-after': new Date(now + 7000).toUTCString() };
		expect(decide({ statusCode: 503, headers })).toEqual({ retry: true, waitMs: 7250, basis: 'retry-after' });
	});

	it('waits for the soonest non-zero rate-limit reset, plus jitter', () => {
		const headers = {
			'x-ratelimit-reset-requests': String(nowSeconds + 5),
			'x-ratelimit-reset-tokens-per-minute': String(nowSeconds + 2),
			'x-ratelimit-reset-tokens-per-day': '0',
		};
		expect(decide({ statusCode: 429, headers })).toEqual({
			retry: true,
			waitMs: 2250,
			basis: 'rate-limit reset',
		});
		expect(decideRetry({ statusCode: 429, headers }, 0, 5, now, () => 0.999)).toEqual({
			retry: true,
			waitMs: 2500,
			basis: 'rate-limit reset',
		});
	});

	it('waits at least a second for a reset that is due now', () => {
		const headers = { 'x-ratelimit-reset-requests': String(nowSeconds) };
		expect(decide({ statusCode: 429, headers })).toEqual({ retry: true, waitMs: 1250, basis: 'rate-limit reset' });
	});

	it('backs off exponentially from 500 ms when there is no header, capped at a minute', () => {
		const waits = [0, 1, 2, 3, 10].map((retriesDone) => decide({ statusCode: 503 }, retriesDone, 20));
		expect(waits).toEqual([
			{ retry: true, waitMs: 750, basis: 'backoff' },
			{ retry: true, waitMs: 1250, basis: 'backoff' },
			{ retry: true, waitMs: 2250, basis: 'backoff' },
			{ retry: true, waitMs: 4250, basis: 'backoff' },
			{ retry: true, waitMs: MAX_WAIT_MS, basis: 'backoff' },
		]);
	});

	it('stops after the maximum number of retries', () => {
		expect(decide({ statusCode: 503 }, 5, 5)).toEqual({ retry: false, reason: 'no retries left' });
		expect(decide({ statusCode: 503 }, 0, 0)).toEqual({ retry: false, reason: 'no retries left' });
	});

	it('gives up at once when the API asks to wait longer than a minute', () => {
		expect(decide({ statusCode: 429, headers: { 'retry-after': '3600' } })).toEqual({
			retry: false,
			reason: 'wait too long',
			waitMs: 3_600_000,
		});
	});

	it('spreads Retry-After waits over 250 to 500 ms', () => {
		const waits = [0, 0.5, 0.999].map((r) => decideRetry({ statusCode: 429, headers: { 'retry-after': '1' } }, 0, 5, now, () => r));
		expect(waits.map((decision) => (decision as { waitMs: number }).waitMs)).toEqual([1250, 1375, 1500]);
	});

	it('reads a header given as a list', () => {
		expect(decide({ statusCode: 429, headers: { 'retry-after': ['2'] } })).toMatchObject({ waitMs: 2250 });
	});
});

describe('the one rule both nodes use', () => {
	it('names the statuses worth another try', () => {
		const statuses = Array.from({ length: 500 }, (_, index) => 100 + index).filter(isRetryableStatus);
		expect(statuses).toEqual([408, 429, 500, 502, 503, 504]);
	});

	it('says how many attempts were made, or nothing after a single one', () => {
		expect(gaveUpNote(3, { retry: false, reason: 'no retries left' })).toBe(' (gave up after 3 attempts)');
		expect(gaveUpNote(1, { retry: false, reason: 'wait too long', waitMs: 3_600_000 })).toBe(
			' (gave up after 1 attempt) (the API asked to wait 3600 s; this node waits at most 60 s)',
		);
		expect(gaveUpNote(1, { retry: false, reason: 'no retries left' })).toBe('');
		expect(gaveUpNote(1, { retry: false, reason: 'not retryable' })).toBe('');
		// A retried request that then got an answer not worth retrying still says it was retried.
		expect(gaveUpNote(2, { retry: false, reason: 'not retryable' })).toBe(' (gave up after 2 attempts)');
		expect(gaveUpNote(2, { retry: true, waitMs: 500, basis: 'backoff' })).toBe('');
	});

	it('tells a request certainly not carried out (turned away, no connection) from one that may have been', () => {
		expect([{ statusCode: 429 }, { networkCode: 'ECONNREFUSED' }, { networkCode: 'EAI_AGAIN' }].map(wasTurnedAway)).toEqual([true, true, true]);
		expect([{ statusCode: 502 }, { statusCode: 503 }, { statusCode: 408 }, { networkCode: 'ECONNRESET' }, { networkCode: 'ETIMEDOUT' }].map(wasTurnedAway)).toEqual([
			false,
			false,
			false,
			false,
			false,
		]);
		expect(gaveUpNote(1, { retry: false, reason: 'may have been carried out' })).toBe(' (not sent again: the API may have carried it out)');
		expect(gaveUpNote(3, { retry: false, reason: 'may have been carried out' })).toBe(' (not sent again: the API may have carried it out; 3 attempts)');
	});
});
