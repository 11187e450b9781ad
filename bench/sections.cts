// The benchmark's four parts. Each returns rows for the printed table and the JSON file.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

import { searchModelList } from '../test/harness/editor.cjs';
import { testCredentials } from '../test/harness/runNode.cjs';
import { bareDeclarativeNode, bareParameters } from './bareNode.cjs';
import { measure, repeat, spread, type Spread } from './measure.cjs';
import type { StandInProcess } from './standInProcess.cjs';
import { runPrompts } from './workload.cjs';

const LATENCY_MS = 100;
const IDEAL_LIMIT_S = 120;

export interface ThroughputRow {
	items: number;
	concurrency: number;
	idealS: number;
	wallS: Spread;
	ratio: Spread;
	maxInFlight: number;
	peakHeapMb: Spread;
}

export async function throughput(standIn: StandInProcess, runs: number) {
	const rows: ThroughputRow[] = [];
	const skipped: string[] = [];
	for (const items of [10, 100, 1000, 10000]) {
		for (const concurrency of [1, 4, 8, 16]) {
			const idealS = (Math.ceil(items / concurrency) * LATENCY_MS) / 1000;
			if (idealS > IDEAL_LIMIT_S) {
				skipped.push(`N=${items}, C=${concurrency} (ideal ${idealS} s)`);
				continue;
			}
			let maxInFlight = 0;
			const samples = await repeat(runs, async () => {
				await standIn.reset();
				await standIn.configure({ latencyMs: LATENCY_MS });
				const sample = await measure(() => runPrompts(standIn, items, { concurrency }));
				maxInFlight = Math.max(maxInFlight, (await standIn.stats()).maxInFlight);
				return sample;
			});
			const wallS = samples.map(({ wallMs }) => wallMs / 1000);
			rows.push({
				items,
				concurrency,
				idealS,
				wallS: spread(wallS),
				ratio: spread(wallS.map((wall) => wall / idealS)),
				maxInFlight,
				peakHeapMb: spread(samples.map(({ peakHeapMb }) => peakHeapMb)),
			});
			console.log(`  throughput N=${items} C=${concurrency}: ${spread(wallS).median.toFixed(2)} s (ideal ${idealS} s)`);
		}
	}
	return { rows, skipped };
}

export async function rateLimited(standIn: StandInProcess, runs: number) {
	const items = 1000;
	const ratePerSecond = 50;
	const idealS = items / ratePerSecond;
	let received429 = 0;
	let successes = 0;
	const samples = await repeat(runs, async () => {
		await standIn.reset();
		await standIn.configure({ latencyMs: 20, ratePerSecond });
		const sample = await measure(() => runPrompts(standIn, items, { concurrency: 8 }));
		const stats = await standIn.stats();
		received429 = Math.max(received429, stats.byStatus['429'] ?? 0);
		successes = stats.completions;
		return sample;
	});
	const wallS = samples.map(({ wallMs }) => wallMs / 1000);
	console.log(`  rate-limited N=${items} R=${ratePerSecond}/s: ${spread(wallS).median.toFixed(2)} s (ideal ${idealS} s)`);
	return { items, ratePerSecond, concurrency: 8, idealS, wallS: spread(wallS), ratio: spread(wallS.map((w) => w / idealS)), successes, received429 };
}

/** The same N requests with Node's own HTTP client, 8 at a time: the floor for CPU per item. */
async function plainLoop(standIn: StandInProcess, items: number): Promise<void> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
	let next = 0;
	const worker = async () => {
		while (next < items) {
			const i = next++;
			const body = JSON.stringify({
				model: 'llama3.3-70b-instruct',
				messages: [{ role: 'user', content: `benchmark prompt ${i}` }],
			});
			await new Promise<void>((resolve, reject) => {
				const request = http.request(`${standIn.url}/v1/chat/completions`, {
					method: 'POST',
					agent,
					headers: { authorization: `Bearer ${standIn.key}`, 'content-type': 'application/json' },
				});
				request.on('response', (response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () => {
						JSON.parse(Buffer.concat(chunks).toString('utf8'));
						resolve();
					});
				});
				request.on('error', reject);
				request.end(body);
			});
		}
	};
	await Promise.all(Array.from({ length: 8 }, worker));
	agent.destroy();
}

export async function costPerItem(standIn: StandInProcess, runs: number) {
	const items = 1000;
	await standIn.reset();
	const variants: Record<string, () => Promise<unknown>> = {
		'our node': () => runPrompts(standIn, items, { concurrency: 8 }),
		'bare declarative node': () => runPrompts(standIn, items, { nodeType: bareDeclarativeNode, parameters: bareParameters }),
		"Node's http, plain loop": () => plainLoop(standIn, items),
	};
	const cpuPerItemMs: Record<string, Spread> = {};
	for (const [name, run] of Object.entries(variants)) {
		await run(); // warm up
		const samples = await repeat(runs, () => measure(run));
		cpuPerItemMs[name] = spread(samples.map(({ cpuMs }) => cpuMs / items));
		console.log(`  cost per item, ${name}: ${cpuPerItemMs[name].median.toFixed(3)} ms CPU`);
	}
	const ours = cpuPerItemMs['our node'].median;
	return {
		items,
		cpuPerItemMs,
		oursOverBare: ours / cpuPerItemMs['bare declarative node'].median,
		oursOverPlain: ours / cpuPerItemMs["Node's http, plain loop"].median,
	};
}

export async function dropdown(standIn: StandInProcess, runs: number) {
	await standIn.reset();
	await standIn.configure({ latencyMs: 0 });
	const credentials = testCredentials({ baseUrl: standIn.url, apiKey: standIn.key });
	await searchModelList(undefined, credentials);
	const before = (await standIn.stats()).requests;
	const samples = await repeat(runs, () => measure(() => searchModelList(undefined, credentials)));
	const requestsPerLoad = ((await standIn.stats()).requests - before) / runs;
	return { wallMs: spread(samples.map(({ wallMs }) => wallMs)), requestsPerLoad, models: samples[0].result.results.length };
}

export function packageFigures() {
	const root = path.resolve(__dirname, '..');
	const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' })) as Array<{
		size: number;
		unpackedSize: number;
		entryCount: number;
	}>;
	// In a fresh process, as n8n loads a package: n8n-workflow is already loaded by then.
	const script = `
		require('n8n-workflow');
		const started = process.hrtime.bigint();
		require('./dist/nodes/DigitalOceanGradient/DigitalOceanGradient.node.js');
		require('./dist/credentials/DigitalOceanGradientApi.credentials.js');
		console.log(Number(process.hrtime.bigint() - started) / 1e6);`;
	const requireMs = spread(
		Array.from({ length: 5 }, () => Number(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }))),
	);
	return { packedBytes: pack.size, unpackedBytes: pack.unpackedSize, files: pack.entryCount, requireMs };
}
