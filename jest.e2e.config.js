/** End-to-end tests: a real n8n (installed once into a cache), the stand-in API, a real browser. */
/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	testTimeout: 600_000,
	maxWorkers: 1,
	reporters: ['default', '<rootDir>/test/summaryReporter.js'],
};
