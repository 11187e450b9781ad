// The local npm registry the Community Nodes end-to-end test publishes to: verdaccio, pinned,
// installed once into the cache n8n is installed into (a new machine installs it on first use),
// and checked on every use. Only the npm registry is used.
const { writeFileSync } = require('node:fs');
const path = require('node:path');

const { failed, installChecked, log, run, versionProblems } = require('./installer');
const { cacheDir } = require('./runtime');

/** The last verdaccio that runs on Node.js 20 (6.10 wants 22), where the tests run. */
const VERDACCIO_VERSION = '6.8.0';

/** Resolves with verdaccio's script, to run with this Node.js. Install scripts stay off. */
async function ensureVerdaccio() {
	const bin = (dir) => path.join(dir, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
	const dir = await installChecked({
		cacheDir,
		name: `verdaccio-${VERDACCIO_VERSION}`,
		describe: `Installing verdaccio ${VERDACCIO_VERSION}, the local npm registry of the Community Nodes test`,
		install: async (staging) => {
			writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ private: true }));
			await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', `verdaccio@${VERDACCIO_VERSION}`], {
				cwd: staging,
				quiet: true,
			});
		},
		check: (dir) => versionProblems('verdaccio --version', process.execPath, [bin(dir), '--version'], `v${VERDACCIO_VERSION}`),
	});
	return bin(dir);
}

module.exports = { ensureVerdaccio, VERDACCIO_VERSION };

if (require.main === module) {
	ensureVerdaccio().then((script) => log(`verdaccio ${VERDACCIO_VERSION} is ready: ${script}`), failed);
}
