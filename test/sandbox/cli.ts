/**
 * `npm run sandbox`: starts the API emulators on fixed ports for the demo and manual tries.
 * Each sandbox is one entry in `SANDBOXES`; Ctrl+C closes them all.
 */
import { startBillomatSandbox } from './billomat';
import { startMaileonSandbox } from './maileon';
import { startNewsletter2GoSandbox } from './newsletter2go';

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

const SANDBOXES: readonly SandboxEntry[] = [
	{
		name: 'Maileon',
		portVariable: 'SANDBOX_MAILEON_PORT',
		defaultPort: 18080,
		async start(port) {
			const latencyMs = Number(process.env.SANDBOX_MAILEON_LATENCY_MS ?? 0);
			const sandbox = await startMaileonSandbox({ port, latencyMs });
			return {
				description: [`base URL  ${sandbox.apiUrl}`, `API key   ${sandbox.apiKey}`],
				close: () => sandbox.close(),
			};
		},
	},
	{
		name: 'Newsletter2Go',
		portVariable: 'SANDBOX_NEWSLETTER2GO_PORT',
		defaultPort: 18082,
		async start(port) {
			const latencyMs = Number(process.env.SANDBOX_NEWSLETTER2GO_LATENCY_MS ?? 0);
			const sandbox = await startNewsletter2GoSandbox({ port, latencyMs });
			const login = sandbox.credentials();
			return {
				description: [
					`base URL  ${login.baseUrl}`,
					`auth key  ${login.authKey}`,
					`username  ${login.username}`,
					`password  ${login.password}`,
					`list ID   ${sandbox.state.defaultListId}`,
				],
				close: () => sandbox.close(),
			};
		},
	},
	{
		name: 'Billomat',
		portVariable: 'SANDBOX_BILLOMAT_PORT',
		defaultPort: 18084,
		async start(port) {
			const latencyMs = Number(process.env.SANDBOX_BILLOMAT_LATENCY_MS ?? 0);
			const sandbox = await startBillomatSandbox({ port, latencyMs });
			return {
				description: [
					`base URL     ${sandbox.baseUrlTemplate}`,
					`Billomat ID  ${sandbox.billomatId}`,
					`API key      ${sandbox.apiKey}`,
					`app ID       ${sandbox.state.settings.apps[0].id} (optional)`,
					`app secret   ${sandbox.state.settings.apps[0].secret} (optional)`,
				],
				close: () => sandbox.close(),
			};
		},
	},

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
