import path from 'node:path';
import type { Logger as BackendLogger } from '@n8n/backend-common';
import type { Container as DiContainer } from '@n8n/di';
import { LoggerProxy } from 'n8n-workflow';
import type { Logger, LogMetadata } from 'n8n-workflow';

import { recordLogLine } from './secretRecorder';

/**
 * n8n's logger as the harness runs it: every line is recorded for the secret scan and nothing is
 * printed (node errors are asserted by the tests). `scoped` hands back the same logger.
 */
export class RecordingLogger implements Logger {
	error(message: string, metadata?: LogMetadata): void {
		recordLogLine('error', message, metadata);
	}

	warn(message: string, metadata?: LogMetadata): void {
		recordLogLine('warn', message, metadata);
	}

	info(message: string, metadata?: LogMetadata): void {
		recordLogLine('info', message, metadata);
	}

	debug(message: string, metadata?: LogMetadata): void {
		recordLogLine('debug', message, metadata);
	}

	scoped(): this {
		return this;
	}
}

export const testLogger = new RecordingLogger();

let installed = false;

/** n8n-core brings its own copies of the DI container and the logger: its contexts ask those. */
function requireFromCore<T>(name: string): T {
	return require(
		require.resolve(name, { paths: [path.dirname(require.resolve('n8n-core'))] }),
	) as T;
}

/**
 * Puts `testLogger` where n8n-core looks for a logger: the DI container (a node's `this.logger`) and
 * n8n-workflow's `LoggerProxy` (the engine's own lines). Once per test file, before the first context.
 */
export function installTestLogger(): void {
	if (installed) return;
	const { Container } = requireFromCore<{ Container: typeof DiContainer }>('@n8n/di');
	const { Logger } = requireFromCore<{ Logger: typeof BackendLogger }>('@n8n/backend-common');
	Container.set(Logger, testLogger as unknown as BackendLogger);
	LoggerProxy.init(testLogger);
	installed = true;
}
