// A throwaway real n8n for the end-to-end tests: the packed package installed into a fresh
// user folder, the example workflows and their two credentials imported (the model access key
// and the agent's endpoint access key), the stand-in API behind both.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startStandIn, type StandIn } from '../harness/standIn.cjs';

const { EXAMPLES_AGENT_CREDENTIAL, EXAMPLES_CREDENTIAL, EXAMPLES_DIR: examplesDir, LocalN8n, RestSession, freePort: devFreePort } = require('../../dev/n8n');
const { buildAndPack } = require('../../dev/pack');
const { ensureRuntime } = require('../../dev/runtime');

export const EXAMPLES_DIR: string = examplesDir;
export const CREDENTIAL: { id: string; name: string; type: string } = EXAMPLES_CREDENTIAL;
export const AGENT_CREDENTIAL: { id: string; name: string; type: string } = EXAMPLES_AGENT_CREDENTIAL;
export const NODE_TYPE = 'n8n-nodes-digitalocean-gradient.digitalOceanGradient';
export const CHAT_MODEL_NODE_TYPE = 'n8n-nodes-digitalocean-gradient.digitalOceanGradientChatModel';
export const EMBEDDINGS_NODE_TYPE = 'n8n-nodes-digitalocean-gradient.digitalOceanGradientEmbeddings';
/** The stand-in's model IDs in the order the node sorts them (by ID, ignoring case). */
export const STAND_IN_MODEL_IDS = [
	'alibaba-qwen3-32b',
	'anthropic-claude-3.5-haiku',
	'anthropic-claude-4.6-sonnet',
	'deepseek-r1-distill-llama-70b',
	'llama3.3-70b-instruct',
	'mistral-3-14B',
	'openai-gpt-4o',
	'openai-gpt-4o-mini',
	'openai-gpt-image-1',
	'openai-gpt-oss-20b',
	'openai-o3-mini',
	'qwen3-embedding-0.6b',
];
export const OWNER = { email: 'owner@example.com', password: 'Gradient-E2e-1' };

export interface ExecuteResult {
	code: number | null;
	signal?: string | null;
	stdout: string;
	stderr: string;
	output?: { data: { resultData: { runData: Record<string, NodeRun[]> } } };
}

type Items = Array<Array<{ json: Record<string, unknown> }>>;

/** One run of a node as `n8n execute` prints it; a sub-node's are under its connection type. */
export interface NodeRun {
	data?: { main?: Items; ai_embedding?: Items };
	inputOverride?: { ai_embedding?: Items };
	error?: { message: string };
}

export interface RealN8n {
	url: string;
	/** The n8n release under test, e.g. "2.41.1". */
	n8nVersion: string;
	userFolder: string;
	standIn: StandIn;
	cli(args: string[]): Promise<{ code: number | null; signal?: string | null; stdout: string; stderr: string }>;
	importWorkflow(file: string): Promise<void>;
	/** Imports a workflow given as an object (a changed copy of an example). */
	importWorkflowObject(workflow: { id: string }): Promise<void>;
	execute(workflowId: string, env?: Record<string, string>): Promise<ExecuteResult>;
	importCredentials(credentials: object[]): Promise<void>;
	start(env?: Record<string, string>): Promise<void>;
	stop(): Promise<void>;
	log(): string;
	rest(): typeof RestSession.prototype;
	/** The underlying dev/n8n.js LocalN8n, for what the other fields do not cover. */
	local: any;
}

/** A free TCP port on 127.0.0.1. */
export const freePort: () => Promise<number> = devFreePort;

/** The last lines an n8n command printed, for a failure message. */
export function tailOf(printed: { stdout: string; stderr: string }, lines = 60): string {
	const tail = (text: string) => text.trimEnd().split('\n').slice(-lines).join('\n');
	return `--- stdout (last ${lines} lines) ---\n${tail(printed.stdout)}\n--- stderr (last ${lines} lines) ---\n${tail(printed.stderr)}`;
}

/** Fails with what n8n printed when an n8n command did not exit with `code`. */
export function expectExitCode(result: { code: number | null; signal?: string | null; stdout: string; stderr: string }, code: number): void {
	if (result.code === code) return;
	const ended = result.code === null ? `was ended by ${result.signal}` : `exited with code ${result.code}`;
	throw new Error(`n8n ${ended}, expected exit code ${code}. What n8n printed:\n${tailOf(result)}`);
}

/** The JSON of every item a node output in a headless execution, on its first output or on `output` (an If's false branch is 1). */
export function outputOf(result: ExecuteResult, nodeName: string, output = 0): Array<Record<string, unknown>> {
	const runs = result.output?.data.resultData.runData[nodeName];
	if (!runs) throw new Error(`No run data for "${nodeName}":\n${result.stdout}\n${result.stderr}`);
	return (runs[0].data?.main?.[output] ?? []).map(({ json }) => json);
}

export async function setUpRealN8n(): Promise<RealN8n & { tearDown(): Promise<void> }> {
	const workDir = mkdtempSync(path.join(tmpdir(), 'gradient-e2e-'));
	const tarball: string = buildAndPack(path.join(workDir, 'pack'));
	const runtime = await ensureRuntime();
	const standIn = await startStandIn();
	const port = await freePort();
	const n8n = new LocalN8n({ runtime, userFolder: path.join(workDir, 'n8n'), port, brokerPort: await freePort() });

	try {
		await n8n.installPackage(tarball);
		await n8n.importCredentials([
			{ ...CREDENTIAL, data: { apiKey: standIn.key, baseUrl: standIn.url } },
			{ ...AGENT_CREDENTIAL, data: { endpoint: standIn.url, apiKey: standIn.agentKey } },
		]);
		await n8n.mustCli(['import:workflow', '--separate', `--input=${EXAMPLES_DIR}`]);
	} catch (error) {
		// Leave nothing running behind a failed setup.
		await standIn.close();
		rmSync(workDir, { recursive: true, force: true });
		throw error;
	}

	return {
		url: n8n.url,
		n8nVersion: runtime.n8nVersion,
		userFolder: n8n.userFolder,
		standIn,
		cli: (args) => n8n.cli(args),
		importWorkflow: async (file) => {
			await n8n.mustCli(['import:workflow', `--input=${file}`]);
		},
		importWorkflowObject: async (workflow) => {
			const file = path.join(workDir, `${workflow.id}.json`);
			writeFileSync(file, JSON.stringify(workflow));
			await n8n.mustCli(['import:workflow', `--input=${file}`]);
		},
		execute: (workflowId, env) => n8n.execute(workflowId, env),
		importCredentials: (credentials) => n8n.importCredentials(credentials),
		start: (env) => n8n.start({ env }),
		stop: () => n8n.stop(),
		log: () => n8n.log?.() ?? '',
		rest: () => new RestSession(n8n.url),
		local: n8n,
		async tearDown() {
			await n8n.stop();
			await standIn.close();
			rmSync(workDir, { recursive: true, force: true });
		},
	};
}

export const exampleFiles = () => readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json'));

/** Whether this n8n ships the AI node SDK that the Chat Model needs (2.16 and later). */
export function hasAiNodeSdk(n8nVersion: string): boolean {
	const [major, minor] = n8nVersion.split('.').map(Number);
	return major > 2 || (major === 2 && minor >= 16);
}

/**
 * Waits until n8n serves a published workflow's webhook: n8n reports itself ready before it
 * has activated every published workflow.
 */
export async function waitForWebhook(url: string, method = 'GET', giveUpAfterMs = 60_000): Promise<void> {
	const deadline = Date.now() + giveUpAfterMs;
	for (;;) {
		const { status } = await fetch(url, { method });
		if (status !== 404) return;
		if (Date.now() > deadline) throw new Error(`${method} ${url} still answers 404 after ${giveUpAfterMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
