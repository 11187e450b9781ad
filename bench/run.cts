// npm run bench: our node beside the alternatives in a real n8n, then in n8n's engine
// in-process, each against the stand-in API (in its own process). Prints tables and writes
// .local/bench/results.json. BENCH_RUNS sets the runs per figure (default 3); BENCH_QUICK=1
// leaves out N = 10,000; BENCH_ONLY=real-n8n or BENCH_ONLY=in-process runs one part, and
// BENCH_ONLY=embeddings the real-n8n embeddings scenario alone, BENCH_ONLY=quota the quota
// matrix alone (BENCH_FULL=1: every caller in every cell, N = 1,000 everywhere), BENCH_ONLY=https
// the http-beside-HTTPS cells alone.
import './environment';

import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { formatSpread } from './measure.cjs';
import { overHttps } from './realN8n/overHttps.cjs';
import { quotaMatrix } from './realN8n/quotaMatrix.cjs';
import { realN8n, type RealRow } from './realN8n/section.cjs';
import { costPerItem, dropdown, packageFigures, rateLimited, throughput } from './sections.cjs';
import { startStandInProcess, type StandInProcess } from './standInProcess.cjs';

function printRows(rows: RealRow[]) {
	console.log('| scenario | caller | N | ideal s | answered | requests (429) | execution s | × ideal | in flight: mean, max | n8n CPU s | peak RSS MB |');
	console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const row of rows) {
		console.log(
			`| ${row.scenario} | ${row.variant} | ${row.items} | ${row.idealS.toFixed(1)} | ${formatSpread(row.answered, 0)} | ${row.requests} (${row.turnedAway}) | ${formatSpread(row.executionS)} | ${formatSpread(row.ratio)} | ${row.meanInFlight.median.toFixed(1)}, ${row.maxInFlight} | ${formatSpread({ median: row.cpuMs.median / 1000, min: row.cpuMs.min / 1000, max: row.cpuMs.max / 1000 }, 2)} | ${formatSpread(row.maxRssMb, 0)} |`,
		);
	}
}

async function quotaPart(standIn: StandInProcess) {
	const rows = await quotaMatrix(standIn, { full: process.env.BENCH_FULL === '1' });
	console.log('\nQ. The quota matrix in a real n8n (n8n execute, one run per cell)\n');
	printRows(rows);
	return rows;
}

async function httpsPart() {
	const rows = await overHttps();
	console.log('\nH. The same cells over http and over HTTPS, in a real n8n (one run per cell)\n');
	printRows(rows);
	return rows;
}

async function realN8nPart(standIn: StandInProcess, runs: number, quick: boolean, embeddingsOnly: boolean) {
	const real = await realN8n(standIn, runs, { quick, embeddingsOnly });
	console.log(`\nA. In a real n8n ${real.n8nVersion} (n8n execute, the calling node's executionTime; On Error: Continue)\n`);
	printRows(real.rows);
	const cpuPerItem = Object.entries(real.cpuPerItemMs).filter(([, ms]) => ms !== undefined);
	if (cpuPerItem.length > 0) console.log('\nn8n process CPU per item while the node ran (N = 1,000, the API admitting 8):');
	for (const [name, ms] of cpuPerItem) console.log(`- ${name}: ${ms!.toFixed(2)} ms`);
	return real;
}

async function inProcessPart(standIn: StandInProcess, runs: number) {
	const grid = await throughput(standIn, runs);
	const limited = await rateLimited(standIn, runs);
	const cost = await costPerItem(standIn, runs);
	const picker = await dropdown(standIn, Math.max(runs, 5));
	const pkg = packageFigures();

	console.log("\nB. In-process (n8n-core's engine with its legacy expression engine, this machine's Node.js)");
	console.log('\nB1. Throughput against the limit (stand-in latency 100 ms)\n');
	console.log('| N | C | ideal s | wall s | wall / ideal | max in flight | peak heap MB |');
	console.log('|---:|---:|---:|---:|---:|---:|---:|');
	for (const row of grid.rows) {
		console.log(
			`| ${row.items} | ${row.concurrency} | ${row.idealS} | ${formatSpread(row.wallS)} | ${formatSpread(row.ratio)} | ${row.maxInFlight} | ${formatSpread(row.peakHeapMb, 1)} |`,
		);
	}
	console.log(`\nSkipped (ideal over 2 minutes): ${grid.skipped.join('; ')}`);
	console.log(
		`\nRate-limited: N=${limited.items}, ${limited.ratePerSecond} requests/s, C=${limited.concurrency}: ideal ${limited.idealS} s, wall ${formatSpread(limited.wallS)} s, ratio ${formatSpread(limited.ratio)}, ${limited.successes} successes, ${limited.received429} answers 429`,
	);
	console.log('\nB2. CPU per item, N=1,000, zero latency\n');
	for (const [name, value] of Object.entries(cost.cpuPerItemMs)) console.log(`- ${name}: ${formatSpread(value, 3)} ms`);
	console.log(`- ours / bare declarative: ${cost.oursOverBare.toFixed(2)}×; ours / plain loop: ${cost.oursOverPlain.toFixed(2)}×`);
	console.log(`\nB3. Model picker: ${formatSpread(picker.wallMs)} ms, ${picker.requestsPerLoad} request per load, ${picker.models} models`);
	console.log(
		`\nB4. Package: ${pkg.packedBytes} bytes packed, ${pkg.unpackedBytes} unpacked, ${pkg.files} files; require of node + credential ${formatSpread(pkg.requireMs)} ms`,
	);
	return { throughput: grid, rateLimited: limited, costPerItem: cost, dropdown: picker, package: pkg };
}

async function main() {
	const runs = Number(process.env.BENCH_RUNS ?? 3);
	// One part, or several separated by commas (BENCH_ONLY=quota,https).
	const parts = process.env.BENCH_ONLY?.split(',');
	const only = parts && parts.length === 1 ? parts[0] : undefined;
	const wanted = (part: string) => parts === undefined || parts.includes(part);
	const standIn = await startStandInProcess();
	try {
		console.log(`Benchmark: medians of ${runs} runs, with (min–max); ${os.cpus().length} cores, Node.js ${process.version}\n`);
		const quota = wanted('quota') ? await quotaPart(standIn) : undefined;
		const https = wanted('https') ? await httpsPart() : undefined;
		const real =
			wanted('real-n8n') || wanted('embeddings') ? await realN8nPart(standIn, runs, process.env.BENCH_QUICK === '1', only === 'embeddings') : undefined;
		const inProcess = wanted('in-process') ? await inProcessPart(standIn, runs) : undefined;

		const file = path.resolve(__dirname, '../.local/bench/results.json');
		mkdirSync(path.dirname(file), { recursive: true });
		writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, runs, quotaMatrix: quota, overHttps: https, realN8n: real, inProcess }, null, 2));
		console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
	} finally {
		await standIn.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
