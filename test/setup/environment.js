// Node's own errors (fs, net) are created outside jest's sandbox, so `error instanceof Error` in
// n8n-core would be false for them and its ENOENT handling would not run; share the host's Error.
const { TestEnvironment } = require('jest-environment-node');

class HostErrorEnvironment extends TestEnvironment {
	constructor(config, context) {
		super(config, context);
		this.global.Error = Error;
	}
}

module.exports = HostErrorEnvironment;
