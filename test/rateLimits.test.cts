// The node at its defaults (8 in flight, 5 retries) against an API that admits fewer requests at
// once, as DigitalOcean does with per-key limits it does not publish: no item may be lost and
// none sent twice, whatever it admits, however slow it answers, whether its 429s say
// Retry-After or only x-ratelimit-reset-requests. The time each run took is printed beside the
// ideal, ceil(N / admitted) × latency, for the README (timings are not asserted: see bench/).
import { chatParameters, MODEL_ID } from './harness/parameters.cjs';
import { runNode, testCredentials } from './harness/runNode.cjs';
import { startStandIn, type StandIn } from './harness/standIn.cjs';

import nock from 'nock';

const ITEMS = 60;
const ADMITTED = [1, 2, 3, 5];
const LATENCIES_MS = [250, 1000];
const HEADERS = ['Retry-After', 'reset only'] as const;

interface Cell {
	admitted: number;
	latencyMs: number;
	headers: (typeof HEADERS)[number];
}

const cells: Cell[] = ADMITTED.flatMap((admitted) =>
	LATENCIES_MS.flatMap((latencyMs) => HEADERS.map((headers) => ({ admitted, latencyMs, headers }))),
);

/** `count` prompts through the node at its defaults, against a stand-in of its own with `config`. */
async function runAgainstStandIn(config: Parameters<typeof startStandIn>[0], count: number) {
	const standIn: StandIn = await startStandIn(config);
	try {
		const input = Array.from({ length: count }, (_, i) => ({ json: { q: `question ${i}` } }));
		const started = Date.now();
		const run = await runNode({
			parameters: chatParameters({ prompt: '={{ $json.q }}' }),
			input,
			credentials: testCredentials({ baseUrl: standIn.url, apiKey: standIn.key }),
			onError: 'continueRegularOutput',
		});
		return { run, stats: standIn.stats(), elapsedMs: Date.now() - started, input };
	} finally {
		await standIn.close();
	}
}

async function runCell(cell: Cell) {
	const result = await runAgainstStandIn(
		{ maxConcurrent: cell.admitted, latencyMs: cell.latencyMs, retryAfter: cell.headers === 'Retry-After' },
		ITEMS,
	);
	return { cell, ...result, idealMs: Math.ceil(ITEMS / cell.admitted) * cell.latencyMs };
}

describe('an API that admits fewer requests than the node sends', () => {
	let results: Array<Awaited<ReturnType<typeof runCell>>>;

	beforeAll(async () => {
		nock.enableNetConnect('127.0.0.1');
		// The cells wait on their stand-ins far more than they compute, so they run side by side.
		results = await Promise.all(cells.map(runCell));
		console.log(
			[
				'admitted | latency | 429 says    | answered | lost | sent twice | 429s | time    | ideal   | × ideal',
				...results.map(({ cell, run, stats, elapsedMs, idealMs }) =>
					[
						String(cell.admitted).padStart(8),
						`${cell.latencyMs} ms`.padStart(7),
						cell.headers.padEnd(11),
						String(run.items.filter(({ json }) => json.content).length).padStart(8),
						String(run.items.filter(({ json }) => json.error).length).padStart(4),
						String(Object.values(stats.servedByPrompt).filter((count) => count > 1).length).padStart(10),
						String(stats.byStatus[429] ?? 0).padStart(4),
						`${(elapsedMs / 1000).toFixed(2)} s`.padStart(7),
						`${(idealMs / 1000).toFixed(2)} s`.padStart(7),
						(elapsedMs / idealMs).toFixed(2).padStart(7),
					].join(' | '),
				),
			].join('\n'),
		);
	}, 240_000);

	it.each(cells.map((cell) => [`${cell.admitted} admitted, ${cell.latencyMs} ms, ${cell.headers}`, cell]))(
		'%s: every item answered once, paired, none lost',
		(_, cell) => {
			const { run, stats, input } = results.find((result) => result.cell === cell)!;
			expect(run.error).toBeUndefined();
			expect(run.items.map(({ json, pairedItem }) => [json.content ?? json.error, pairedItem])).toEqual(
				input.map(({ json }, item) => [`Echo from ${MODEL_ID}: ${json.q}`, { item }]),
			);
			expect(Object.values(stats.servedByPrompt)).toEqual(Array(ITEMS).fill(1));
			expect(stats.maxInFlight).toBeLessThanOrEqual(8);
		},
	);
});

describe('an API that admits a number of requests per second', () => {
	it('answers every item once when the requests per second run out, 429 after 429', async () => {
		nock.enableNetConnect('127.0.0.1');
		const { run, stats, elapsedMs, input } = await runAgainstStandIn({ ratePerSecond: 50, latencyMs: 20 }, 1000);
		console.log(`1000 items at 50 requests/s: ${(elapsedMs / 1000).toFixed(2)} s (ideal 20 s), ${stats.byStatus[429] ?? 0} answers of 429`);
		expect(run.items.map(({ json }) => json.content ?? json.error)).toEqual(
			input.map(({ json }) => `Echo from ${MODEL_ID}: ${json.q}`),
		);
		expect(Object.values(stats.servedByPrompt)).toEqual(Array(1000).fill(1));
	}, 120_000);
});
