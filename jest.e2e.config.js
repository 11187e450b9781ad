/** End-to-end tests: a real n8n (installed once into a cache), the stand-in API, a real browser. */
const unitTests = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
	...unitTests,
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.cts'],
	testPathIgnorePatterns: ['/node_modules/'],
	setupFilesAfterEnv: [],
	testTimeout: 600_000,
	maxWorkers: 1,
};
