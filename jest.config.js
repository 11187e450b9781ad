/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
	reporters: ['default', '<rootDir>/test/summaryReporter.js'],
};
