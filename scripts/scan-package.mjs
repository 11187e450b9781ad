#!/usr/bin/env node
// n8n's community package scanner, run on what npm would publish: the packed tarball,
// extracted. (Its CLI downloads from the registry; its analysis runs on a local folder.)
// Fails on any error or warning.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
	process.exitCode = errors + warnings > 0 ? 1 : 0;
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
