// A throwaway real n8n for the benchmark: our packed package and DigitalOcean's published one
// installed as the Community Nodes installer does, a credential for each caller, and the
// generated workflows imported. `execute` runs one with `n8n execute` and reads the run data.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { StandInProcess } from '../standInProcess.cjs';
import { benchWorkflow, type BenchCredentials, timedNodes, type Variant, workflowId } from './variants.cjs';

const { LocalN8n, freePort, parseRawOutput } = require('../../dev/n8n');
const { buildAndPack, npmPack } = require('../../dev/pack');
const { cacheDir, ensureRuntime } = require('../../dev/runtime');

const DIGITALOCEAN_PACKAGE = '@digitalocean/n8n-nodes-digitalocean-gradient-serverless-inference@1.0.6';
const DIGITALOCEAN_BASE_URL = 'https://inference.do-ai.run/v1';
const CPU_AT_EXIT = path.join(__dirname, 'cpuAtExit.js');

const CREDENTIALS: BenchCredentials = {
	ours: { id: 'benchOursCred001', name: 'bench: this package' },
	headerAuth: { id: 'benchHeaderCred1', name: 'bench: header auth' },
	digitalOcean: { id: 'benchDoCred00001', name: "bench: DigitalOcean's node" },
};

export interface Execution {
	/** The calling node's own executionTime from the run data (with the nodes around it, if any), in seconds. */
	executionS: number;
	items: IDataObject[];
	/** CPU time of the n8n process while the node ran, and the process's peak memory. */
	cpuMs: number;
	maxRssMb: number;
}

export interface BenchN8n {
	n8nVersion: string;
	execute(variant: Variant, items: number): Promise<Execution>;
	tearDown(): void;
}

/**
 * DigitalOcean's node hard-codes its base URL: fetch the published package once (npm pack,
 * cached beside n8n) and point a copy at the stand-in.
 */
function digitalOceanPackageFor(standInUrl: string, workDir: string): string {
	const cached = path.join(cacheDir, 'bench');
	mkdirSync(cached, { recursive: true });
	const cachedFile = readdirSync(cached).find((file) => file.endsWith('1.0.6.tgz'));
	const tarball: string = cachedFile ? path.join(cached, cachedFile) : npmPack([DIGITALOCEAN_PACKAGE], cached);
	const copy = path.join(workDir, 'digitalocean');
	mkdirSync(copy, { recursive: true });
	execFileSync('tar', ['xzf', tarball, '-C', copy, '--strip-components=1']);
	for (const file of ['dist/nodes/ServerlessInference/DigitalOceanGradientServerlessInference.node.js', 'dist/credentials/DigitalOceanServerlessInferenceApi.credentials.js']) {
		const full = path.join(copy, file);
		const source = readFileSync(full, 'utf8');
		if (!source.includes(DIGITALOCEAN_BASE_URL)) throw new Error(`${file} no longer holds ${DIGITALOCEAN_BASE_URL}`);
		writeFileSync(full, source.replaceAll(DIGITALOCEAN_BASE_URL, `${standInUrl}/v1`));
	}
	return npmPack(['--ignore-scripts'], workDir, copy);
}

/** CPU milliseconds spent between two times, from samples of [time, CPU so far] (interpolated). */
function cpuBetween(samples: Array<[number, number]>, from: number, to: number): number {
	const at = (time: number) => {
		const after = samples.findIndex(([when]) => when >= time);
		if (after <= 0) return after === 0 ? samples[0][1] : samples[samples.length - 1][1];
		const [t0, c0] = samples[after - 1];
		const [t1, c1] = samples[after];
		return t1 === t0 ? c1 : c0 + ((c1 - c0) * (time - t0)) / (t1 - t0);
	};
	return at(to) - at(from);
}

export async function setUpBenchN8n(standIn: StandInProcess, variants: Variant[], sizes: number[]): Promise<BenchN8n> {
	const workDir = mkdtempSync(path.join(tmpdir(), 'gradient-bench-n8n-'));
	const runtime = await ensureRuntime();
	const n8n = new LocalN8n({ runtime, userFolder: path.join(workDir, 'n8n'), port: await freePort(), brokerPort: await freePort() });
	try {
		await n8n.installPackage(buildAndPack(path.join(workDir, 'pack')));
		await n8n.installPackage(digitalOceanPackageFor(standIn.url, workDir));
		await n8n.importCredentials([
			{ ...CREDENTIALS.ours, type: 'digitalOceanGradientApi', data: { apiKey: standIn.key, baseUrl: standIn.url } },
			{ ...CREDENTIALS.headerAuth, type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${standIn.key}` } },
			{ ...CREDENTIALS.digitalOcean, type: 'digitalOceanServerlessInferenceApi', data: { key: standIn.key } },
		]);
		const workflowsDir = path.join(workDir, 'workflows');
		mkdirSync(workflowsDir);
		for (const variant of variants) {
			for (const items of sizes) {
				const workflow = benchWorkflow(variant, items, standIn.url, CREDENTIALS);
				writeFileSync(path.join(workflowsDir, `${workflow.id}.json`), JSON.stringify(workflow));
			}
		}
		await n8n.mustCli(['import:workflow', '--separate', `--input=${workflowsDir}`]);
	} catch (error) {
		rmSync(workDir, { recursive: true, force: true });
		throw error;
	}

	return {
		n8nVersion: runtime.n8nVersion,
		async execute(variant, items) {
			const cpuFile = path.join(workDir, 'cpu.json');
			const stdoutFile = path.join(workDir, 'stdout.txt');
			rmSync(cpuFile, { force: true });
			rmSync(stdoutFile, { force: true });
			const result = await n8n.cli(['execute', `--id=${workflowId(variant, items)}`, '--rawOutput'], {
				BENCH_STDOUT_FILE: stdoutFile,
				// BENCH_CPU_PROF_DIR: a CPU profile of each n8n process, to see where the time goes.
				NODE_OPTIONS: [`--require ${CPU_AT_EXIT}`, ...(process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [])].join(' '),
				BENCH_CPU_FILE: cpuFile,
				// n8n prints the run data at level info (the in-process part sets silent for itself).
				N8N_LOG_LEVEL: 'info',
			});
			const printed = existsSync(stdoutFile) ? readFileSync(stdoutFile, 'utf8') : result.stdout;
			const runData = parseRawOutput(printed)?.data?.resultData?.runData ?? {};
			const runs = timedNodes(variant).map((name) => runData[name]?.[0]);
			if (result.code !== 0 || runs.some((run) => !run) || !existsSync(cpuFile)) {
				const tail = (text: string) => text.trimEnd().split('\n').slice(-40).join('\n');
				throw new Error(`n8n execute of ${variant.key} N=${items} failed (exit ${result.code}):\n${tail(printed)}\n${tail(result.stderr)}`);
			}
			const { samples, maxRssMb } = JSON.parse(readFileSync(cpuFile, 'utf8')) as { samples: Array<[number, number]>; maxRssMb: number };
			const [first, last] = [runs[0], runs[runs.length - 1]];
			const output = (last.data?.main?.[0] ?? []) as Array<{ json: IDataObject }>;
			return {
				executionS: runs.reduce((sum, run) => sum + run.executionTime, 0) / 1000,
				items: output.map(({ json }) => json),
				cpuMs: cpuBetween(samples, first.startTime, last.startTime + last.executionTime),
				maxRssMb,
			};
		},
		tearDown: () => rmSync(workDir, { recursive: true, force: true }),
	};
}
