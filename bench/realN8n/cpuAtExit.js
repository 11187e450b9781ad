// Preloaded into `n8n execute` by the benchmark (NODE_OPTIONS=--require). Writes what n8n prints
// to BENCH_STDOUT_FILE as it prints it: n8n exits before a pipe takes the run data of thousands of
// items (it arrived cut off at about 5 MB). And samples the process's
// CPU time every 10 ms and, on exit, writes the samples and the peak memory to BENCH_CPU_FILE, so
// that the benchmark can take the CPU spent while the measured node ran (its startTime and
// executionTime in the run data). Other n8n processes (task runners) inherit NODE_OPTIONS; only
// the `execute` command writes.
const { openSync, writeFileSync, writeSync } = require('node:fs');

if (process.env.BENCH_STDOUT_FILE && process.argv.includes('execute')) {
	const file = openSync(process.env.BENCH_STDOUT_FILE, 'w');
	process.stdout.write = (chunk, encoding, callback) => {
		writeSync(file, typeof chunk === 'string' ? chunk : Buffer.from(chunk));
		const done = typeof encoding === 'function' ? encoding : callback;
		if (done) process.nextTick(done);
		return true;
	};
}

if (process.env.BENCH_CPU_FILE && process.argv.includes('execute')) {
	const samples = [];
	const sample = () => {
		const { user, system } = process.cpuUsage();
		samples.push([Date.now(), (user + system) / 1000]);
	};
	setInterval(sample, 10).unref();
	process.on('exit', () => {
		sample();
		writeFileSync(process.env.BENCH_CPU_FILE, JSON.stringify({ samples, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
	});
}
