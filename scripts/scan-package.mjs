#!/usr/bin/env node
// n8n's community package scanner, both of its legs, offline: no error and no warning in either.
// 1. The source: the scanner fetches the GitHub source at the commit the npm provenance attests
//    and lints package.json, nodes/** and credentials/** there. Here: the commit at HEAD, taken
//    out with `git archive` (what GitHub's tarball of a commit holds), linted the same way.
// 2. The tarball: what npm would publish holds only dist/, the README, LICENSE, CHANGELOG and
//    package.json, and is linted with the scanner's config on more than the scanner reads in a
//    downloaded package (its **/*.js and package.json): every .js, .ts and .json file.
// (The scanner's CLI downloads from the registry and GitHub; its analysis runs on local folders.)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ESLint } from 'eslint';
import glob from 'fast-glob';
import { buildScanConfig, findPackageRoot, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const require = createRequire(import.meta.url);
const { buildAndPack, root } = require('../dev/pack');
const { name: packageName } = require('../package.json');

/** Lints `patterns` in `dir` as the scanner does; returns the number of errors and warnings. */
async function scan(label, dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const results = await eslint.lintFiles(files);
	const problems = results.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0);
	if (problems > 0) console.log(await (await eslint.loadFormatter('stylish')).format(results));
	console.log(`n8n community package scan of ${label}: ${files.length} files, ${problems} errors or warnings`);
	return problems;
}

async function scanSourceAtHead(workDir) {
	const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
	const sourceDir = path.join(workDir, 'source');
	mkdirSync(sourceDir);
	const archive = path.join(workDir, 'source.tar');
	execFileSync('git', ['archive', '--format=tar', '-o', archive, 'HEAD'], { cwd: root });
	execFileSync('tar', ['-xf', archive, '-C', sourceDir]);
	const packageRoot = findPackageRoot(sourceDir, packageName);
	if (!packageRoot) {
		console.log(`The source at ${commit} has no package.json named ${packageName}`);
		return 1;
	}
	return await scan(`the source at HEAD (${commit})`, packageRoot, SOURCE_FILE_PATTERNS);
}

async function scanTarball(workDir) {
	const tarball = buildAndPack(workDir);
	execFileSync('tar', ['-xzf', tarball, '-C', workDir]);
	const packageDir = path.join(workDir, 'package');

	const allowed = /^(dist\/.+|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;
	const packed = glob.sync('**/*', { cwd: packageDir, dot: true });
	const unexpected = packed.filter((file) => !allowed.test(file));
	console.log(`Packed ${path.basename(tarball)}: ${statSync(tarball).size} bytes, ${packed.length} files`);
	if (unexpected.length > 0) console.log(`Files that should not be published: ${unexpected.join(', ')}`);
	return unexpected.length + (await scan(path.basename(tarball), packageDir, ['**/*.js', '**/*.ts', '**/*.json']));
}

const workDir = mkdtempSync(path.join(tmpdir(), 'gradient-scan-'));
try {
	const problems = (await scanSourceAtHead(workDir)) + (await scanTarball(workDir));
	if (problems > 0) process.exitCode = 1;
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
