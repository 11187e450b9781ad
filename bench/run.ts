// npm run bench: our node in n8n's engine against the stand-in API (in its own process).
// Prints a table and writes .local/bench/results.json. BENCH_RUNS sets the runs per figure
// (default 3); BENCH_QUICK=1 keeps the throughput grid to N ≤ 1,000.
import './environment';

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { formatSpread } from './measure';
import { costPerItem, dropdown, packageFigures, rateLimited, throughput } from './sections';
import { startStandInProcess } from './standInProcess';

async function main() {
	const runs = Number(process.env.BENCH_RUNS ?? 3);
	const standIn = await startStandInProcess();
	try {
		console.log(`Benchmark: medians of ${runs} runs, with (min–max)\n`);
		const grid = await throughput(standIn, runs);
		const limited = await rateLimited(standIn, runs);
		const cost = await costPerItem(standIn, runs);
		const picker = await dropdown(standIn, Math.max(runs, 5));
		const pkg = packageFigures();

		console.log('\n1. Throughput against the limit (stand-in latency 100 ms)\n');
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
		console.log('\n2. CPU per item, N=1,000, zero latency\n');
		for (const [name, value] of Object.entries(cost.cpuPerItemMs)) console.log(`- ${name}: ${formatSpread(value, 3)} ms`);
		console.log(`- ours / bare declarative: ${cost.oursOverBare.toFixed(2)}×; ours / plain loop: ${cost.oursOverPlain.toFixed(2)}×`);
		console.log(`\n3. Model picker: ${formatSpread(picker.wallMs)} ms, ${picker.requestsPerLoad} request per load, ${picker.models} models`);
		console.log(
			`\n4. Package: ${pkg.packedBytes} bytes packed, ${pkg.unpackedBytes} unpacked, ${pkg.files} files; require of node + credential ${formatSpread(pkg.requireMs)} ms`,
		);

		const file = path.resolve(__dirname, '../.local/bench/results.json');
		mkdirSync(path.dirname(file), { recursive: true });
		writeFileSync(
			file,
			JSON.stringify({ date: new Date().toISOString(), node: process.version, runs, throughput: grid, rateLimited: limited, costPerItem: cost, dropdown: picker, package: pkg }, null, 2),
		);
		console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
	} finally {
		await standIn.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
