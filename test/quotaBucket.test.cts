// The pacer's picture of a quota bucket, on its own: readings in, waits out, on a clock the test
// sets (no waiting, no timing).
import { QuotaPacer } from '../nodes/shared/transport/pacer';
import { QuotaBucket } from '../nodes/shared/transport/quotaBucket';
import { quotaReadings, refusedByQuota } from '../nodes/shared/transport/quotaHeaders';

const reading = (remaining: number, limit = 10, resetAt?: number) => ({ type: 'requests' as const, limit, remaining, resetAt });

describe("DigitalOcean's quota headers", () => {
	it('are read per limit type, with the reset as a time in ms and 0 as none', () => {
		const headers = {
			'x-ratelimit-limit-requests': '600',
			'x-ratelimit-remaining-requests': '599',
			'x-ratelimit-reset-requests': '0',
			'x-ratelimit-limit-tokens-per-minute': ['100000'],
			'x-ratelimit-remaining-tokens-per-minute': '0',
			'x-ratelimit-reset-tokens-per-minute': '1796600000',
			// Half a bucket says nothing.
			'x-ratelimit-limit-tokens-per-day': '5000000',
		};
		expect(quotaReadings(headers)).toEqual([
			{ type: 'requests', limit: 600, remaining: 599, resetAt: undefined },
			{ type: 'tokens-per-minute', limit: 100000, remaining: 0, resetAt: 1796600000000 },
		]);
		expect(refusedByQuota(429, headers)).toBe(true);
		expect(refusedByQuota(200, headers)).toBe(false);
		// A 429 for a cap on requests at once announces no bucket with a reset.
		expect(refusedByQuota(429, { 'retry-after': '1' })).toBe(false);
		expect(quotaReadings({ 'x-ratelimit-limit-requests': 'many', 'x-ratelimit-remaining-requests': '3' })).toEqual([]);
	});
});

describe('a quota bucket', () => {
	it('lets a request go while it holds it, and says how long until it holds the next', () => {
		const bucket = new QuotaBucket(reading(2), 0);
		expect(bucket.waitMs(1, 0)).toBe(0);
		bucket.spend(1, 0);
		bucket.spend(1, 0);
		// First guess: the whole capacity (10) refills in a second, one request per 100 ms.
		expect(bucket.waitMs(1, 0)).toBeCloseTo(100);
		expect(bucket.waitMs(1, 100)).toBe(0);
	});

	it('measures the refill from how what remains moved between answers, given what it spent', () => {
		const bucket = new QuotaBucket(reading(0), 0);
		// Over 2 s this node spent 4 and the API says 2 remain: it refilled 6, 3 a second.
		for (const at of [500, 1000, 1500, 2000]) bucket.spend(1, at);
		bucket.observe(reading(2), 2000, 2000);
		expect(bucket.refillPerSecond).toBeCloseTo(3);
		// And the level is what the API said, plus the refill since, less what was spent after.
		bucket.spend(1, 2100);
		bucket.observe(reading(2), 2000, 2100);
		expect(bucket.waitMs(3, 2100)).toBeCloseTo(((3 - (2 + 0.3 - 1)) / 3) * 1000);
	});

	it('trusts a far reset as the refill rate, and cuts its estimate only once for the requests already under way', () => {
		const far = new QuotaBucket(reading(0), 0);
		// Refused at 1 s; the API projects room for it at 7 s: one request per 6 s.
		far.refused(reading(0, 10, 7000), 1, 1000, 1000);
		expect(far.refillPerSecond).toBeCloseTo(1 / 6);

		const near = new QuotaBucket(reading(0), 0);
		near.refused(reading(0, 10, 2000), 1, 10, 1500);
		const once = near.refillPerSecond;
		expect(once).toBeCloseTo(7);
		// Started before that cut: no new information.
		near.refused(reading(0, 10, 2000), 1, 20, 1510);
		expect(near.refillPerSecond).toBe(once);
	});
});

describe('a credential\'s pacer', () => {
	const chat = (model: string) => ({ method: 'POST' as const, url: '/v1/chat/completions', body: { model, messages: [{ role: 'user', content: 'hi' }] } });
	const emptyBucket = { 'x-ratelimit-limit-requests': '2', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '0' };
	/** Whether the promise has settled by the time the microtasks queued now have run. */
	const settledNow = async (promise: Promise<unknown>) => await Promise.race([promise.then(() => true), new Promise((resolve) => setImmediate(() => resolve(false)))]);

	it("keeps each model's bucket apart: one model's empty bucket holds its own requests, not another's", async () => {
		const pacer = new QuotaPacer();
		const first = await pacer.admit(chat('model-a'));
		pacer.settle(first, { statusCode: 200, headers: emptyBucket });
		expect(pacer.governs).toBe(true);

		const stop = new AbortController();
		const held = pacer.admit(chat('model-a'), stop.signal);
		expect(await settledNow(held)).toBe(false);
		expect(await settledNow(pacer.admit(chat('model-b')))).toBe(true);
		stop.abort(new Error('stopped'));
		await expect(held).rejects.toThrow('stopped');
	});

	it("corrects each model's token count from its own answers' usage", async () => {
		const pacer = new QuotaPacer();
		const tokens = { 'x-ratelimit-limit-tokens-per-minute': '100000', 'x-ratelimit-remaining-tokens-per-minute': '90000', 'x-ratelimit-reset-tokens-per-minute': '0' };
		const a = await pacer.admit(chat('model-a'));
		// Model A's answers use 10 times the tokens its requests count: its next ones are counted so.
		pacer.settle(a, { statusCode: 200, headers: tokens, body: { usage: { total_tokens: a.rawTokens * 10 } } });
		const b = await pacer.admit(chat('model-b'));
		pacer.settle(b, { statusCode: 200, headers: tokens, body: { usage: { total_tokens: b.rawTokens } } });
		const [nextA, nextB] = [await pacer.admit(chat('model-a')), await pacer.admit(chat('model-b'))];
		expect([...nextA.spends.values()].map(({ cost }) => cost)).toEqual([Math.ceil(nextA.rawTokens * 10 * 1.02)]);
		expect([...nextB.spends.values()].map(({ cost }) => cost)).toEqual([Math.ceil(nextB.rawTokens * 1.02)]);
	});
});
