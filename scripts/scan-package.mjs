#!/usr/bin/env node
// Checks what npm would publish: the packed tarball holds only dist/, the README, LICENSE,
// CHANGELOG and package.json, and n8n's community package scanner finds no error and no
// warning in it. (The scanner's CLI downloads from the registry; its analysis runs on a
// local folder, here the extracted tarball.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ESLint } from 'eslint';
import glob from 'fast-glob';
import { buildScanConfig } from '@n8n/scan-community-package/scanner/scanner.mjs';

const require = createRequire(import.meta.url);
const { buildAndPack } = require('../dev/pack');

const workDir = mkdtempSync(path.join(tmpdir(), 'gradient-scan-'));
try {
	const tarball = buildAndPack(workDir);
	execFileSync('tar', ['-xzf', tarball, '-C', workDir]);
	const packageDir = path.join(workDir, 'package');

	const allowed = /^(dist\/.+|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;
	const packed = glob.sync('**/*', { cwd: packageDir, dot: true });
	const unexpected = packed.filter((file) => !allowed.test(file));
	console.log(`Packed ${path.basename(tarball)}: ${statSync(tarball).size} bytes, ${packed.length} files`);
	if (unexpected.length > 0) {
		console.log(`Files that should not be published: ${unexpected.join(', ')}`);
		process.exitCode = 1;
	}

	const eslint = new ESLint({
		cwd: packageDir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(['**/*.js', '**/*.ts', '**/*.json'], { cwd: packageDir, absolute: true, ignore: ['node_modules/**'] });
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
	const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
	if (errors + warnings > 0) console.log(await (await eslint.loadFormatter('stylish')).format(results));
	console.log(`n8n community package scan of ${path.basename(tarball)}: ${files.length} files, ${errors} errors, ${warnings} warnings`);
	if (errors + warnings > 0) process.exitCode = 1;
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
