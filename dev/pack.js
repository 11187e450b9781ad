// Builds the package and packs it into a tarball: exactly what `npm publish` would ship and
// what n8n's Community Nodes installer would download.
const { execFileSync } = require('node:child_process');
const { mkdirSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** Runs `npm pack` with `args` (in `cwd`) into `destination`; returns the tarball's path. */
function npmPack(args, destination, cwd = root) {
	const output = execFileSync('npm', ['pack', ...args, '--json', '--pack-destination', destination], {
		cwd,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const [{ filename }] = JSON.parse(output);
	return path.join(destination, filename);
}

function buildAndPack(destination) {
	mkdirSync(destination, { recursive: true });
	execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	return npmPack([], destination);
}

module.exports = { buildAndPack, npmPack, root };
