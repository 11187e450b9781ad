/// <reference lib="dom" />
// Installed as a self-hosted user installs it: through Settings → Community Nodes, from the
// default npm registry, in a real n8n and a real browser; then updated and uninstalled there.
// Offline, the registry is a local verdaccio reached as registry.npmjs.org through a loopback
// HTTPS-inspecting proxy (see offlineRegistry.cts). Then the same install in queue mode, where
// the chat and the embeddings must run on the worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

import { startStandIn, type StandIn } from '../harness/standIn.cjs';
import {
	behindProxyEnv,
	makeCertificates,
	publish,
	startInspectingProxy,
	startVerdaccio,
	tempDir,
	withVersion,
	type Certificates,
	type InspectingProxy,
	type LocalRegistry,
} from './offlineRegistry.cjs';
import { CHAT_MODEL_NODE_TYPE, EMBEDDINGS_NODE_TYPE, EXAMPLES_DIR, freePort, NODE_TYPE, OWNER, waitForWebhook } from './realN8n.cjs';
import { launchChromium, signInToEditor } from './browser.cjs';
import { executionOutput, latestExecution, newestExecutionId } from './executions.cjs';
import { inputPlus, searchNodesPanel, searchNodesPanelAtInput } from './nodesPanel.cjs';

const { LocalN8n, RestSession } = require('../../dev/n8n');
const { buildAndPack } = require('../../dev/pack');
const { ensureRuntime } = require('../../dev/runtime');

const PACKAGE = 'n8n-nodes-digitalocean-gradient';
const VERSION: string = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
const NEXT_VERSION = '0.1.1';
const OUR_NODE_TYPES = [NODE_TYPE, CHAT_MODEL_NODE_TYPE, EMBEDDINGS_NODE_TYPE];
const OUR_NODE_NAMES = ['DigitalOcean Gradient', 'DigitalOcean Gradient Chat Model', 'DigitalOcean Gradient Embeddings'];
/** Hosts n8n itself calls (package vetting, MCP registry, staging service): refused, and n8n carries on. */
const N8N_OWN_SERVICES = /(^|\.)n8n\.io:443$/;

let workDir: string;
let runtime: { node: string; n8nEntry: string; env: Record<string, string>; n8nVersion: string };
let registry: LocalRegistry;
let certificates: Certificates;
let proxy: InspectingProxy;
let standIn: StandIn;
let tarball: string;
let nextTarball: string;

/**
 * 0.1.1 is 0.1.0's code plus one field on each simplified chat reply, `packageVersion`, so that a
 * run shows which version's code n8n executed, not only which files are on disk.
 */
function markReplies(packageDir: string) {
	const replies = path.join(packageDir, 'dist/nodes/DigitalOceanGradient/resources/chat/replies.js');
	const anchor = 'finish_reason: choice.finish_reason ?? null,';
	const code = readFileSync(replies, 'utf8');
	if (!code.includes(anchor)) throw new Error(`${replies} no longer has "${anchor}": mark ${NEXT_VERSION}'s replies elsewhere`);
	writeFileSync(replies, code.replace(anchor, `${anchor} packageVersion: '${NEXT_VERSION}',`));
}

beforeAll(async () => {
	workDir = tempDir('gradient-panel-');
	try {
		tarball = buildAndPack(path.join(workDir, 'pack'));
		nextTarball = withVersion(tarball, NEXT_VERSION, workDir, markReplies);
		runtime = await ensureRuntime();
		registry = await startVerdaccio(path.join(workDir, 'verdaccio'), await freePort());
		certificates = makeCertificates(path.join(workDir, 'certificates'));
		proxy = await startInspectingProxy(certificates, registry);
		await publish(registry, tarball, path.join(workDir, 'publisher'));
		standIn = await startStandIn();
	} catch (error) {
		await tearDownShared();
		throw error;
	}
});

afterAll(tearDownShared);

async function tearDownShared() {
	if (proxy) {
		const refusedHosts = [...new Set(proxy.refused)].sort();
		console.log(`The proxy answered ${proxy.served.length} requests as ${'registry.npmjs.org'} and refused ${proxy.refused.length} (to ${refusedHosts.join(', ') || 'nothing'})`);
	}
	await standIn?.close();
	await proxy?.close();
	await registry?.close();
	if (workDir) rmSync(workDir, { recursive: true, force: true });
}

/** What n8n asked the proxy for, beyond the registry: only n8n's own services, which it may do without. */
function expectOnlyTheRegistryAsked() {
	const unexpected = proxy.refused.filter((destination) => !N8N_OWN_SERVICES.test(destination));
	expect({ refusedByTheProxyBeyondN8nsOwnServices: unexpected }).toEqual({ refusedByTheProxyBeyondN8nsOwnServices: [] });
	const otherPackages = proxy.served.filter(({ path: asked }) => !asked.startsWith(`/${PACKAGE}`));
	expect({ registryAskedForOtherPackages: otherPackages }).toEqual({ registryAskedForOtherPackages: [] });
}

const tarballsServed = () =>
	proxy.served.filter(({ path: asked }) => asked.endsWith('.tgz')).map(({ path: asked }) => path.basename(asked));

/** A credential for the stand-in, saved through the REST API as the editor saves it. */
async function createCredential(rest: typeof RestSession.prototype): Promise<{ id: string; name: string }> {
	const response = await rest.request('POST', '/rest/credentials', {
		name: 'DigitalOcean Gradient account',
		type: 'digitalOceanGradientApi',
		data: { apiKey: standIn.key, baseUrl: standIn.url },
	});
	if (response.status !== 200) throw new Error(`Saving the credential failed (HTTP ${response.status}): ${response.text}`);
	return { id: response.json.data.id, name: response.json.data.name };
}

/** A workflow saved through the REST API with our credential put on our nodes. */
async function createWorkflow(
	rest: typeof RestSession.prototype,
	workflow: { id: string; name: string; nodes: Array<Record<string, any>>; connections: object; settings?: object },
	credential: { id: string; name: string },
): Promise<{ id: string; versionId: string }> {
	const nodes = workflow.nodes.map((node) =>
		node.credentials?.digitalOceanGradientApi ? { ...node, credentials: { digitalOceanGradientApi: credential } } : node,
	);
	const response = await rest.request('POST', '/rest/workflows', {
		id: workflow.id,
		name: workflow.name,
		nodes,
		connections: workflow.connections,
		settings: workflow.settings ?? { executionOrder: 'v1' },
		active: false,
	});
	if (response.status !== 200) throw new Error(`Saving workflow ${workflow.name} failed (HTTP ${response.status}): ${response.text}`);
	return { id: response.json.data.id, versionId: response.json.data.versionId };
}

/** Where the screenshots of the last run go (kept, outside the temp folder). */
function artifacts(): string {
	const dir = path.join(EXAMPLES_DIR, '..', '.local', 'e2e', 'community-panel');
	mkdirSync(dir, { recursive: true });
	return dir;
}

const example = (file: string) => JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));

/** Which version of the package wrote each of the Summarize node's replies (markReplies). */
function versionsThatRan(run: Awaited<ReturnType<typeof executionOutput>>) {
	return run.items('Summarize').map(({ packageVersion }) => packageVersion);
}

describe('Settings → Community Nodes in a real n8n and a real browser, from the default registry behind an inspecting proxy', () => {
	let n8n: any;
	let rest: typeof RestSession.prototype;
	let browser: Browser;
	let page: Page;
	let credential: { id: string; name: string };
	let workflowId: string;
	/** What n8n printed before a restart. */
	let earlierLogs = '';

	beforeAll(async () => {
		n8n = new LocalN8n({ runtime, userFolder: path.join(workDir, 'n8n'), port: await freePort(), brokerPort: await freePort() });
		// The most talkative log, to show that even it never holds the key.
		await n8n.start({ env: { ...behindProxyEnv(proxy, certificates, path.join(workDir, 'n8n-npm')), N8N_LOG_LEVEL: 'debug' } });
		rest = new RestSession(n8n.url);
		await rest.signIn(OWNER);
		browser = await launchChromium();
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await signInToEditor(page, n8n.url, OWNER);
	});

	afterEach(async () => {
		// What the page showed when a test ended, for a failure's reader.
		const state = (expect.getState() as { currentTestName?: string }).currentTestName ?? 'test';
		await page?.screenshot({ path: path.join(artifacts(), `${state.replace(/[^a-z0-9]+/gi, '-').slice(-80)}.png`) }).catch(() => undefined);
	});

	afterAll(async () => {
		await browser?.close();
		if (n8n) {
			await n8n.stop();
			expect({ keyInN8nsDebugLog: (earlierLogs + (n8n.log?.() ?? '')).includes(standIn.key) }).toEqual({ keyInN8nsDebugLog: false });
		}
	});

	const packageCard = () => page.locator('[data-test-id="community-package-card"]').filter({ hasText: PACKAGE });

	async function installedPackages() {
		const response = await rest.request('GET', '/rest/community-packages');
		expect(response.status).toBe(200);
		return response.json.data as Array<{ packageName: string; installedVersion: string; updateAvailable?: string; installedNodes: Array<{ name: string; type: string }> }>;
	}

	async function runWorkflowInTheEditor(): Promise<ReturnType<typeof executionOutput>> {
		const before = await newestExecutionId(rest, workflowId);
		await page.goto(`${n8n.url}/workflow/${workflowId}`);
		await page.locator('[data-test-id="canvas-node"][data-node-name="Summarize"]').waitFor();
		await page.click('[data-test-id="execute-workflow-button"]');
		await page.locator('[data-test-id="canvas-node"][data-node-name="Keep product and summary"] [data-test-id="canvas-node-status-success"]').waitFor({ timeout: 120_000 });
		return executionOutput(rest, await latestExecution(rest, workflowId, before));
	}

	const EXPECTED_SUMMARIES = [
		['Trail Runner 2', 'Light and grippy on wet rock, but the laces keep coming undone after an hour.'],
		['City Backpack', 'Fits a 16-inch laptop with room to spare; the shoulder straps dig in when it is full.'],
		['Thermo Mug', 'Coffee stays hot all morning. The lid leaks if you tip it over, so not for the car.'],
	].map(([product, text]) => ({
		product,
		summary: `Echo from llama3.3-70b-instruct: Summarize this review of ${product} in one sentence: ${text}`,
		tokens: expect.any(Number),
	}));

	it(`installs ${PACKAGE} from the panel: listed with version ${VERSION}, fetched from registry.npmjs.org through the proxy`, async () => {
		await page.goto(`${n8n.url}/settings/community-nodes`);
		// No package yet: the empty state's button opens the install dialog.
		await page.getByRole('button', { name: 'Install a community node' }).click();
		await page.fill('[data-test-id="package-name-input"] input, input[data-test-id="package-name-input"]', PACKAGE);
		await page.locator('[data-test-id="user-agreement-checkbox"]').click();
		await page.click('[data-test-id="install-community-package-button"]');
		await packageCard().getByText(`v${VERSION}`).waitFor({ timeout: 180_000 });

		const [installed, ...others] = await installedPackages();
		expect(others).toEqual([]);
		expect({ packageName: installed.packageName, installedVersion: installed.installedVersion, nodes: installed.installedNodes.map(({ type }) => type).sort() }).toEqual({
			packageName: PACKAGE,
			installedVersion: VERSION,
			nodes: [...OUR_NODE_TYPES].sort(),
		});
		// n8n asked registry.npmjs.org, through the proxy, and got the version published there.
		expect({ tarballsServed: tarballsServed() }).toEqual({ tarballsServed: [`${PACKAGE}-${VERSION}.tgz`] });
		expectOnlyTheRegistryAsked();
	});

	it('offers the three nodes in the nodes panel: the node and the Chat Model at the top level, the Embeddings at a vector store\'s Embedding input', async () => {
		await page.goto(`${n8n.url}/workflow/new`);
		await page.click('[data-test-id="node-creator-plus-button"]');
		expect({ search: 'DigitalOcean', listed: await searchNodesPanel(page, 'DigitalOcean') }).toEqual({
			search: 'DigitalOcean',
			listed: expect.arrayContaining(['DigitalOcean Gradient', 'DigitalOcean Gradient Chat Model']),
		});
		// n8n lists embeddings sub-nodes only where an Embedding input asks for one.
		const rag = example('rag-in-memory.json');
		const { id } = await createWorkflow(rest, {
			id: 'dogPanelVector01',
			name: 'A vector store without embeddings',
			nodes: rag.nodes.filter(({ name }: { name: string }) => name === 'Index Documents'),
			connections: {},
		}, { id: '', name: '' });
		await page.goto(`${n8n.url}/workflow/${id}`);
		expect({ atTheEmbeddingInput: await searchNodesPanelAtInput(page, 'Index Documents', 'ai_embedding', 'DigitalOcean', ['DigitalOcean Gradient Embeddings']) }).toEqual({
			atTheEmbeddingInput: ['DigitalOcean Gradient Embeddings'],
		});
	});

	it('runs the summarize example against the stand-in with a credential saved after the install', async () => {
		credential = await createCredential(rest);
		({ id: workflowId } = await createWorkflow(rest, example('summarize-reviews.json'), credential));
		const run = await runWorkflowInTheEditor();
		expect({ status: run.status, error: run.error }).toEqual({ status: 'success', error: undefined });
		expect(run.items('Keep product and summary')).toEqual(EXPECTED_SUMMARIES);
		expect({ ranVersions: versionsThatRan(run) }).toEqual({ ranVersions: [undefined, undefined, undefined] });
	});

	it(`offers ${NEXT_VERSION} once it is published, updates to it from the panel, and the workflow and its credential still run`, async () => {
		await publish(registry, nextTarball, path.join(workDir, 'publisher'));
		// The panel learns of updates when it lists the packages (n8n runs `npm outdated` then): open it again.
		await page.goto(`${n8n.url}/settings/community-nodes`);
		await packageCard().getByRole('button', { name: 'Update' }).click();
		await page.getByRole('button', { name: 'Confirm update' }).click();
		await packageCard().getByText(`v${NEXT_VERSION}`).waitFor({ timeout: 180_000 });

		const [installed] = await installedPackages();
		expect({ installedVersion: installed.installedVersion, updateAvailable: installed.updateAvailable }).toEqual({ installedVersion: NEXT_VERSION, updateAvailable: undefined });
		// What n8n loads from now on is the new version's files: its folder holds 0.1.1, and no backup of 0.1.0 is left.
		const nodesDir = path.join(n8n.userFolder, '.n8n', 'nodes', 'node_modules');
		expect(JSON.parse(readFileSync(path.join(nodesDir, PACKAGE, 'package.json'), 'utf8')).version).toBe(NEXT_VERSION);
		expect(readdirSync(nodesDir).filter((name) => name.startsWith(PACKAGE))).toEqual([PACKAGE]);
		expect({ tarballsServed: tarballsServed() }).toEqual({ tarballsServed: [`${PACKAGE}-${VERSION}.tgz`, `${PACKAGE}-${NEXT_VERSION}.tgz`] });

		const run = await runWorkflowInTheEditor();
		expect({ status: run.status, error: run.error }).toEqual({ status: 'success', error: undefined });
		expect(run.items('Keep product and summary')).toEqual(EXPECTED_SUMMARIES);
		// The replies carry 0.1.1's marker: n8n ran the new version's code, not 0.1.0's still in memory.
		expect({ ranVersions: versionsThatRan(run) }).toEqual({ ranVersions: [NEXT_VERSION, NEXT_VERSION, NEXT_VERSION] });
		expectOnlyTheRegistryAsked();
	});

	it('uninstalls from the panel: the package is gone, and so are its nodes from the nodes panel', async () => {
		await page.goto(`${n8n.url}/settings/community-nodes`);
		// The card's "⋮" menu: its last button (the only one once the package is up to date).
		await packageCard().getByRole('button').last().click();
		await page.getByText('Uninstall package').click();
		await page.getByRole('button', { name: 'Confirm uninstall' }).click();
		await packageCard().waitFor({ state: 'detached', timeout: 120_000 });

		expect(await installedPackages()).toEqual([]);
		expect(existsSync(path.join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE))).toBe(false);
		const types = (await rest.request('GET', '/types/nodes.json')).json as Array<{ name: string }>;
		expect(types.map(({ name }) => name).filter((name) => name.startsWith(`${PACKAGE}.`))).toEqual([]);
		await page.goto(`${n8n.url}/workflow/new`);
		await page.click('[data-test-id="node-creator-plus-button"]');
		const listed = await searchNodesPanel(page, 'DigitalOcean');
		expect({ listed: listed.filter((name) => OUR_NODE_NAMES.includes(name)) }).toEqual({ listed: [] });
		await page.goto(`${n8n.url}/workflow/dogPanelVector01`);
		await page.locator(inputPlus('Index Documents', 'ai_embedding')).click();
		const atTheEmbeddingInput = await searchNodesPanel(page, 'DigitalOcean');
		expect({ atTheEmbeddingInput: atTheEmbeddingInput.filter((name) => OUR_NODE_NAMES.includes(name)) }).toEqual({ atTheEmbeddingInput: [] });
	});
	it('with N8N_UNVERIFIED_PACKAGES_ENABLED=false (n8n warns it will become the default), offers no install and refuses one', async () => {
		earlierLogs += n8n.log();
		await n8n.stop();
		await n8n.start({ env: { ...behindProxyEnv(proxy, certificates, path.join(workDir, 'n8n-npm')), N8N_LOG_LEVEL: 'debug', N8N_UNVERIFIED_PACKAGES_ENABLED: 'false' } });
		await page.goto(`${n8n.url}/settings/community-nodes`);
		// The panel offers verified packages only, from the nodes panel, and no install by name.
		await page.getByText('Supercharge your workflows with verified community nodes').waitFor();
		expect({ installByNameOffered: await page.getByRole('button', { name: 'Install a community node' }).count() }).toEqual({ installByNameOffered: 0 });
		const refused = await rest.request('POST', '/rest/community-packages', { name: PACKAGE });
		expect({ refused: refused.status >= 400, message: refused.json?.message }).toEqual({
			refused: true,
			message: expect.stringContaining('Installation of unverified community packages is forbidden!'),
		});
		expect(await installedPackages()).toEqual([]);
	});
});

describe('queue mode: installed through the REST call the panel makes, on main and by n8n itself on a worker with its own folder; chat and embeddings run on the worker', () => {
	let redis: ChildProcess | undefined;
	let n8n: any;
	let worker: { log(): string; stop(): Promise<void> } | undefined;
	let rest: typeof RestSession.prototype;
	let workerFolder: string;

	beforeAll(async () => {
		const redisPort = await freePort();
		redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
		const mainFolder = path.join(workDir, 'queue-main');
		workerFolder = path.join(workDir, 'queue-worker');
		mkdirSync(workerFolder, { recursive: true });
		// The worker shares main's database (as it would share its Postgres), not its folder:
		// it has no package but what it installs itself.
		const queueMode = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			DB_SQLITE_DATABASE: path.join(mainFolder, '.n8n', 'database.sqlite'),
		};
		n8n = new LocalN8n({ runtime, userFolder: mainFolder, port: await freePort(), brokerPort: await freePort() });
		await n8n.start({ env: { ...behindProxyEnv(proxy, certificates, path.join(workDir, 'queue-main-npm')), ...queueMode } });
		worker = await n8n.spawnProcess('worker', {
			env: {
				...behindProxyEnv(proxy, certificates, path.join(workDir, 'queue-worker-npm')),
				...queueMode,
				N8N_USER_FOLDER: workerFolder,
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
			},
			ready: async (log: string) => log.includes('n8n worker is now ready'),
		});
		rest = new RestSession(n8n.url);
		await rest.signIn(OWNER);
	});

	afterAll(async () => {
		await worker?.stop();
		await n8n?.stop();
		redis?.kill();
		for (const [name, log] of [['main', n8n?.log?.() ?? ''], ['worker', worker?.log() ?? '']]) {
			expect({ process: name, keyInItsLog: log.includes(standIn.key) }).toEqual({ process: name, keyInItsLog: false });
		}
	});

	it('installs on main through POST /rest/community-packages, and the worker installs the same version itself from the registry', async () => {
		const latest = JSON.parse((await (await fetch(`${registry.url}/${PACKAGE}`)).text()))['dist-tags'].latest as string;
		const response = await rest.request('POST', '/rest/community-packages', { name: PACKAGE });
		expect({ status: response.status, installedVersion: response.json?.data?.installedVersion }).toEqual({ status: 200, installedVersion: latest });
		// Main tells the workers over Redis; each installs the package into its own folder.
		const deadline = Date.now() + 180_000;
		while (!worker!.log().includes(`Community package installed: ${PACKAGE}`)) {
			if (Date.now() > deadline) throw new Error(`The worker did not install ${PACKAGE} within 180 s. Its log:\n${worker!.log()}`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		const installedOnWorker = path.join(workerFolder, '.n8n', 'nodes', 'node_modules', PACKAGE, 'package.json');
		expect(JSON.parse(readFileSync(installedOnWorker, 'utf8')).version).toBe(latest);
		expectOnlyTheRegistryAsked();
	});

	it('answers a chat (the node) and a RAG question (the Embeddings and Chat Model sub-nodes) sent to webhooks, every execution run by the worker', async () => {
		const credential = await createCredential(rest);
		const chat = JSON.parse(readFileSync(path.join(__dirname, 'workflows', 'queue-webhook.json'), 'utf8'));
		const rag = example('rag-in-memory.json');
		const trigger = rag.nodes[0].name;
		const ragByWebhook = {
			...rag,
			id: 'dogPanelQueueRag',
			name: 'Queue mode: RAG behind a webhook',
			nodes: [
				{
					id: '30000000-0000-4000-8000-000000000001',
					name: trigger,
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
					parameters: { httpMethod: 'POST', path: 'gradient-queue-rag', responseMode: 'lastNode', options: {} },
				},
				...rag.nodes.slice(1),
			],
		};
		for (const workflow of [chat, ragByWebhook]) {
			const { id, versionId } = await createWorkflow(rest, workflow, credential);
			const activated = await rest.request('POST', `/rest/workflows/${id}/activate`, { versionId });
			if (activated.status !== 200) throw new Error(`Publishing ${workflow.name} failed (HTTP ${activated.status}): ${activated.text}`);
		}
		await waitForWebhook(`${n8n.url}/webhook/gradient-queue`, 'POST');
		await waitForWebhook(`${n8n.url}/webhook/gradient-queue-rag`, 'POST');
		const before = standIn.stats();

		const prompts = ['queued prompt 1', 'queued prompt 2'];
		const post = async (webhook: string, body: object) => {
			const answer = await fetch(`${n8n.url}/webhook/${webhook}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
			return { status: answer.status, body: await answer.text() };
		};
		const chats = await Promise.all(prompts.map((prompt) => post('gradient-queue', { prompt })));
		expect(chats.map(({ status, body }) => ({ status, content: JSON.parse(body).content }))).toEqual(
			prompts.map((prompt) => ({ status: 200, content: `Echo from llama3.3-70b-instruct: ${prompt}` })),
		);
		const ragAnswer = await post('gradient-queue-rag', {});
		expect({ status: ragAnswer.status, output: JSON.parse(ragAnswer.body).output }).toEqual({
			status: 200,
			output: expect.stringContaining('The shark lives in the ocean and hunts fish.'),
		});
		const after = standIn.stats();
		// The three documents indexed and the agent's question embedded, by our Embeddings sub-node.
		expect({ textsEmbedded: after.embeddedInputs - before.embeddedInputs }).toEqual({ textsEmbedded: 4 });

		// Every execution n8n recorded (ours, and the calls that waited for the webhooks) was finished by the worker.
		const recorded = (await rest.request('GET', '/rest/executions?limit=100')).json.data.results as Array<{ id: string; status: string }>;
		const finishedBy = (log: string) => [...log.matchAll(/Worker finished execution (\d+)/g)].map(([, id]) => id).sort();
		// (The calls that waited for the chat's webhook sent no prompt: those executions failed, on the worker too.)
		expect({ atLeastOursRecorded: recorded.length >= prompts.length + 1 }).toEqual({ atLeastOursRecorded: true });
		expect({ finishedByTheWorker: finishedBy(worker!.log()) }).toEqual({ finishedByTheWorker: recorded.map(({ id }) => id).sort() });
		expect({ finishedOnMain: finishedBy(n8n.log()) }).toEqual({ finishedOnMain: [] });
		expectOnlyTheRegistryAsked();
	});
});
