/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
	reporters: ['default', '<rootDir>/test/summaryReporter.js'],
};
