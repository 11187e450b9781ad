// Installs into a cache folder once, and only calls an install complete after checking that
// it works. A cached install that fails its check (a half-built one from an older installer,
// a binding removed by hand) is repaired, or installed again, without anyone deleting folders.
const { spawn } = require('node:child_process');
const { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const log = (message) => console.log(`[setup] ${message}`);

/** Runs a command, printing a heartbeat while it works; rejects with its output's tail when it fails. */
function run(command, args, { cwd, env = process.env, quiet = false, heartbeat = true } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		const keep = (stream) => (chunk) => {
			output = (output + chunk).slice(-4000);
			if (!quiet) stream.write(chunk);
		};
		child.stdout.on('data', keep(process.stdout));
		child.stderr.on('data', keep(process.stderr));
		const timer = heartbeat
			? setInterval(() => log(`  ...still running ${command} ${args[0]} (${Math.round((Date.now() - started) / 1000)} s)`), 30_000)
			: undefined;
		child.on('error', (error) => {
			clearInterval(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearInterval(timer);
			if (code === 0) resolve(output);
			else reject(new Error(`${command} ${args.join(' ')} failed with exit code ${code}:\n${output.trim()}`));
		});
	});
}

/**
 * The environment for an npm command that must run install scripts. npm exports its whole
 * configuration to child processes as npm_config_* variables: run from an npm script of this
 * project (whose .npmrc says ignore-scripts=true), every npm child inherits
 * npm_config_ignore_scripts=true, and `npm rebuild` then silently builds nothing.
 */
function envWithScripts(env = process.env) {
	const result = { ...env };
	for (const name of Object.keys(result)) {
		if (name.toLowerCase() === 'npm_config_ignore_scripts') delete result[name];
	}
	return result;
}

/** Builds a native module's install script in `dir`, whatever npm configuration the caller inherits. */
async function rebuildNative(dir, moduleName, { env = process.env, quiet = false } = {}) {
	await run('npm', ['rebuild', moduleName, '--ignore-scripts=false', '--foreground-scripts'], {
		cwd: dir,
		env: envWithScripts(env),
		quiet,
	});
}

/**
 * Installs `name` into `<cacheDir>/<name>` through a temporary folder, then checks it.
 * `check(dir)` resolves with a list of problems (empty when the install works);
 * `repair(dir)`, when given, is tried once on a cached install that fails the check,
 * before installing it again.
 */
async function installChecked({ cacheDir, name, describe, install, check, repair }) {
	const target = path.join(cacheDir, name);
	if (existsSync(path.join(target, '.complete'))) {
		const problems = await check(target);
		if (problems.length === 0) return target;
		log(`The cached ${name} does not work (${problems.join('; ')}): ${repair ? 'repairing it' : 'installing it again'}`);
		if (repair) {
			const left = await repair(target).then(
				() => check(target),
				(error) => [`the repair failed: ${lastLine(error.message)}`],
			);
			if (left.length === 0) {
				log(`  repaired ${target}`);
				return target;
			}
			log(`  still broken after the repair (${left.join('; ')}): installing it again`);
		}
	}
	const staging = `${target}.partial`;
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging, { recursive: true });
	log(`${describe} into ${target} (first run only)`);
	const started = Date.now();
	await install(staging);
	const problems = await check(staging);
	if (problems.length > 0) {
		throw new Error(`${describe} finished, but the install does not work: ${problems.join('; ')} (left in ${staging})`);
	}
	writeFileSync(path.join(staging, '.complete'), new Date().toISOString());
	rmSync(target, { recursive: true, force: true });
	renameSync(staging, target);
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

module.exports = { envWithScripts, installChecked, log, nativeModuleProblems, rebuildNative, run, versionProblems };
