/**
 * n8n as a service, the way self-hosters run it: `n8n start` with SQLite (regular mode), or a main process
 * and `n8n worker` processes sharing Postgres and Redis (queue mode). Postgres and Redis come from Debian's
 * packages and run on loopback from a temporary folder; every port is picked free at run time. Everything
 * started here is stopped by `stop()`, also when a run fails or the script is interrupted.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chownSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { freePort, log, n8nEnv } from './n8nRuntime';

const isRoot = process.getuid?.() === 0;

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns a value; `what` names the wait in the timeout error. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	while (Date.now() < deadline) {
		try {
			const value = await check();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		await sleep(250);
	}
	const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
	throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${detail}`);
}

/** Cleanup steps, run in reverse order on stop, on an uncaught failure and on Ctrl+C. */
export class Cleanup {
	private readonly steps: Array<{ name: string; run: () => Promise<void> | void }> = [];
	private stopping: Promise<void> | undefined;

	constructor() {
		const interrupt = (signal: NodeJS.Signals): void => {
			log(`${signal}: stopping everything started …`);
			void this.stop().finally(() => process.exit(130));
		};
		process.once('SIGINT', interrupt);
		process.once('SIGTERM', interrupt);
	}

	add(name: string, run: () => Promise<void> | void): void {
		this.steps.push({ name, run });
	}

	stop(): Promise<void> {
		this.stopping ??= (async () => {
			for (const step of this.steps.reverse()) {
				try {
					const started = Date.now();
					await step.run();
					if (process.env.N8N_SERVICE_DEBUG) log(`  stopped ${step.name} in ${Date.now() - started} ms`);
				} catch (error) {
					log(`  cleanup of ${step.name} failed: ${error instanceof Error ? error.message : String(error)}`);
				}
			}
		})();
		return this.stopping;
	}
}

function findPostgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((version) => existsSync(path.join(root, version, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? path.join(root, versions[0], 'bin') : undefined;
}

function findRedis(): string | undefined {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((candidate) => existsSync(candidate));
}

/** Installs Debian packages when this runs as root (as CI does); `hint` says what to run otherwise. */
export function installFromDebian(packages: string[], hint: string): void {
	if (!isRoot) throw new Error(`${hint}: run \`sudo apt-get install -y ${packages.join(' ')}\``);
	log(`Installing ${packages.join(' and ')} from Debian …`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = (): void => {
		execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env, stdio: ['ignore', 'ignore', 'inherit'] });
	};
	try {
		install();
	} catch {
		execFileSync('apt-get', ['update'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
		install();
	}
}

/** Postgres and Redis from Debian's packages; installed when missing and this runs as root (as CI does). */
export function ensureQueueServices(): { postgresBin: string; redisServer: string } {
	let postgresBin = findPostgresBin();
	let redisServer = findRedis();
	if (!postgresBin || !redisServer) {
		installFromDebian(['redis-server', 'postgresql'], 'Queue mode needs Postgres and Redis');
		postgresBin = findPostgresBin();
		redisServer = findRedis();
		if (!postgresBin || !redisServer) throw new Error('apt-get installed postgresql and redis-server, but their binaries are missing');
	}
	return { postgresBin, redisServer };
}

function spawnLogged(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
	// own process group: stopping it also stops the children (n8n's task runners)
	const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	const out = createWriteStream(logFile, { flags: 'a' });
	child.stdout?.pipe(out);
	child.stderr?.pipe(out);
	return child;
}

async function stopProcess(child: ChildProcess, timeoutMs = 15_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const signal = (name: NodeJS.Signals): void => {
		try {
			process.kill(-(child.pid as number), name);
		} catch {
			// the group is gone already
		}
	};
	signal('SIGTERM');
	const timer = setTimeout(() => signal('SIGKILL'), timeoutMs);
	await exited;
	clearTimeout(timer);
	// the task runners of the group, if any outlived their parent
	signal('SIGKILL');
}

export interface Postgres {
	readonly port: number;
	readonly database: string;
	readonly user: string;
	/** Runs SQL with psql and returns its unaligned output. */
	query(sql: string): string;
}

/** A throwaway Postgres cluster (initdb + pg_ctl) on a free loopback port; trust auth, no fsync. */
export async function startPostgres(postgresBin: string, cleanup: Cleanup): Promise<Postgres> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'newsletter-sync-pg-'));
	cleanup.add('Postgres folder', () => rmSync(dir, { recursive: true, force: true }));
	// initdb refuses to run as root: the cluster belongs to Debian's postgres user then
	const asOwner = (command: string, args: string[]): string => {
		const bin = path.join(postgresBin, command);
		return isRoot
			? execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8', cwd: dir })
			: execFileSync(bin, args, { encoding: 'utf8', cwd: dir });
	};
	if (isRoot) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		chownSync(dir, uid, gid);
	}
	const data = path.join(dir, 'data');
	const port = await freePort();
	const user = 'n8n';
	const database = 'n8n';
	asOwner('initdb', ['-D', data, '-A', 'trust', '-U', user, '-E', 'UTF8', '--no-sync']);
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
	asOwner('pg_ctl', ['-D', data, '-l', path.join(dir, 'postgres.log'), '-o', options, '-w', 'start']);
	cleanup.add('Postgres', () => {
		asOwner('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
	});
	asOwner('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', user, database]);
	return {
		port,
		database,
		user,
		query: (sql) => asOwner('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database, '-At', '-c', sql]),
	};
}

/** A Redis without persistence on a free loopback port. */
export async function startRedis(redisServer: string, cleanup: Cleanup): Promise<{ port: number }> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'newsletter-sync-redis-'));
	cleanup.add('Redis folder', () => rmSync(dir, { recursive: true, force: true }));
	const port = await freePort();
	const redis = spawnLogged(
		redisServer,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
		process.env,
		path.join(dir, 'redis.log'),
	);
	cleanup.add('Redis', () => stopProcess(redis));
	await waitFor('Redis', async () => {
		const answer = await new Promise<string>((resolve, reject) => {
			const socket = connect(port, '127.0.0.1');
			socket.once('error', reject);
			socket.once('data', (chunk: Buffer) => {
				socket.end();
				resolve(chunk.toString());
			});
			socket.write('PING\r\n');
		});
		return answer.startsWith('+PONG') ? true : undefined;
	});
	return { port };
}

/** One n8n process (main or worker) with its own user folder, broker port and log file. */
export interface N8nProcess {
	readonly name: string;
	readonly logFile: string;
	readonly userFolder: string;
	start(): Promise<void>;
	stop(): Promise<void>;
}

export interface N8nProcessOptions {
	name: string;
	args: string[];
	userFolder: string;
	env: NodeJS.ProcessEnv;
	/** Resolves once the process serves what the check needs. */
	ready: () => Promise<boolean>;
	cleanup: Cleanup;
}

export async function createN8nProcess(options: N8nProcessOptions): Promise<N8nProcess> {
	const { name, args, userFolder, cleanup } = options;
	const env = n8nEnv(userFolder, await freePort(), {
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_SECURE_COOKIE: 'false',
		...options.env,
	});
	const logFile = path.join(userFolder, `${name}.log`);
	let child: ChildProcess | undefined;
	const stop = async (): Promise<void> => {
		if (child) await stopProcess(child);
		child = undefined;
	};
	cleanup.add(name, stop);
	return {
		name,
		logFile,
		userFolder,
		async start() {
			const started = spawnLogged('n8n', args, env, logFile);
			child = started;
			let exitCode: number | null = null;
			started.once('exit', (code) => {
				exitCode = code ?? -1;
			});
			await waitFor(`${name} to be ready (log: ${logFile})`, async () => {
				if (exitCode !== null) throw new Error(`${name} exited with code ${exitCode}; see ${logFile}`);
				return (await options.ready()) ? true : undefined;
			}, 180_000);
		},
		stop,
	};
}

/** Whether the URL answers 2xx with JSON (while n8n starts up, every route answers with a plain text). */
export async function isOk(url: string): Promise<boolean> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
		await response.arrayBuffer();
		return response.ok && (response.headers.get('content-type') ?? '').includes('json');
	} catch {
		return false;
	}
}

/** A folder n8n may use as its user folder (database, config, installed community packages). */
export function makeUserFolder(root: string, name: string): string {
	const folder = path.join(root, name);
	mkdirSync(folder, { recursive: true });
	return folder;
}

export interface Execution {
	id: string;
	status: string;
	mode: string;
	startedAt: string;
	stoppedAt: string | null;
	workflowId: string;
	data?: unknown;
}

/** n8n's REST API (as the editor uses it, with the login cookie) and its public API (with an API key). */
export class N8nApi {
	private cookie = '';
	private apiKey = '';
	private readonly browserId = randomUUID();

	constructor(readonly baseUrl: string) {}

	private async call(prefix: 'rest' | 'api/v1', method: string, route: string, body?: unknown): Promise<unknown> {
		const headers: Record<string, string> = { accept: 'application/json', 'browser-id': this.browserId };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (prefix === 'rest' && this.cookie) headers.cookie = this.cookie;
		if (prefix === 'api/v1') headers['x-n8n-api-key'] = this.apiKey;
		const response = await this.fetchRetried(`${this.baseUrl}/${prefix}${route}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (process.env.N8N_SERVICE_DEBUG && !route.startsWith('/executions?')) log(`${new Date().toISOString()} ${method} /${prefix}${route} → ${response.status} ${text.slice(0, 200)}`);
		if (!response.ok) throw new Error(`${method} /${prefix}${route} answered ${response.status}: ${text.slice(0, 600)}`);
		const setCookie = response.headers.get('set-cookie');
		const auth = setCookie?.match(/n8n-auth=[^;]+/)?.[0];
		if (auth) this.cookie = auth;
		return text ? (JSON.parse(text) as unknown) : undefined;
	}

	/**
	 * A request on a kept-alive connection that n8n closed in the meantime fails before n8n read it
	 * ("other side closed"); it is sent again on a new connection.
	 */
	private async fetchRetried(url: string, init: RequestInit): Promise<Response> {
		for (let attempt = 1; ; attempt++) {
			try {
				return await fetch(url, init);
			} catch (error) {
				const code = (error as { cause?: { code?: string } }).cause?.code;
				if (attempt === 3 || code !== 'UND_ERR_SOCKET') throw error;
			}
		}
	}

	/** The editor's API: answers are wrapped in `data`. */
	async rest<T>(method: string, route: string, body?: unknown): Promise<T> {
		return ((await this.call('rest', method, route, body)) as { data: T }).data;
	}

	async api<T>(method: string, route: string, body?: unknown): Promise<T> {
		return (await this.call('api/v1', method, route, body)) as T;
	}

	/** First start: the owner account (which logs in) and an API key with every scope the owner may grant. */
	async setUp(): Promise<void> {
		await this.rest('POST', '/owner/setup', {
			email: 'owner@example.com',
			firstName: 'Newsletter',
			lastName: 'Owner',
			password: `Sync-${randomUUID()}`,
		});
		const scopes = await this.rest<string[]>('GET', '/api-keys/scopes');
		const key = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', { label: 'newsletter-sync check', scopes, expiresAt: null });
		this.apiKey = key.rawApiKey;
	}
}
