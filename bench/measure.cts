// Small measuring tools: medians with their spread, CPU time and peak heap of a task.

export interface Spread {
	median: number;
	min: number;
	max: number;
}

export function spread(values: number[]): Spread {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

export const formatSpread = ({ median, min, max }: Spread, digits = 2) =>
	`${median.toFixed(digits)} (${min.toFixed(digits)}–${max.toFixed(digits)})`;

export interface Measured<T> {
	result: T;
	wallMs: number;
	cpuMs: number;
	/** The most the heap grew above where it started, sampled every 20 ms. */
	peakHeapMb: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

export async function measure<T>(task: () => Promise<T>): Promise<Measured<T>> {
	gc?.();
	const baseline = process.memoryUsage().heapUsed;
	let peak = baseline;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().heapUsed);
	}, 20);
	const cpu = process.cpuUsage();
	const started = process.hrtime.bigint();
	try {
		const result = await task();
		const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
		const { user, system } = process.cpuUsage(cpu);
		peak = Math.max(peak, process.memoryUsage().heapUsed);
		return { result, wallMs, cpuMs: (user + system) / 1000, peakHeapMb: (peak - baseline) / 2 ** 20 };
	} finally {
		clearInterval(sampler);
	}
}

/** Runs a measurement `runs` times and returns every sample. */
export async function repeat<T>(runs: number, once: () => Promise<Measured<T>>): Promise<Array<Measured<T>>> {
	const samples: Array<Measured<T>> = [];
	for (let run = 0; run < runs; run++) samples.push(await once());
	return samples;
}
