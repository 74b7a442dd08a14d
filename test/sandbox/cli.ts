/**
 * `npm run sandbox`: starts the API emulators on fixed ports for the demo and manual tries.
 * Each sandbox is one entry in `SANDBOXES`; Ctrl+C closes them all.
 */
import { startBillomatSandbox } from './billomat';
import { startMaileonSandbox } from './maileon';
import { startNewsletter2GoSandbox } from './newsletter2go';
import { startDirectoSandbox } from './directo';

interface RunningSandbox {
	/** Lines printed after start (base URL, demo credentials). */
	readonly description: readonly string[];
	close(): Promise<void>;
}

interface SandboxEntry {
	readonly name: string;
	/** Environment variable that overrides `defaultPort`. */
	readonly portVariable: string;
	readonly defaultPort: number;
	start(port: number): Promise<RunningSandbox>;
}

interface SandboxSpec<S extends { close(): Promise<void> }> {
	readonly name: string;
	/** `<prefix>_PORT` overrides `defaultPort`, `<prefix>_LATENCY_MS` adds latency to every answer. */
	readonly envPrefix: string;
	readonly defaultPort: number;
	start(options: { port: number; latencyMs: number }): Promise<S>;
	/** Label and value of each line printed after start (base URL, demo credentials). */
	describe(sandbox: S): Array<[label: string, value: string]>;
}

function entry<S extends { close(): Promise<void> }>(spec: SandboxSpec<S>): SandboxEntry {
	return {
		name: spec.name,
		portVariable: `${spec.envPrefix}_PORT`,
		defaultPort: spec.defaultPort,
		async start(port) {
			const latencyMs = Number(process.env[`${spec.envPrefix}_LATENCY_MS`] ?? 0);
			const sandbox = await spec.start({ port, latencyMs });
			const rows = spec.describe(sandbox);
			const width = Math.max(...rows.map(([label]) => label.length)) + 2;
			return {
				description: rows.map(([label, value]) => `${label.padEnd(width)}${value}`),
				close: () => sandbox.close(),
			};
		},
	};
}

const SANDBOXES: readonly SandboxEntry[] = [
	entry({
		name: 'Maileon',
		envPrefix: 'SANDBOX_MAILEON',
		defaultPort: 18080,
		start: startMaileonSandbox,
		describe: (sandbox) => [['base URL', sandbox.apiUrl], ['API key', sandbox.apiKey]],
	}),
	entry({
		name: 'Newsletter2Go',
		envPrefix: 'SANDBOX_NEWSLETTER2GO',
		defaultPort: 18082,
		start: startNewsletter2GoSandbox,
		describe: (sandbox) => {
			const login = sandbox.credentials();
			return [['base URL', login.baseUrl], ['auth key', login.authKey], ['username', login.username], ['password', login.password], ['list ID', sandbox.state.defaultListId]];
		},
	}),
	entry({
		name: 'Billomat',
		envPrefix: 'SANDBOX_BILLOMAT',
		defaultPort: 18084,
		start: startBillomatSandbox,
		describe: (sandbox) => {
			const [app] = sandbox.state.settings.apps;
			return [['base URL', sandbox.baseUrlTemplate], ['Billomat ID', sandbox.billomatId], ['API key', sandbox.apiKey], ['app ID', `${app.id} (optional)`], ['app secret', `${app.secret} (optional)`]];
		},
	}),
	entry({
		name: 'Directo',
		envPrefix: 'SANDBOX_DIRECTO',
		defaultPort: 18083,
		async start(options) {
			const sandbox = await startDirectoSandbox(options);
			sandbox.state.generateCustomers(Number(process.env.SANDBOX_DIRECTO_CUSTOMERS ?? 50));
			return sandbox;
		},
		describe: (sandbox) => [['XML Direct URL', sandbox.url], ['XML key', sandbox.token], ['legacy URL', sandbox.legacyUrl()], ['legacy appkey', sandbox.appKey]],
	}),
];

function readPort(entry: SandboxEntry): number {
	const raw = process.env[entry.portVariable];
	if (raw === undefined || raw === '') return entry.defaultPort;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`Expected ${entry.portVariable} to be a port number, got "${raw}".`);
	}
	return port;
}

async function main(): Promise<void> {
	const running: RunningSandbox[] = [];
	const closeAll = async (): Promise<void> => {
		await Promise.all(running.map((sandbox) => sandbox.close()));
	};
	for (const entry of SANDBOXES) {
		try {
			const sandbox = await entry.start(readPort(entry));
			running.push(sandbox);
			console.log(`${entry.name} sandbox`);
			for (const line of sandbox.description) console.log(`  ${line}`);
		} catch (error) {
			await closeAll();
			const message = error instanceof Error ? error.message : String(error);
			throw new Error(
				`Could not start the ${entry.name} sandbox: ${message} (set ${entry.portVariable} to use another port)`,
			);
		}
	}
	console.log('Press Ctrl+C to stop.');
	const stop = (): void => {
		closeAll().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
