import { config } from '@n8n/node-cli/eslint';

// The package's own sources are linted with n8n's community rules as they are; tests, scripts and the
// benchmark are not part of the published package and run outside n8n.
export default [{ ignores: ['test/**', 'scripts/**', 'bench/**', 'gulpfile.js', 'jest.config.js', '.prettierrc.js'] }, ...config];
