// A local n8n with this package installed the way n8n's Community Nodes installer does it:
// an isolated user folder, the packed tarball in its nodes/ folder, credentials and workflows
// imported by n8n's own CLI, the server started and stopped. Used by `npm start` and the
// end-to-end tests.
const { spawn } = require('node:child_process');
const { mkdirSync, writeFileSync, existsSync } = require('node:fs');
const { createServer } = require('node:net');
const path = require('node:path');

const ENCRYPTION_KEY = 'n8n-nodes-digitalocean-gradient-local-only';

/** The example workflows, and the credentials they refer to (by this id and name). */
const EXAMPLES_DIR = path.resolve(__dirname, '..', 'examples');
const EXAMPLES_CREDENTIAL = {
	id: 'dogradientcred01',
	name: 'DigitalOcean Gradient account',
	type: 'digitalOceanGradientApi',
};
/** The agent's credential (Agent → Message an Agent): an agent's endpoint and its endpoint access key. */
const EXAMPLES_AGENT_CREDENTIAL = {
	id: 'dogradientagent1',
	name: 'DigitalOcean Gradient Agent account',
	type: 'digitalOceanGradientAgentApi',
};

/** A free TCP port on 127.0.0.1. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * The run data `n8n execute --rawOutput` printed, or undefined. The JSON is printed indented, so
 * its first and last lines are exactly "{" and "}"; log lines may come before and after it.
 */
function parseRawOutput(stdout) {
	const lines = stdout.split('\n');
	const start = lines.indexOf('{');
	const end = lines.indexOf('}', start);
	if (start < 0 || end < start) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return undefined;
	}
}

/** Runs a command and collects its output; never rejects on a non-zero exit or a signal. */
function capture(command, args, { env, cwd } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
	});
}

class LocalN8n {
	/**
	 * @param {{ runtime: { node: string, n8nEntry: string, env: Record<string, string> },
	 *   userFolder: string, port?: number, brokerPort?: number, logFile?: string }} options
	 */
	constructor({ runtime, userFolder, port = 5678, brokerPort = port + 1000 }) {
		this.runtime = runtime;
		this.userFolder = userFolder;
		this.port = port;
		this.brokerPort = brokerPort;
		this.url = `http://127.0.0.1:${port}`;
		this.server = undefined;
		mkdirSync(userFolder, { recursive: true });
	}

	env(extra = {}) {
		// n8n turns itself into a silent test double under NODE_ENV=test (which jest sets).
		const { NODE_ENV, JEST_WORKER_ID, ...inherited } = process.env;
		return {
			...inherited,
			...this.runtime.env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			...extra,
		};
	}

	/** Runs an n8n CLI command against this user folder. */
	async cli(args, extraEnv = {}) {
		// A CLI command boots its own n8n: keep its task broker off the server's port.
		const env = this.env({ N8N_RUNNERS_BROKER_PORT: String(this.brokerPort + 1), ...extraEnv });
		return capture(this.runtime.node, [this.runtime.n8nEntry, ...args], { env });
	}

	async mustCli(args) {
		const result = await this.cli(args);
		if (result.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
		}
		return result;
	}

	/** Installs a package tarball into <user folder>/.n8n/nodes, as the Community Nodes panel does. */
	async installPackage(tarball) {
		const nodesDir = path.join(this.userFolder, '.n8n', 'nodes');
		mkdirSync(nodesDir, { recursive: true });
		if (!existsSync(path.join(nodesDir, 'package.json'))) {
			writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
		}
		const result = await capture(
			'npm',
			['install', tarball, '--legacy-peer-deps', '--no-audit', '--no-fund', '--no-package-lock'],
			{ cwd: nodesDir, env: { ...process.env, ...this.runtime.env } },
		);
		if (result.code !== 0) throw new Error(`Installing ${tarball} failed:\n${result.stderr}`);
	}

	async importCredentials(credentials) {
		const file = path.join(this.userFolder, 'credentials-to-import.json');
		writeFileSync(file, JSON.stringify(credentials));
		await this.mustCli(['import:credentials', `--input=${file}`]);
	}

	async importWorkflows(workflowFiles) {
		for (const file of workflowFiles) await this.mustCli(['import:workflow', `--input=${file}`]);
	}

	/**
	 * Executes a saved workflow headless. Resolves with the exit code, the parsed run data and
	 * everything printed.
	 */
	async execute(workflowId, extraEnv = {}) {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], extraEnv);
		return { ...result, output: parseRawOutput(result.stdout) };
	}

	/**
	 * Starts an n8n process (`start` for the server, `worker` for a queue-mode worker) and
	 * keeps what it prints. Resolves with its handle once `ready()` says so.
	 */
	async spawnProcess(command, { env = {}, onLog, ready }) {
		const child = spawn(this.runtime.node, [this.runtime.n8nEntry, command], {
			env: this.env(env),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let log = '';
		const keep = (chunk) => {
			log += chunk;
			onLog?.(chunk.toString());
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const handle = {
			log: () => log,
			stop: async () => {
				if (child.exitCode !== null || child.signalCode !== null) return;
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGTERM');
				const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
				await exited;
				clearTimeout(killer);
			},
		};
		const exited = new Promise((resolve) => child.once('exit', resolve));
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline) {
			const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('waiting'), 500))]);
			if (code !== 'waiting') throw new Error(`n8n ${command} exited with code ${code} while starting:\n${log}`);
			if (await ready(log)) return handle;
		}
		await handle.stop();
		throw new Error(`n8n ${command} was not ready after 120 s:\n${log}`);
	}

	/**
	 * Starts the server; resolves once n8n answers its readiness check and its REST API (n8n 1.x
	 * is "ready" some seconds before it mounts /rest: its routes answer 404 until then).
	 */
	async start({ onLog, env = {} } = {}) {
		this.server = await this.spawnProcess('start', {
			env,
			onLog,
			ready: async () => {
				try {
					return (await fetch(`${this.url}/healthz/readiness`)).ok && (await fetch(`${this.url}/rest/settings`)).status !== 404;
				} catch {
					return false;
				}
			},
		});
		this.log = this.server.log;
	}

	/** Stops the server (SIGTERM, then SIGKILL after 15 s). */
	async stop() {
		await this.server?.stop();
	}
}

/** A logged-in REST session, the way the editor talks to n8n. */
class RestSession {
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		this.cookie = '';
	}

	async request(method, urlPath, body) {
		const response = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		const match = setCookie && /n8n-auth=[^;]+/.exec(setCookie);
		if (match) this.cookie = match[0];
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, json, text };
	}

	/** Creates the owner account on a new instance, or logs in to an existing one. */
	async signIn({ email, password, firstName = 'Local', lastName = 'Owner' }) {
		const setup = await this.request('POST', '/rest/owner/setup', { email, password, firstName, lastName });
		if (setup.status === 200) return;
		const login = await this.request('POST', '/rest/login', { emailOrLdapLoginId: email, password });
		if (login.status !== 200) throw new Error(`Could not sign in to n8n: ${setup.text} / ${login.text}`);
	}
}

module.exports = { LocalN8n, RestSession, EXAMPLES_DIR, EXAMPLES_CREDENTIAL, EXAMPLES_AGENT_CREDENTIAL, freePort, parseRawOutput };
