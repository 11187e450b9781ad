#!/usr/bin/env node
// `npm start`: a local n8n with this package installed, its two credentials and the example
// workflows ready, on http://localhost:5678. Without MODEL_ACCESS_KEY the model credential points
// at the stand-in API started here; with it, at DigitalOcean (or DO_INFERENCE_BASE_URL). Without
// AGENT_ENDPOINT and AGENT_ACCESS_KEY the agent credential points at the stand-in's agent; with
// them, at that agent. Run it through `npm start`, which installs the locked dependencies first.
const { createHash } = require('node:crypto');
const { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const { EXAMPLES_AGENT_CREDENTIAL: AGENT_CREDENTIAL, EXAMPLES_CREDENTIAL: CREDENTIAL, EXAMPLES_DIR: examplesDir, LocalN8n, RestSession } = require('./n8n');
const { buildAndPack, root } = require('./pack');
const { failed, SetupError } = require('./installer');
const { ensureRuntime } = require('./runtime');
const { startStandIn } = require('./stand-in/server');

const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const STAND_IN_PORT = Number(process.env.STAND_IN_PORT ?? 8787);
const OWNER = { email: 'owner@example.com', password: 'Gradient-Local-1' };
const localDir = path.join(root, '.local');

const step = (message) => console.log(`[start] ${message}`);

/** Imports the examples on the first start, and again only when they change. */
async function importExamples(n8n) {
	const files = readdirSync(examplesDir).filter((file) => file.endsWith('.json')).sort();
	const hash = createHash('sha256');
	for (const file of files) hash.update(readFileSync(path.join(examplesDir, file)));
	const marker = path.join(n8n.userFolder, 'examples-imported');
	const digest = hash.digest('hex');
	if (existsSync(marker) && readFileSync(marker, 'utf8') === digest) return;
	step(`Importing ${files.length} example workflows`);
	await n8n.mustCli(['import:workflow', '--separate', `--input=${examplesDir}`]);
	writeFileSync(marker, digest);
}

async function main() {
	const { AGENT_ENDPOINT, AGENT_ACCESS_KEY, MODEL_ACCESS_KEY } = process.env;
	if (Boolean(AGENT_ENDPOINT) !== Boolean(AGENT_ACCESS_KEY)) {
		throw new SetupError('Set both AGENT_ENDPOINT and AGENT_ACCESS_KEY (a real agent), or neither (the stand-in\'s agent).');
	}

	step('Building and packing the node');
	const tarball = buildAndPack(path.join(localDir, 'pack'));
	const runtime = await ensureRuntime();

	// The stand-in serves whichever credential is given no real key: the models and the agent on one port.
	const standIn = MODEL_ACCESS_KEY && AGENT_ENDPOINT ? undefined : await startStandIn({ port: STAND_IN_PORT });
	if (standIn) step(`Started the stand-in API on ${standIn.url}`);

	let data;
	if (MODEL_ACCESS_KEY) {
		data = { apiKey: MODEL_ACCESS_KEY, baseUrl: process.env.DO_INFERENCE_BASE_URL ?? 'https://inference.do-ai.run' };
		step(`MODEL_ACCESS_KEY is set: the credential uses ${data.baseUrl}`);
	} else {
		data = { apiKey: standIn.key, baseUrl: standIn.url };
		step('No MODEL_ACCESS_KEY: the credential uses the stand-in API');
	}
	let agentData;
	if (AGENT_ENDPOINT) {
		agentData = { endpoint: AGENT_ENDPOINT, apiKey: AGENT_ACCESS_KEY };
		step(`AGENT_ENDPOINT and AGENT_ACCESS_KEY are set: the agent credential uses ${agentData.endpoint}`);
	} else {
		agentData = { endpoint: standIn.url, apiKey: standIn.agentKey };
		step("No AGENT_ENDPOINT: the agent credential uses the stand-in's agent");
	}

	const n8n = new LocalN8n({ runtime, userFolder: path.join(localDir, 'n8n'), port: N8N_PORT });
	step(`Installing ${path.basename(tarball)} into n8n's nodes folder`);
	await n8n.installPackage(tarball);
	step('Saving the credentials');
	await n8n.importCredentials([
		{ ...CREDENTIAL, data },
		{ ...AGENT_CREDENTIAL, data: agentData },
	]);
	await importExamples(n8n);

	step(`Starting n8n ${runtime.n8nVersion} (about 15 s)`);
	const logFile = path.join(localDir, 'n8n.log');
	writeFileSync(logFile, '');
	const stopAll = async () => {
		await n8n.stop();
		await standIn?.close();
	};
	let stopping = false;
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => {
			if (stopping) return;
			stopping = true;
			step('Stopping n8n and the stand-in');
			stopAll().then(() => process.exit(0));
		});
	}
	await n8n.start({ onLog: (text) => appendFileSync(logFile, text) });
	await new RestSession(n8n.url).signIn(OWNER);

	console.log(`
  n8n is running with the DigitalOcean Gradient node: http://localhost:${N8N_PORT}
  (on 127.0.0.1 only; N8N_PORT and STAND_IN_PORT move the ports; from another machine: ssh -L ${N8N_PORT}:127.0.0.1:${N8N_PORT} <this machine>)
  Log in with ${OWNER.email} / ${OWNER.password}
  Example workflows: ${readdirSync(examplesDir).join(', ')}
  Credential "${CREDENTIAL.name}" → ${data.baseUrl}${MODEL_ACCESS_KEY ? '' : ' (stand-in API, no real key needed)'}
  Credential "${AGENT_CREDENTIAL.name}" → ${agentData.endpoint}${AGENT_ENDPOINT ? '' : " (the stand-in's agent, no real key needed)"}
  n8n's log: ${path.relative(process.cwd(), logFile)}
  Press Ctrl-C to stop.
`);
}

main().catch(failed);
