// The installer behind `npm start` and the end-to-end tests (dev/installer.js), on a small
// package whose install script "builds" its binding, the way sqlite3's builds
// build/Release/node_sqlite3.node. Real npm, no network.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/* eslint-disable @typescript-eslint/no-require-imports */
const { envWithScripts, installChecked, nativeModuleProblems, rebuildNative, versionProblems } = require('../dev/installer');
/* eslint-enable @typescript-eslint/no-require-imports */

const NATIVE = { moduleName: 'fake-native', binding: path.join('build', 'Release', 'binding.js') };
/** What npm exports to every child of an npm script in this project (its .npmrc says ignore-scripts=true). */
const INSIDE_AN_NPM_SCRIPT = { ...process.env, npm_config_ignore_scripts: 'true' };

let scratch: string;
beforeEach(() => {
	scratch = mkdtempSync(path.join(tmpdir(), 'gradient-installer-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder with fake-native installed but not built, as `npm install --ignore-scripts` leaves sqlite3. */
function unbuiltInstall(dir = path.join(scratch, 'install')): string {
	const moduleDir = path.join(dir, 'node_modules', NATIVE.moduleName);
	mkdirSync(moduleDir, { recursive: true });
	writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, dependencies: { [NATIVE.moduleName]: '1.0.0' } }));
	writeFileSync(
		path.join(moduleDir, 'package.json'),
		JSON.stringify({ name: NATIVE.moduleName, version: '1.0.0', main: 'index.js', scripts: { install: 'node build.js' } }),
	);
	writeFileSync(path.join(moduleDir, 'index.js'), "module.exports = require('./build/Release/binding.js');\n");
	writeFileSync(
		path.join(moduleDir, 'build.js'),
		"require('fs').mkdirSync('build/Release', { recursive: true });\n" +
			"require('fs').writeFileSync('build/Release/binding.js', 'module.exports = 42;');\n",
	);
	return dir;
}

const bindingOf = (dir: string) => path.join(dir, 'node_modules', NATIVE.moduleName, NATIVE.binding);
const problemsOf = (dir: string) => nativeModuleProblems(dir, { ...NATIVE, node: process.execPath });

describe('building a native module', () => {
	it('the trap: a plain `npm rebuild` under an npm script of this project builds nothing, and says it succeeded', () => {
		const dir = unbuiltInstall();
		const result = spawnSync('npm', ['rebuild', NATIVE.moduleName], { cwd: dir, env: INSIDE_AN_NPM_SCRIPT, encoding: 'utf8' });
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('rebuilt dependencies successfully');
		expect(existsSync(bindingOf(dir))).toBe(false);
	});

	it('rebuildNative() builds it even under an npm script with ignore-scripts=true', async () => {
		const dir = unbuiltInstall();
		await rebuildNative(dir, NATIVE.moduleName, { env: INSIDE_AN_NPM_SCRIPT, quiet: true });
		expect(existsSync(bindingOf(dir))).toBe(true);
		expect(await problemsOf(dir)).toEqual([]);
	});

	it('drops npm_config_ignore_scripts from the environment in any case, and keeps the rest', () => {
		const env = envWithScripts({ PATH: '/bin', npm_config_ignore_scripts: 'true', NPM_CONFIG_IGNORE_SCRIPTS: '1', npm_config_cache: '/c' });
		expect(env).toEqual({ PATH: '/bin', npm_config_cache: '/c' });
	});
});

describe('checking an install', () => {
	it('finds a missing binding', async () => {
		expect(await problemsOf(unbuiltInstall())).toEqual([`fake-native's native binding ${NATIVE.binding} is missing`]);
	});

	it('finds a binding that is there but does not load under the Node.js that will run it', async () => {
		const dir = unbuiltInstall();
		mkdirSync(path.dirname(bindingOf(dir)), { recursive: true });
		writeFileSync(bindingOf(dir), "throw new Error('Module did not self-register');");
		const [problem, ...others] = await problemsOf(dir);
		expect(others).toEqual([]);
		expect(problem).toMatch(/^fake-native does not load under .*node: Error: Module did not self-register$/);
	});

	it('checks what a command prints for its version', async () => {
		expect(await versionProblems('Node.js', process.execPath, ['--version'], process.version)).toEqual([]);
		expect(await versionProblems('Node.js', process.execPath, ['--version'], 'v0.0.1')).toEqual([
			`Node.js printed "${process.version}" instead of v0.0.1`,
		]);
		expect(await versionProblems('Node.js', process.execPath, ['-e', 'process.exit(3)'], 'v0.0.1')).toEqual([
			expect.stringMatching(/^Node.js failed: .*exit code 3/),
		]);
	});
});

describe('installing into the cache', () => {
	const quietly = async <T>(work: () => Promise<T>): Promise<{ result: T; printed: string }> => {
		const lines: string[] = [];
		const spy = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
		try {
			return { result: await work(), printed: lines.join('\n') };
		} finally {
			spy.mockRestore();
		}
	};
	const cacheDir = () => path.join(scratch, 'cache');
	const install = jest.fn(async (staging: string) => {
		unbuiltInstall(staging);
		await rebuildNative(staging, NATIVE.moduleName, { env: INSIDE_AN_NPM_SCRIPT, quiet: true });
	});
	const repair = jest.fn((dir: string) => rebuildNative(dir, NATIVE.moduleName, { quiet: true }));
	const fakeNative = { name: 'fake-1.0.0', describe: 'Installing fake-native', install, check: problemsOf, repair };
	beforeEach(() => {
		install.mockClear();
		repair.mockClear();
	});

	it('installs once, checks it, and reuses a cached install that passes the check', async () => {
		const { result: target } = await quietly<string>(() => installChecked({ cacheDir: cacheDir(), ...fakeNative }));
		expect(target).toBe(path.join(cacheDir(), 'fake-1.0.0'));
		expect(await problemsOf(target)).toEqual([]);
		expect(readdirSync(cacheDir())).toEqual(['fake-1.0.0']);

		const { printed } = await quietly(() => installChecked({ cacheDir: cacheDir(), ...fakeNative }));
		expect(install).toHaveBeenCalledTimes(1);
		expect(repair).not.toHaveBeenCalled();
		expect(printed).toBe('');
	});

	it('repairs a cached install marked complete whose binding was never built (what the old installer left)', async () => {
		const target = unbuiltInstall(path.join(cacheDir(), 'fake-1.0.0'));
		writeFileSync(path.join(target, '.complete'), 'by an older installer');

		const { printed } = await quietly(() => installChecked({ cacheDir: cacheDir(), ...fakeNative }));
		expect(printed.split('\n')[0]).toBe(
			`[setup] The cached fake-1.0.0 does not work (fake-native's native binding ${NATIVE.binding} is missing): repairing it`,
		);
		expect(repair).toHaveBeenCalledWith(target);
		expect(install).not.toHaveBeenCalled();
		expect(await problemsOf(target)).toEqual([]);
	});

	it('installs again when the repair does not help', async () => {
		const target = unbuiltInstall(path.join(cacheDir(), 'fake-1.0.0'));
		writeFileSync(path.join(target, '.complete'), 'by an older installer');
		repair.mockImplementationOnce(async () => undefined);

		const { printed } = await quietly(() => installChecked({ cacheDir: cacheDir(), ...fakeNative }));
		expect(printed).toContain('still broken after the repair');
		expect(install).toHaveBeenCalledTimes(1);
		expect(await problemsOf(target)).toEqual([]);
	});

	it('installs again when the repair itself fails', async () => {
		const target = unbuiltInstall(path.join(cacheDir(), 'fake-1.0.0'));
		writeFileSync(path.join(target, '.complete'), 'by an older installer');
		repair.mockImplementationOnce(async () => {
			throw new Error('npm rebuild fake-native failed with exit code 1:\ngyp ERR! not ok');
		});

		const { printed } = await quietly(() => installChecked({ cacheDir: cacheDir(), ...fakeNative }));
		expect(printed).toContain('still broken after the repair (the repair failed: gyp ERR! not ok): installing it again');
		expect(install).toHaveBeenCalledTimes(1);
		expect(await problemsOf(target)).toEqual([]);
	});

	it('never marks an install complete that fails its check', async () => {
		const broken = { ...fakeNative, install: async (staging: string) => void unbuiltInstall(staging) };
		await expect(quietly(() => installChecked({ cacheDir: cacheDir(), ...broken }))).rejects.toThrow(
			`Installing fake-native finished, but the install does not work: fake-native's native binding ${NATIVE.binding} is missing`,
		);
		expect(existsSync(path.join(cacheDir(), 'fake-1.0.0'))).toBe(false);
	});
});
