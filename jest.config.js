/**
 * The tests are CommonJS TypeScript (.cts), their own TypeScript project (tsconfig.tooling.json):
 * `n8n-node lint` lints every .ts file with n8n Cloud's rules for a node's code, which a test
 * (node:fs, process, timers) cannot follow. Tooling imports each other as `./x.cjs`, as
 * TypeScript asks for .cts files; the resolver finds the .cts source.
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.cts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	moduleFileExtensions: ['ts', 'cts', 'js', 'json'],
	transform: { '^.+\\.c?ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.tooling.json' }] },
	resolver: '<rootDir>/scripts/jest-resolver.js',
	setupFilesAfterEnv: ['<rootDir>/test/setup.cts'],
	reporters: ['default', '<rootDir>/test/summaryReporter.js'],
	// Not a timing assertion: a test that loads n8n's AI node SDK first (the Chat Model's) can take
	// more than jest's 5 s on a busy 2-core machine.
	testTimeout: 30_000,
};
