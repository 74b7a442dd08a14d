/**
 * `npm run test:n8n:service`: the templates in a real n8n run as a service, as users run it. Regular mode
 * (`n8n start`, SQLite) and queue mode (main + 2 workers, Postgres + Redis): workflows published through the
 * public API, runs started by their Schedule Trigger, by HTTP calls to their webhooks and by the Maileon
 * sandbox calling the Maileon Trigger, completion read from the executions API. Same scenarios as the
 * in-process template test, plus what only a service shows: state across runs on different workers.
 *
 * `--suppression-list=staticData` runs the templates with the list in workflow static data instead (the
 * old store): queue mode must then fail.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { SCENARIOS } from '../test/scenarios';
import { startSandboxes } from '../test/scenarios/sandboxes';
import { passesOf, type Scenario, type ScenarioRun } from '../test/scenarios/types';
import {
	ensureRuntime,
	freePort,
	installPackage,
	log,
	N8N_VERSION,
	outputOf,
	prepareWorkflow,
} from './n8nRuntime';
import {
	Cleanup,
	createN8nProcess,
	ensureQueueServices,
	isOk,
	N8nApi,
	startPostgres,
	startRedis,
	waitFor,
	type Execution,
	type N8nProcess,
} from './n8nService';
import type { WorkflowJson } from '../test/harness/workflow';

type Mode = 'regular' | 'queue';

const SUPPRESSION_LIST = process.argv.find((arg) => arg.startsWith('--suppression-list='))?.split('=')[1];
const MODES = (process.argv.find((arg) => arg.startsWith('--mode='))?.split('=')[1]?.split(',') ?? ['regular', 'queue']) as Mode[];
const ONLY = process.argv.find((arg) => arg.startsWith('--only='))?.split('=')[1];

/** One running n8n (main and, in queue mode, workers) and the way to talk to it. */
interface Instance {
	readonly mode: Mode;
	readonly api: N8nApi;
	readonly baseUrl: string;
	readonly main: N8nProcess;
	readonly workers: readonly N8nProcess[];
	/** Files the templates read and write (N8N_RESTRICT_FILE_ACCESS_TO of every process). */
	readonly filesDir: string;
}

interface Results {
	passed: number;
	failed: number;
}

function check(results: Results, title: string, outcome: true | string): void {
	if (outcome === true) {
		results.passed++;
		log(`  ok    ${title}`);
	} else {
		results.failed++;
		log(`  FAIL  ${title}: ${outcome}`);
	}
}

async function attempt(run: () => Promise<void> | void): Promise<true | string> {
	try {
		await run();
		return true;
	} catch (error) {
		if (process.env.N8N_SERVICE_DEBUG && error instanceof Error) log(error.stack ?? error.message);
		return error instanceof Error ? error.message : String(error);
	}
}

// ---------------------------------------------------------------------------------------------------
// Starting n8n

/** n8n user folders with the package installed as users install it: packed, then npm-installed. */
function userFolderFactory(root: string): (name: string) => string {
	const template = path.join(root, 'package-install');
	mkdirSync(template, { recursive: true });
	installPackage(template);
	return (name) => {
		const folder = path.join(root, name);
		mkdirSync(folder, { recursive: true });
		cpSync(path.join(template, '.n8n'), path.join(folder, '.n8n'), { recursive: true });
		return folder;
	};
}

async function startMain(
	mode: Mode,
	userFolder: string,
	filesDir: string,
	sharedEnv: NodeJS.ProcessEnv,
	cleanup: Cleanup,
): Promise<{ main: N8nProcess; baseUrl: string }> {
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const main = await createN8nProcess({
		name: `${mode}-main`,
		args: ['start'],
		userFolder,
		cleanup,
		env: {
			...sharedEnv,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			WEBHOOK_URL: `${baseUrl}/`,
			N8N_RESTRICT_FILE_ACCESS_TO: filesDir,
		},
		ready: () => isOk(`${baseUrl}/rest/settings`),
	});
	return { main, baseUrl };
}

async function startWorker(
	name: string,
	userFolder: string,
	filesDir: string,
	sharedEnv: NodeJS.ProcessEnv,
	cleanup: Cleanup,
): Promise<N8nProcess> {
	const healthPort = await freePort();
	return await createN8nProcess({
		name,
		args: ['worker', '--concurrency=5'],
		userFolder,
		cleanup,
		env: {
			...sharedEnv,
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_RESTRICT_FILE_ACCESS_TO: filesDir,
		},
		ready: () => isOk(`http://127.0.0.1:${healthPort}/healthz/readiness`),
	});
}

async function startRegular(root: string, userFolder: (name: string) => string, cleanup: Cleanup): Promise<Instance> {
	const filesDir = mkdtempSync(path.join(root, 'files-regular-'));
	const { main, baseUrl } = await startMain('regular', userFolder('regular-main'), filesDir, { GENERIC_TIMEZONE: 'UTC' }, cleanup);
	await main.start();
	const api = new N8nApi(baseUrl);
	await api.setUp();
	return { mode: 'regular', api, baseUrl, main, workers: [], filesDir };
}

async function startQueue(root: string, userFolder: (name: string) => string, cleanup: Cleanup): Promise<Instance> {
	const { postgresBin, redisServer } = ensureQueueServices();
	const [postgres, redis] = await Promise.all([startPostgres(postgresBin, cleanup), startRedis(redisServer, cleanup)]);
	const filesDir = mkdtempSync(path.join(root, 'files-queue-'));
	const sharedEnv: NodeJS.ProcessEnv = {
		GENERIC_TIMEZONE: 'UTC',
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
	};
	const { main, baseUrl } = await startMain('queue', userFolder('queue-main'), filesDir, sharedEnv, cleanup);
	// main first: it runs the database migrations the workers wait for
	await main.start();
	const workers = await Promise.all(
		['queue-worker-1', 'queue-worker-2'].map((name) => startWorker(name, userFolder(name), filesDir, sharedEnv, cleanup)),
	);
	const api = new N8nApi(baseUrl);
	await Promise.all([...workers.map((worker) => worker.start()), api.setUp()]);
	return { mode: 'queue', api, baseUrl, main, workers, filesDir };
}

// ---------------------------------------------------------------------------------------------------
// Runs

/** The worker whose log says it ran the execution; n8n logs `Worker started execution <id>`. */
function workerOf(instance: Instance, executionId: string): string | undefined {
	const pattern = new RegExp(`Worker started execution ${executionId} `);
	return instance.workers.find((worker) => pattern.test(readFileSync(worker.logFile, 'utf8')))?.name;
}

async function executionIds(instance: Instance, workflowId: string): Promise<Set<string>> {
	const page = await instance.api.api<{ data: Execution[] }>('GET', `/executions?workflowId=${workflowId}&limit=250`);
	const running = await instance.api.api<{ data: Execution[] }>('GET', `/executions?workflowId=${workflowId}&status=running&limit=250`);
	return new Set([...page.data, ...running.data].map((execution) => execution.id));
}

/** Waits for the next finished execution of the workflow that is not in `known`, with its run data. */
async function nextExecution(instance: Instance, workflowId: string, known: Set<string>, timeoutMs = 120_000): Promise<Execution> {
	const id = await waitFor(`a new execution of workflow ${workflowId}`, async () => {
		const page = await instance.api.api<{ data: Execution[] }>('GET', `/executions?workflowId=${workflowId}&limit=50`);
		const fresh = page.data.filter((execution) => !known.has(execution.id) && execution.stoppedAt !== null);
		return fresh.length > 0 ? fresh.sort((a, b) => Number(a.id) - Number(b.id))[0].id : undefined;
	}, timeoutMs);
	known.add(id);
	return await instance.api.api<Execution>('GET', `/executions/${id}?includeData=true&ignoreDataSizeLimit=true`);
}

interface Published {
	id: string;
	json: WorkflowJson;
}

function nodesOfType(workflow: WorkflowJson, type: string) {
	return workflow.nodes.filter((node) => node.type === type);
}

const SCHEDULE = 'n8n-nodes-base.scheduleTrigger';
const WEBHOOK = 'n8n-nodes-base.webhook';
const FAR_AWAY = '0 0 0 1 1 *';

/** A user's settings plus what a service run needs: the schedule only fires when a pass asks for it. */
function forService(workflow: WorkflowJson): WorkflowJson {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => {
			if (node.type === SCHEDULE) {
				return { ...node, parameters: { rule: { interval: [{ field: 'cronExpression', expression: FAR_AWAY }] } } };
			}
			if (SUPPRESSION_LIST && 'suppressionList' in node.parameters) {
				return { ...node, parameters: { ...node.parameters, suppressionList: SUPPRESSION_LIST } };
			}
			return node;
		}),
	};
}

async function createWorkflow(instance: Instance, workflow: WorkflowJson): Promise<string> {
	const { id: _id, ...body } = workflow as WorkflowJson & { id?: string };
	const created = await instance.api.api<{ id: string }>('POST', '/workflows', {
		name: body.name,
		nodes: body.nodes,
		connections: body.connections,
		settings: body.settings ?? { executionOrder: 'v1' },
	});
	return created.id;
}

/** Sets the Schedule Trigger to fire once, a few seconds from now, and publishes that version. */
async function fireSchedule(instance: Instance, published: Published): Promise<void> {
	for (let leadSeconds = 4; ; leadSeconds += 4) {
		const at = new Date(Date.now() + leadSeconds * 1000);
		const expression = `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} ${at.getUTCDate()} ${at.getUTCMonth() + 1} *`;
		published.json = {
			...published.json,
			nodes: published.json.nodes.map((node) =>
				node.type === SCHEDULE ? { ...node, parameters: { rule: { interval: [{ field: 'cronExpression', expression }] } } } : node,
			),
		};
		await instance.api.api('PUT', `/workflows/${published.id}`, {
			name: published.json.name,
			nodes: published.json.nodes,
			connections: published.json.connections,
			settings: published.json.settings ?? { executionOrder: 'v1' },
		});
		await instance.api.api('POST', `/workflows/${published.id}/publish`, {});
		if (Date.now() < at.getTime() - 500) return;
		log(`    the schedule was published too late for ${at.toISOString()}; again with more lead`);
	}
}

/** What the template's Manual Trigger feeds its first node: the example request a webhook would bring. */
function exampleRequest(workflow: WorkflowJson): IDataObject | undefined {
	const manual = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	const next = manual && (workflow.connections[manual.name]?.main?.[0]?.[0]?.node as string | undefined);
	const example = workflow.nodes.find((node) => node.name === next);
	if (typeof example?.parameters.jsonOutput !== 'string') return undefined;
	return JSON.parse(example.parameters.jsonOutput) as IDataObject;
}

interface Credentials {
	ids: Record<string, string>;
	headerAuth: { name: string; value: string };
}

async function createCredentials(instance: Instance, sandboxes: Awaited<ReturnType<typeof startSandboxes>>): Promise<Credentials> {
	const headerAuth = { name: 'X-Portal-Token', value: `portal-${Math.random().toString(36).slice(2)}` };
	const all: Record<string, IDataObject> = { ...(sandboxes.credentials() as Record<string, IDataObject>), httpHeaderAuth: headerAuth };
	const ids: Record<string, string> = {};
	for (const [type, data] of Object.entries(all)) {
		const created = await instance.api.api<{ id: string }>('POST', '/credentials', { name: `${type} sandbox`, type, data });
		ids[type] = created.id;
	}
	return { ids, headerAuth };
}

/** Starts one pass the way production does and returns the execution it caused. */
async function startPass(
	instance: Instance,
	published: Published,
	run: ScenarioRun,
	credentials: Credentials,
	known: Set<string>,
): Promise<Execution | undefined> {
	const start = run.startNode === undefined ? undefined : published.json.nodes.find((node) => node.name === run.startNode);
	if (start === undefined) {
		if (nodesOfType(published.json, SCHEDULE).length > 0) {
			await fireSchedule(instance, published);
			return await nextExecution(instance, published.id, known);
		}
		const [webhook] = nodesOfType(published.json, WEBHOOK);
		const example = exampleRequest(published.json);
		if (!webhook || !example) return undefined;
		await callWebhook(instance, String(webhook.parameters.path), (example.body ?? {}) as IDataObject, {}, credentials);
		return await nextExecution(instance, published.id, known);
	}
	if (start.type === WEBHOOK) {
		const [request] = run.input ?? [{}];
		await callWebhook(
			instance,
			String(start.parameters.path),
			(request.body ?? {}) as IDataObject,
			(request.headers ?? {}) as Record<string, string>,
			credentials,
		);
		return await nextExecution(instance, published.id, known);
	}
	// a trigger of the package (the Maileon Trigger): the sandbox has called it while the pass was prepared
	return await nextExecution(instance, published.id, known);
}

async function callWebhook(
	instance: Instance,
	webhookPath: string,
	body: IDataObject,
	headers: Record<string, string>,
	credentials: Credentials,
): Promise<void> {
	// publishing returns before main has registered the webhook: until then it answers 404
	const status = await waitFor(`webhook ${webhookPath} to take the call`, async () => {
		const response = await fetch(`${instance.baseUrl}/webhook/${webhookPath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers, [credentials.headerAuth.name]: credentials.headerAuth.value },
			body: JSON.stringify(body),
		});
		await response.arrayBuffer();
		return response.status === 404 ? undefined : response.status;
	}, 60_000);
	// a run that fails answers 500; its execution tells why
	if (status >= 400 && status < 500) throw new Error(`Webhook ${webhookPath} answered ${status}`);
}

function describeExecution(instance: Instance, execution: Execution): string {
	const worker = instance.mode === 'queue' ? workerOf(instance, execution.id) ?? 'no worker' : 'main';
	return `execution ${execution.id} (${execution.mode}, ${worker})`;
}

async function runScenario(instance: Instance, scenario: Scenario): Promise<true | string> {
	const sandboxes = await startSandboxes();
	let published: Published | undefined;
	try {
		const credentials = await createCredentials(instance, sandboxes);
		const workDir = mkdtempSync(path.join(instance.filesDir, 'work-'));
		let known = new Set<string>();
		for (const [index, pass] of passesOf(scenario).entries()) {
			const run = await pass.prepare(sandboxes, workDir);
			if (!published) {
				const json = forService(prepareWorkflow(scenario.template, run, credentials.ids));
				const id = await createWorkflow(instance, json);
				published = { id, json };
				await instance.api.api('POST', `/workflows/${id}/publish`, {});
				known = await executionIds(instance, id);
			}
			const execution = await startPass(instance, published, run, credentials, known);
			if (!execution) {
				log(`    pass ${index + 1}: starts at the Manual Trigger only; covered by npm run test:n8n`);
				continue;
			}
			if (execution.status !== 'success') {
				throw new Error(`pass ${index + 1}: ${describeExecution(instance, execution)} ended ${execution.status}: ${JSON.stringify(execution.data).slice(0, 1500)}`);
			}
			await pass.verify(sandboxes, outputOf(execution as unknown as IDataObject), workDir);
			log(`    pass ${index + 1}: ${describeExecution(instance, execution)}`);
		}
		return true;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	} finally {
		if (published) await instance.api.api('POST', `/workflows/${published.id}/unpublish`, {}).catch(() => undefined);
		await sandboxes.close();
	}
}

async function runMode(instance: Instance, results: Results): Promise<void> {
	for (const scenario of SCENARIOS) {
		if (ONLY && !scenario.template.includes(ONLY)) continue;
		log(`  ${scenario.title} (${new Date().toISOString()})`);
		check(results, `${instance.mode}: ${scenario.title}`, await runScenario(instance, scenario));
	}
}

async function main(): Promise<void> {
	const started = Date.now();
	ensureRuntime();
	const cleanup = new Cleanup();
	const root = mkdtempSync(path.join(os.tmpdir(), 'newsletter-sync-service-'));
	// N8N_SERVICE_KEEP=1 keeps the user folders and process logs for a look after a failure
	if (!process.env.N8N_SERVICE_KEEP) cleanup.add('work folder', () => rmSync(root, { recursive: true, force: true }));
	else log(`Logs and user folders stay in ${root}`);
	const results: Results = { passed: 0, failed: 0 };
	try {
		const userFolder = userFolderFactory(root);
		for (const mode of MODES) {
			log(`n8n ${N8N_VERSION} in ${mode} mode${SUPPRESSION_LIST ? `, suppression list in ${SUPPRESSION_LIST}` : ''}`);
			const outcome = await attempt(async () => {
				const instance = mode === 'queue' ? await startQueue(root, userFolder, cleanup) : await startRegular(root, userFolder, cleanup);
				await runMode(instance, results);
				await instance.main.stop();
				for (const worker of instance.workers) await worker.stop();
			});
			if (outcome !== true) check(results, `${mode}: n8n runs as a service`, outcome);
		}
	} finally {
		await cleanup.stop();
	}
	log(`n8n ${N8N_VERSION} as a service (${Math.round((Date.now() - started) / 1000)} s): ${results.passed} passed, ${results.failed} failed`);
	process.exitCode = results.failed === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
