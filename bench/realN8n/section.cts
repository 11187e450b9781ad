// The real-n8n part of the benchmark: each caller in the same n8n release, against the same
// stand-in, in turn (so that drift on the machine hits them all alike), medians of `runs`.
import { spread, type Spread } from '../measure.cjs';
import type { StandInProcess } from '../standInProcess.cjs';
import { setUpBenchN8n, type BenchN8n } from './instance.cjs';
import {
	DIGITALOCEAN,
	EMBED_HTTP_ONE_REQUEST,
	EMBED_HTTP_TUNED,
	EMBED_OURS,
	EMBED_OURS_EXPRESSION,
	HTTP_AT_RATE,
	HTTP_DEFAULTS,
	HTTP_TUNED,
	OURS,
	type Variant,
} from './variants.cjs';

const LATENCY_MS = 100;
const ADMITTED = 8;
const RATE_PER_SECOND = 50;

export interface RealRow {
	scenario: string;
	variant: string;
	items: number;
	idealS: number;
	answered: Spread;
	executionS: Spread;
	ratio: Spread;
	maxInFlight: number;
	/** The n8n process's CPU while the node ran. */
	cpuMs: Spread;
	maxRssMb: Spread;
	/** Mean requests in flight at the API, from its first request to its last answer. */
	meanInFlight: Spread;
	/** Requests the API received (the most of any run). */
	requests: number;
	/** Of those, answered 429 (the most of any run). */
	turnedAway: number;
}

export interface Scenario {
	name: string;
	config: Record<string, unknown>;
	idealS(items: number): number;
}

const CAPPED: Scenario = {
	name: `API admits ${ADMITTED} in flight, latency ${LATENCY_MS} ms`,
	config: { latencyMs: LATENCY_MS, maxConcurrent: ADMITTED },
	idealS: (items) => (Math.ceil(items / ADMITTED) * LATENCY_MS) / 1000,
};

/** The most texts DigitalOcean embeds in one request. */
const MAX_INPUTS_PER_REQUEST = 2048;

const EMBEDDINGS: Scenario = {
	name: `embeddings, API admits ${ADMITTED} in flight, latency ${LATENCY_MS} ms per request`,
	config: { latencyMs: LATENCY_MS, maxConcurrent: ADMITTED },
	// The physical limit: as few requests as the API allows, all in flight at once.
	idealS: (items) => (Math.ceil(Math.ceil(items / MAX_INPUTS_PER_REQUEST) / ADMITTED) * LATENCY_MS) / 1000,
};

const RATE_LIMITED: Scenario = {
	name: `API admits ${RATE_PER_SECOND} requests per second, latency ${LATENCY_MS} ms`,
	config: { latencyMs: LATENCY_MS, ratePerSecond: RATE_PER_SECOND },
	idealS: (items) => items / RATE_PER_SECOND,
};

export async function measureRows(
	n8n: BenchN8n,
	standIn: StandInProcess,
	scenario: Scenario,
	variants: Variant[],
	items: number,
	runs: number,
): Promise<RealRow[]> {
	const samples = new Map(
		variants.map((variant) => [
			variant,
			[] as Array<{ answered: number; executionS: number; maxInFlight: number; meanInFlight: number; cpuMs: number; maxRssMb: number; requests: number; turnedAway: number }>,
		]),
	);
	for (let run = 0; run < runs; run++) {
		for (const variant of variants) {
			await standIn.reset();
			await standIn.configure(scenario.config);
			const execution = await n8n.execute(variant, items);
			const { maxInFlight, inFlightMs, firstStartedAt, lastEndedAt, requests, byStatus } = await standIn.stats();
			const turnedAway = byStatus['429'] ?? 0;
			const meanInFlight = lastEndedAt > firstStartedAt ? inFlightMs / (lastEndedAt - firstStartedAt) : 0;
			const answered = execution.items.filter((json) => variant.answered(json)).length;
			samples.get(variant)!.push({ answered, executionS: execution.executionS, maxInFlight, meanInFlight, cpuMs: execution.cpuMs, maxRssMb: execution.maxRssMb, requests, turnedAway });
			console.log(
				`  real n8n, ${variant.key}, N=${items}, ${scenario.name}: ${answered} answered in ${requests} requests (${turnedAway} answered 429), ${execution.executionS.toFixed(2)} s (ideal ${scenario.idealS(items)} s), ${meanInFlight.toFixed(2)} in flight on average, CPU ${(execution.cpuMs / 1000).toFixed(2)} s`,
			);
		}
	}
	return variants.map((variant) => {
		const rows = samples.get(variant)!;
		const idealS = scenario.idealS(items);
		return {
			scenario: scenario.name,
			variant: variant.label,
			items,
			idealS,
			answered: spread(rows.map(({ answered }) => answered)),
			executionS: spread(rows.map(({ executionS }) => executionS)),
			ratio: spread(rows.map(({ executionS }) => executionS / idealS)),
			maxInFlight: Math.max(...rows.map(({ maxInFlight }) => maxInFlight)),
			meanInFlight: spread(rows.map(({ meanInFlight }) => meanInFlight)),
			cpuMs: spread(rows.map(({ cpuMs }) => cpuMs)),
			maxRssMb: spread(rows.map(({ maxRssMb }) => maxRssMb)),
			requests: Math.max(...rows.map(({ requests }) => requests)),
			turnedAway: Math.max(...rows.map(({ turnedAway }) => turnedAway)),
		};
	});
}

/** CPU per item of the n8n process while the node ran, at N = 1,000 with the API admitting 8. */
function cpuPerItemMs(rows: RealRow[], variant: Variant): number | undefined {
	const row = rows.find((candidate) => candidate.variant === variant.label && candidate.items === 1000 && candidate.scenario === CAPPED.name);
	return row ? row.cpuMs.median / row.items : undefined;
}

/** `embeddingsOnly` measures the embeddings scenario alone (BENCH_ONLY=embeddings). */
export async function realN8n(standIn: StandInProcess, runs: number, { quick = false, embeddingsOnly = false } = {}) {
	const capped = embeddingsOnly ? [] : [OURS, HTTP_TUNED, HTTP_DEFAULTS, DIGITALOCEAN];
	const sizes = quick || embeddingsOnly ? [200, 1000] : [200, 1000, 10000];
	const embeddings = [EMBED_OURS, EMBED_OURS_EXPRESSION, EMBED_HTTP_TUNED, EMBED_HTTP_ONE_REQUEST];
	const n8n = await setUpBenchN8n(standIn, [...capped, ...(embeddingsOnly ? [] : [HTTP_AT_RATE]), ...embeddings], sizes);
	try {
		const rows: RealRow[] = [];
		if (!embeddingsOnly) {
			for (const items of [200, 1000]) rows.push(...(await measureRows(n8n, standIn, CAPPED, capped, items, runs)));
			rows.push(...(await measureRows(n8n, standIn, RATE_LIMITED, [OURS, HTTP_AT_RATE], 1000, runs)));
		}
		rows.push(...(await measureRows(n8n, standIn, EMBEDDINGS, embeddings, 1000, runs)));
		if (!quick && !embeddingsOnly) rows.push(...(await measureRows(n8n, standIn, CAPPED, [OURS], 10000, 1)));
		const cpu = Object.fromEntries(
			[OURS, HTTP_TUNED].map((variant) => [variant.label, cpuPerItemMs(rows, variant)]),
		);
		return { n8nVersion: n8n.n8nVersion, rows, cpuPerItemMs: cpu };
	} finally {
		n8n.tearDown();
	}
}
