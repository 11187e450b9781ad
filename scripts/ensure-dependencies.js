#!/usr/bin/env node
// Lets `npm test` work on a fresh clone: installs the locked dev dependencies when they are
// missing or older than package-lock.json, and does nothing otherwise. Without install scripts:
// n8n-core 2.x pulls native modules (isolated-vm) that do not build on Node 20, and the engine
// parts the tests use are plain JavaScript.
const { execSync } = require('node:child_process');
const { existsSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const lockfile = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');

const upToDate = existsSync(installed) && statSync(installed).mtimeMs >= statSync(lockfile).mtimeMs;
if (!upToDate) {
	console.log('Installing the dependencies pinned in package-lock.json (npm ci)...');
	execSync('npm ci --ignore-scripts --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
