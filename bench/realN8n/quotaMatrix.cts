// The quota matrix: each caller in real n8n against the regimes DigitalOcean's keys live in,
// at the latencies models answer with (jittered ±30%). The ideal is what the binding limit
// allows: a bucket's refill (after what it held at the start), a cap on requests at once, or,
// where the API has no limit, this node's own ceiling. Buckets refill per second here (the
// stand-in scales a minute down) so that a cell takes seconds, not hours; the node learns the
// refill from the answers and assumes no period.
import type { StandInProcess } from '../standInProcess.cjs';
import { setUpBenchN8n } from './instance.cjs';
import { measureRows, type RealRow, type Scenario } from './section.cjs';
import {
	DIGITALOCEAN,
	HTTP_DEFAULTS,
	httpVariant,
	LONG_PROMPT_WORDS,
	MODEL,
	OURS,
	PADDING_WORD,
	type Variant,
	withLongPrompts,
} from './variants.cjs';

const { chatCompletion } = require('../../dev/stand-in/completions');

const JITTER = 0.3;
const RATE = 10;
const CAPACITY = 10;
const CAP_IN_FLIGHT = 8;
/** The node's own ceiling (Max Concurrent Requests' default): the limit where the API has none. */
const NODE_CEILING = 64;

/** Tokens the stand-in counts for one long prompt (prompt and completion, as its usage says). */
const LONG_PROMPT_TOKENS: number = chatCompletion(
	{ model: MODEL, messages: [{ role: 'user', content: `bench prompt 100${` ${PADDING_WORD}`.repeat(LONG_PROMPT_WORDS)}` }] },
	0,
).usage.total_tokens;
const TOKENS_PER_SECOND = RATE * LONG_PROMPT_TOKENS;
const TOKENS_CAPACITY = CAPACITY * LONG_PROMPT_TOKENS;

const seconds = (ms: number) => ms / 1000;

export const HTTP_PER_SECOND = httpVariant('http10', `HTTP Request 4.2, Batching ${RATE} per 1,000 ms (hand-tuned to the quota)`, {
	batchSize: RATE,
	batchInterval: 1000,
});

const capTuned = (latencyMs: number) =>
	httpVariant(`hc${String(latencyMs).padStart(4, '0')}`, `HTTP Request 4.2, Batching ${CAP_IN_FLIGHT} per ${latencyMs} ms (hand-tuned to the cap)`, {
		batchSize: CAP_IN_FLIGHT,
		batchInterval: latencyMs,
	});

interface Regime {
	name: string;
	config: Record<string, unknown>;
	idealS(items: number, latencyMs: number): number;
	/** What a user who knows the limit would set on an HTTP Request. */
	tuned(latencyMs: number): Variant;
	long?: boolean;
}

const afterTheBucket = (items: number, latencyMs: number) => Math.max(0, items - CAPACITY) / RATE + seconds(latencyMs);

export const REGIMES: Regime[] = [
	{
		name: `requests bucket announced in headers (${CAPACITY}, refilling ${RATE}/s)`,
		config: { quota: { requests: { capacity: CAPACITY, perSecond: RATE } } },
		idealS: afterTheBucket,
		tuned: () => HTTP_PER_SECOND,
	},
	{
		name: `tokens bucket announced in headers binds first (${LONG_PROMPT_TOKENS}-token requests, ${TOKENS_PER_SECOND} tokens/s)`,
		config: { quota: { requests: { capacity: 10 * CAPACITY, perSecond: 10 * RATE }, tokens: { capacity: TOKENS_CAPACITY, perSecond: TOKENS_PER_SECOND } } },
		idealS: (items, latencyMs) => Math.max(0, items * LONG_PROMPT_TOKENS - TOKENS_CAPACITY) / TOKENS_PER_SECOND + seconds(latencyMs),
		tuned: () => HTTP_PER_SECOND,
		long: true,
	},
	{
		name: `cap of ${CAP_IN_FLIGHT} in flight, 429 + Retry-After, no quota headers`,
		config: { maxConcurrent: CAP_IN_FLIGHT },
		idealS: (items, latencyMs) => Math.ceil(items / CAP_IN_FLIGHT) * seconds(latencyMs),
		tuned: capTuned,
	},
	{
		name: `requests bucket (${CAPACITY}, ${RATE}/s) answered with bare 429s, no headers at all`,
		config: { quota: { requests: { capacity: CAPACITY, perSecond: RATE } }, quotaHeaders: false },
		idealS: afterTheBucket,
		tuned: () => HTTP_PER_SECOND,
	},
	{
		name: `no limit (the node's own ceiling, ${NODE_CEILING} at once)`,
		config: {},
		idealS: (items, latencyMs) => Math.ceil(items / NODE_CEILING) * seconds(latencyMs),
		tuned: () => HTTP_DEFAULTS,
	},
];

export const LATENCIES_MS = [100, 1500, 4000];

/** A regime at a latency, jittered. */
export const scenarioFor = (regime: Regime, latencyMs: number): Scenario => ({
	name: `${regime.name}, latency ${seconds(latencyMs)} s ±${JITTER * 100}%`,
	config: { ...regime.config, latencyMs, latencyJitter: JITTER },
	idealS: (count) => regime.idealS(count, latencyMs),
});

const LONG = new Map<Variant, Variant>([
	[OURS, withLongPrompts(OURS, 'Lours')],
	[HTTP_PER_SECOND, withLongPrompts(HTTP_PER_SECOND, 'Lht10')],
	[HTTP_DEFAULTS, withLongPrompts(HTTP_DEFAULTS, 'Lhtdf')],
	[DIGITALOCEAN, withLongPrompts(DIGITALOCEAN, 'Ldigo')],
]);
const longVersion = (variant: Variant) => LONG.get(variant)!;

/** The callers compared in a cell: this node everywhere; the others at `comparedAt` latency. */
function callers(regime: Regime, latencyMs: number, compared: boolean): Variant[] {
	const all = compared ? [OURS, regime.tuned(latencyMs), HTTP_DEFAULTS, DIGITALOCEAN] : [OURS];
	const unique = [...new Set(all)];
	return regime.long ? unique.map(longVersion) : unique;
}

/**
 * The matrix at N = 200 in every cell; N = 1,000 at 1.5 s (this node); the other callers beside
 * it at 1.5 s; N = 10,000 once. `full` adds the other callers at every latency and N = 1,000
 * everywhere.
 */
export async function quotaMatrix(standIn: StandInProcess, { full = false } = {}): Promise<RealRow[]> {
	const plan: Array<{ regime: Regime; latencyMs: number; items: number; variants: Variant[] }> = [];
	for (const latencyMs of LATENCIES_MS) {
		for (const regime of REGIMES) {
			const compared = full || latencyMs === 1500;
			plan.push({ regime, latencyMs, items: 200, variants: callers(regime, latencyMs, compared) });
			if (full || latencyMs === 1500) plan.push({ regime, latencyMs, items: 1000, variants: callers(regime, latencyMs, full) });
		}
	}
	// Once at N = 10,000 (the n8n process's peak memory), where nothing but the node's ceiling limits it.
	plan.push({ regime: REGIMES[4], latencyMs: LATENCIES_MS[0], items: 10000, variants: [OURS] });
	const variants = [...new Set(plan.flatMap((cell) => cell.variants))];
	const sizes = [...new Set(plan.map((cell) => cell.items))];
	const n8n = await setUpBenchN8n(standIn, variants, sizes);
	try {
		const rows: RealRow[] = [];
		for (const { regime, latencyMs, items, variants: cellVariants } of plan) {
			rows.push(...(await measureRows(n8n, standIn, scenarioFor(regime, latencyMs), cellVariants, items, 1)));
		}
		return rows;
	} finally {
		n8n.tearDown();
	}
}
