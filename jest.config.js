/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: '<rootDir>/test/setup/environment.js',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.[jt]s$': '<rootDir>/test/jest.transform.js' },
	// the Send Email node pulls in sanitize-html, whose htmlparser2 family is ESM-only: compile it to CommonJS
	transformIgnorePatterns: [
		'/node_modules/(?!(sanitize-html/node_modules/)?(htmlparser2|domhandler|domutils|dom-serializer|domelementtype|entities)/)',
	],
	setupFiles: ['<rootDir>/test/setup/env.js'],
	// fails any test whose nodes let a credential value out (output, error, hint or log line)
	setupFilesAfterEnv: ['<rootDir>/test/setup/secretScan.ts'],
	testTimeout: 60000,
	maxWorkers: 2,
};
