/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': '<rootDir>/test/jest.transform.js' },
	setupFiles: ['<rootDir>/test/setup/env.js'],
	testTimeout: 60000,
	maxWorkers: 2,
};
