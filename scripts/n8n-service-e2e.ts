/**
 * `npm run test:n8n:service`: the templates in a real n8n run as a service, as users run it. Regular mode
 * (`n8n start`, SQLite) and queue mode (main + 2 workers, Postgres + Redis): workflows published through the
 * public API, runs started by their Schedule Trigger, by HTTP calls to their webhooks and by the Maileon
 * sandbox calling the Maileon Trigger, completion read from the executions API. Same scenarios as the
 * in-process template test, plus what only a service shows: state across runs on different workers.
 *
 * Options: `--mode=regular` or `--mode=queue` (both by default); `--only=<part of a template file name>`
 * (`--only=shared` runs only the checks across workflows); `--suppression-list=staticData` runs the templates
 * with the list in the workflows' static data (the old store), where queue mode must fail. N8N_SERVICE_KEEP=1
 * keeps the logs and user folders, N8N_SERVICE_DEBUG=1 prints every API call.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { SuppressionLedger } from '../nodes/shared/suppression';
import { SUPPRESSION_LIST_COLUMNS, SUPPRESSION_LIST_NAME } from '../nodes/shared/suppressionList';
import { PACKAGE_NAME } from '../test/harness/registry';
import type { WorkflowJson } from '../test/harness/workflow';
import { KuferWorld } from '../test/reliability/kufer';
import { SCENARIOS } from '../test/scenarios';
import { WORKFLOWS_DIR } from '../test/scenarios/inProcess';
import { startSandboxes, type SandboxSet } from '../test/scenarios/sandboxes';
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
	/** Id of the data table "Newsletter suppression list". */
	readonly suppressionListId: string;
	/** Workers starting again after a steered run; awaited before a check that needs both. */
	readonly restarts: Array<Promise<void>>;
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

/** The message, with the cause of a failed fetch (e.g. ECONNREFUSED). */
function messageOf(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

async function attempt(run: () => Promise<void> | void): Promise<true | string> {
	try {
		await run();
		return true;
	} catch (error) {
		if (process.env.N8N_SERVICE_DEBUG && error instanceof Error) log(error.stack ?? error.message);
		return messageOf(error);
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

/** The list every template reads and writes, created as the set-up template does it. */
async function createSuppressionList(api: N8nApi): Promise<string> {
	const table = await api.api<{ id: string }>('POST', '/data-tables', {
		name: SUPPRESSION_LIST_NAME,
		columns: SUPPRESSION_LIST_COLUMNS.map((name) => ({ name, type: 'string' })),
	});
	return table.id;
}

/** The rows of the suppression list as n8n's public API returns them. */
async function suppressionRows(instance: Instance): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	let cursor: string | null = null;
	do {
		const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
		const page: { data: IDataObject[]; nextCursor: string | null } = await instance.api.api('GET', `/data-tables/${instance.suppressionListId}/rows?limit=250${query}`);
		rows.push(...page.data);
		cursor = page.nextCursor;
	} while (cursor);
	return rows;
}

async function startRegular(root: string, userFolder: (name: string) => string, cleanup: Cleanup): Promise<Instance> {
	const filesDir = mkdtempSync(path.join(root, 'files-regular-'));
	const { main, baseUrl } = await startMain('regular', userFolder('regular-main'), filesDir, { GENERIC_TIMEZONE: 'UTC' }, cleanup);
	await main.start();
	const api = new N8nApi(baseUrl);
	await api.setUp();
	const suppressionListId = await createSuppressionList(api);
	return { mode: 'regular', api, baseUrl, main, workers: [], filesDir, suppressionListId, restarts: [] };
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
	const [suppressionListId] = await Promise.all([
		api.setUp().then(async () => await createSuppressionList(api)),
		...workers.map((worker) => worker.start()),
	]);
	return { mode: 'queue', api, baseUrl, main, workers, filesDir, suppressionListId, restarts: [] };
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

/**
 * Waits for the next execution of the workflow that is not in `known` (started, or finished too) and
 * returns it with its run data once it finished.
 */
async function nextExecution(
	instance: Instance,
	workflowId: string,
	known: Set<string>,
	timeoutMs = 120_000,
	until: 'started' | 'finished' = 'finished',
): Promise<Execution> {
	const id = await waitFor(`a new execution of workflow ${workflowId}`, async () => {
		const ids = await executionIds(instance, workflowId);
		const fresh = [...ids].filter((candidate) => !known.has(candidate)).sort((a, b) => Number(a) - Number(b));
		return fresh[0];
	}, timeoutMs);
	known.add(id);
	return until === 'started' ? { id } as Execution : await finished(instance, id);
}

/** The execution with its run data, once it stopped. */
async function finished(instance: Instance, id: string): Promise<Execution> {
	await waitFor(`execution ${id} to finish`, async () => {
		const execution = await instance.api.api<Execution>('GET', `/executions/${id}`);
		return execution.stoppedAt ? true : undefined;
	}, 300_000);
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
const MAILEON_TRIGGER = `${PACKAGE_NAME}.maileonTrigger`;
const FAR_AWAY = '0 0 0 1 1 *';

/** A trigger that starts runs of a published workflow: not the Manual Trigger and not the Error Trigger. */
function isProductionTrigger(node: WorkflowJson['nodes'][number]): boolean {
	return node.type === SCHEDULE || node.type === WEBHOOK || (node.type.startsWith(`${PACKAGE_NAME}.`) && /Trigger$/.test(node.type));
}

/** Whether n8n can publish the template. */
function hasProductionTrigger(template: string): boolean {
	const workflow = JSON.parse(readFileSync(path.join(WORKFLOWS_DIR, template), 'utf8')) as WorkflowJson;
	return workflow.nodes.some(isProductionTrigger);
}

/** A user's settings plus what a service run needs: the schedule only fires when a pass asks for it. */
function forService(workflow: WorkflowJson): WorkflowJson {
	return {
		...workflow,
		nodes: workflow.nodes.map((template) => {
			// the templates ship their schedules and webhooks turned off; their guides say to turn them on
			const node = isProductionTrigger(template) ? { ...template, disabled: false } : template;
			if (node.type === SCHEDULE) {
				return { ...node, parameters: { rule: { interval: [{ field: 'cronExpression', expression: FAR_AWAY }] } } };
			}
			if (SUPPRESSION_LIST && 'suppressionList' in node.parameters) {
				return { ...node, parameters: { ...node.parameters, suppressionList: SUPPRESSION_LIST } };
			}
			if (SUPPRESSION_LIST === 'staticData' && node.type === MAILEON_TRIGGER) {
				return { ...node, parameters: { ...node.parameters, addToLedger: true } };
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

/**
 * Sets the Schedule Trigger to fire `times` times, a second apart, a few seconds from now, publishes that
 * version and returns the executions it started. n8n registers the schedule a moment after the publish
 * call returns; a schedule registered too late never fires, and is set again with more lead.
 */
async function fireSchedule(instance: Instance, published: Published, times = 1): Promise<Execution[]> {
	for (let attempt = 1; ; attempt++) {
		const known = await executionIds(instance, published.id);
		const at = await publishSchedule(instance, published, times, 4 + attempt * 4);
		try {
			const executions: Execution[] = [];
			for (let count = 0; count < times; count++) {
				executions.push(await nextExecution(instance, published.id, known, at - Date.now() + 90_000, 'started'));
			}
			return await Promise.all(executions.map(async (execution) => await finished(instance, execution.id)));
		} catch (error) {
			if (attempt === 3 || !messageOf(error).startsWith('Timed out')) throw error;
			log(`    the schedule for ${new Date(at).toISOString()} did not fire; again with more lead`);
		}
	}
}

async function publishSchedule(instance: Instance, published: Published, times: number, leadSeconds: number): Promise<number> {
	for (; ; leadSeconds += 6) {
		let at = new Date(Date.now() + leadSeconds * 1000);
		// all firings in one minute
		if (at.getUTCSeconds() + times > 60) at = new Date(at.getTime() + (60 - at.getUTCSeconds()) * 1000);
		const seconds = Array.from({ length: times }, (_, index) => at.getUTCSeconds() + index).join(',');
		const expression = `${seconds} ${at.getUTCMinutes()} ${at.getUTCHours()} ${at.getUTCDate()} ${at.getUTCMonth() + 1} *`;
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
		if (Date.now() < at.getTime() - 500) return at.getTime();
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

async function createCredentials(instance: Instance, sandboxes: SandboxSet): Promise<Credentials> {
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
			const [execution] = await fireSchedule(instance, published);
			known.add(execution.id);
			return execution;
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
	if (start.type.startsWith(`${PACKAGE_NAME}.`)) return await nextExecution(instance, published.id, known);
	return undefined;
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

interface ScenarioOptions {
	/** Queue mode: run every pass after the first on the worker that did not run the pass before. */
	otherWorker?: boolean;
	/** Runs after each verified pass, with the sandboxes still up. */
	afterPass?: (index: number, sandboxes: SandboxSet) => Promise<void>;
}

/** Stops the worker that ran `previous`, so the queue hands the next job to the other one. */
async function steerAwayFrom(instance: Instance, previous: Execution): Promise<N8nProcess | undefined> {
	const name = workerOf(instance, previous.id);
	const worker = instance.workers.find((candidate) => candidate.name === name);
	if (worker) await worker.stop();
	return worker;
}

async function runScenario(instance: Instance, scenario: Scenario, options: ScenarioOptions = {}): Promise<true | string> {
	const sandboxes = await startSandboxes();
	let published: Published | undefined;
	try {
		const credentials = await createCredentials(instance, sandboxes);
		const workDir = mkdtempSync(path.join(instance.filesDir, 'work-'));
		let known = new Set<string>();
		let previous: Execution | undefined;
		// a pass whose checks fail still leaves the state the next pass builds on: go on, report all
		const failures: string[] = [];
		for (const [index, pass] of passesOf(scenario).entries()) {
			const run = await pass.prepare(sandboxes, workDir);
			const stopped = options.otherWorker && previous && instance.mode === 'queue' ? await steerAwayFrom(instance, previous) : undefined;
			if (!published) {
				const json = forService(prepareWorkflow(scenario.template, run, credentials.ids));
				const id = await createWorkflow(instance, json);
				published = { id, json };
				await instance.api.api('POST', `/workflows/${id}/publish`, {});
				known = await executionIds(instance, id);
			}
			const execution = await startPass(instance, published, run, credentials, known);
			// back for a later check that needs both workers; it starts while the checks go on
			if (stopped) instance.restarts.push(stopped.start());
			if (!execution) {
				log(`    pass ${index + 1}: starts at "${run.startNode ?? 'the Manual Trigger'}", which only a person or another workflow starts; covered by npm run test:n8n and in-process`);
				continue;
			}
			if (execution.status !== 'success') {
				throw new Error(`pass ${index + 1}: ${describeExecution(instance, execution)} ended ${execution.status}: ${JSON.stringify(execution.data).slice(0, 1500)}`);
			}
			const verified = await attempt(() => pass.verify(sandboxes, outputOf(execution as unknown as IDataObject), workDir));
			log(`    pass ${index + 1}: ${describeExecution(instance, execution)}${verified === true ? '' : `: ${verified}`}`);
			if (verified !== true) failures.push(`pass ${index + 1}: ${verified}`);
			if (stopped && workerOf(instance, execution.id) === stopped.name) throw new Error(`pass ${index + 1} ran on ${stopped.name}, which was stopped`);
			previous = execution;
			await options.afterPass?.(index, sandboxes);
		}
		return failures.length === 0 ? true : failures.join('; ');
	} catch (error) {
		return messageOf(error);
	} finally {
		if (published) await instance.api.api('POST', `/workflows/${published.id}/unpublish`, {}).catch(() => undefined);
		await sandboxes.close();
	}
}

// ---------------------------------------------------------------------------------------------------
// What only a service shows: one list for every workflow and every worker

/** Creates the template (prepared as a user would) and publishes it. */
async function publishTemplate(instance: Instance, template: string, run: ScenarioRun, credentials: Credentials): Promise<Published> {
	const json = forService(prepareWorkflow(template, run, credentials.ids));
	const id = await createWorkflow(instance, json);
	await instance.api.api('POST', `/workflows/${id}/publish`, {});
	return { id, json };
}

async function listedHashes(instance: Instance): Promise<Set<string>> {
	return new Set((await suppressionRows(instance)).map((row) => String(row.addressHash)));
}

function requireSuccess(instance: Instance, execution: Execution): Execution {
	if (execution.status !== 'success') throw new Error(`${describeExecution(instance, execution)} ended ${execution.status}`);
	return execution;
}

/** Runs `check` with fresh sandboxes and credentials; unpublishes what it published. */
async function withSandboxes(instance: Instance, check: (sandboxes: SandboxSet, credentials: Credentials, published: Published[]) => Promise<void>): Promise<true | string> {
	const sandboxes = await startSandboxes();
	const published: Published[] = [];
	try {
		await check(sandboxes, await createCredentials(instance, sandboxes), published);
		return true;
	} catch (error) {
		return messageOf(error);
	} finally {
		for (const workflow of published) await instance.api.api('POST', `/workflows/${workflow.id}/unpublish`, {}).catch(() => undefined);
		await sandboxes.close();
	}
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Maileon forgets its unsubscribers: 15 days later, with the 14-day purge. */
function purgeMaileon(sandboxes: SandboxSet): void {
	sandboxes.maileon.state.clock.advance(15 * DAY_MS);
	sandboxes.maileon.state.settings.retentionDays = 14;
	sandboxes.maileon.state.settle();
	if (sandboxes.maileon.state.unsubscriptions.length > 0) throw new Error('the Maileon sandbox kept its unsubscribers');
}

/**
 * Maileon calls the back-sync workflow's Maileon Trigger over HTTP for an unsubscribe; the address is
 * not in Billomat yet. Maileon purges it, then it appears in Billomat tagged "newsletter": the Billomat
 * → Maileon import, another workflow, must keep it out.
 */
async function checkSharedList(instance: Instance): Promise<true | string> {
	return await withSandboxes(instance, async (sandboxes, credentials, published) => {
		const email = 'lena.vogel@example.org';
		sandboxes.maileon.state.seedContacts([{ email, permission: 4 }]);
		const backSync = await publishTemplate(instance, 'maileon-unsubscribes-backsync.json', {}, credentials);
		published.push(backSync);
		const known = await executionIds(instance, backSync.id);
		// Maileon has the webhook before n8n has stored the trigger's secret; a call in between gets a 401
		await waitFor('the Maileon Trigger to store its webhook secret', async () => {
			const workflow = await instance.api.api<{ staticData?: Record<string, IDataObject> | null }>('GET', `/workflows/${backSync.id}`);
			return workflow.staticData?.['node:Maileon Trigger']?.secret && sandboxes.maileon.state.webhooks.length > 0 ? true : undefined;
		});
		sandboxes.maileon.state.unsubscribe(email);
		await sandboxes.maileon.webhooks.idle();
		const delivery = sandboxes.maileon.webhooks.deliveries.at(-1);
		if (delivery?.status !== 200) throw new Error(`Maileon's call of the trigger ended with ${delivery?.status ?? delivery?.error}`);
		const recorded = requireSuccess(instance, await nextExecution(instance, backSync.id, known));
		log(`    unsubscribe delivered by Maileon over HTTP: ${describeExecution(instance, recorded)}`);
		if (!(await listedHashes(instance)).has(SuppressionLedger.hash(email))) throw new Error('the data table does not list the address');

		purgeMaileon(sandboxes);
		sandboxes.billomat.state.seedClients([{ name: 'Vogel GmbH', first_name: 'Lena', last_name: 'Vogel', email, tags: ['newsletter'] }]);
		const billomat = await publishTemplate(instance, 'billomat-maileon-import.json', {}, credentials);
		published.push(billomat);
		const [imported] = await fireSchedule(instance, billomat);
		requireSuccess(instance, imported);
		log(`    Billomat → Maileon import: ${describeExecution(instance, imported)}`);
		if (sandboxes.maileon.state.getContact(email)) throw new Error(`${email} unsubscribed through the Maileon Trigger and was imported into Maileon again`);
	});
}

/**
 * Two runs of the KUFER → Maileon transfer overlap (the schedule fires twice, a second apart, and Maileon
 * answers slowly), each with another export: every KUFER opt-out of both must be on the list.
 */
async function checkOverlappingRuns(instance: Instance): Promise<true | string> {
	return await withSandboxes(instance, async (sandboxes, credentials, published) => {
		const worlds = [new KuferWorld({ count: 300, seed: 41 }), new KuferWorld({ count: 300, seed: 42 })];
		const exports = worlds.map((world, index) => {
			const dir = mkdtempSync(path.join(instance.filesDir, `overlap-${index}-`));
			return world.prepare(dir).parameters?.['Read KUFER Export']?.fileSelector as string;
		});
		const run = worlds[0].prepare(mkdtempSync(path.join(instance.filesDir, 'overlap-')));
		// consecutive execution ids: the even one reads the first export, the odd one the second
		run.parameters = {
			...run.parameters,
			'Read KUFER Export': { fileSelector: `={{ Number($execution.id) % 2 === 0 ? ${JSON.stringify(exports[0])} : ${JSON.stringify(exports[1])} }}` },
		};
		const workflow = await publishTemplate(instance, KUFER, run, credentials);
		published.push(workflow);
		sandboxes.maileon.latencyMs = 150;
		const [first, second] = (await fireSchedule(instance, workflow, 2)).map((execution) => requireSuccess(instance, execution));
		log(`    ${describeExecution(instance, first)} ${first.startedAt} – ${first.stoppedAt}`);
		log(`    ${describeExecution(instance, second)} ${second.startedAt} – ${second.stoppedAt}`);
		const [early, late] = [first, second].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
		if (Date.parse(late.startedAt) >= Date.parse(early.stoppedAt ?? '')) throw new Error('the two runs did not overlap');
		const listed = await listedHashes(instance);
		const optOuts = worlds.flatMap((world) => world.optOuts);
		const missing = optOuts.filter((email) => !listed.has(SuppressionLedger.hash(email)));
		if (missing.length > 0) throw new Error(`${missing.length} of ${optOuts.length} KUFER opt-outs are not on the list`);
	});
}

const KUFER = 'kufer-maileon-transfer.json';

/**
 * The promise the list exists for, checked after the KUFER scenario's runs whatever they reported: whoever
 * had unsubscribed in Maileon before the first run is not in Maileon after the second (Maileon purged them
 * in between), and the data table lists them.
 */
function kuferPromise(instance: Instance, results: Results): NonNullable<ScenarioOptions['afterPass']> {
	let unsubscribed: string[] = [];
	return async (index, sandboxes) => {
		if (index === 0) {
			unsubscribed = sandboxes.maileon.state.unsubscriptions.map((row) => row.email ?? '');
			return;
		}
		const back = unsubscribed.filter((email) => sandboxes.maileon.state.getContact(email));
		check(
			results,
			`${instance.mode}: the ${unsubscribed.length} Maileon unsubscribers stay out of Maileon after its purge`,
			unsubscribed.length > 0 && back.length === 0 ? true : `${back.length} of ${unsubscribed.length} are contacts in Maileon again`,
		);
		const listed = await listedHashes(instance);
		const missing = unsubscribed.filter((email) => !listed.has(SuppressionLedger.hash(email)));
		check(
			results,
			`${instance.mode}: the data table lists them (${listed.size} rows)`,
			missing.length === 0 ? true : `${missing.length} of ${unsubscribed.length} are not in the data table`,
		);
	};
}

async function runMode(instance: Instance, results: Results): Promise<void> {
	for (const scenario of SCENARIOS) {
		if (ONLY && !scenario.template.includes(ONLY)) continue;
		log(`  ${scenario.title} (${new Date().toISOString()})`);
		if (!hasProductionTrigger(scenario.template)) {
			log('    runs by hand only (no schedule, webhook or app trigger): covered by the in-process template test');
			continue;
		}
		const options: ScenarioOptions = scenario.template === KUFER ? { otherWorker: true, afterPass: kuferPromise(instance, results) } : {};
		check(results, `${instance.mode}: ${scenario.title}`, await runScenario(instance, scenario, options));
	}
	if (ONLY && !'shared'.includes(ONLY)) return;
	log('  One list for every workflow');
	check(results, `${instance.mode}: an unsubscribe the Maileon Trigger got over HTTP keeps the address out of the Billomat import`, await checkSharedList(instance));
	log('  Overlapping runs');
	await Promise.all(instance.restarts);
	check(results, `${instance.mode}: two overlapping runs lose no list entry`, await checkOverlappingRuns(instance));
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
		// queue mode's Postgres migrations and worker start-ups take a while: they run while regular mode is checked
		const starting = new Map<Mode, Promise<Instance>>(
			MODES.map((mode) => [mode, mode === 'queue' ? startQueue(root, userFolder, cleanup) : startRegular(root, userFolder, cleanup)]),
		);
		for (const promise of starting.values()) promise.catch(() => undefined);
		for (const mode of MODES) {
			log(`n8n ${N8N_VERSION} in ${mode} mode${SUPPRESSION_LIST ? `, suppression list in ${SUPPRESSION_LIST}` : ''}`);
			const outcome = await attempt(async () => {
				const instance = await (starting.get(mode) as Promise<Instance>);
				await runMode(instance, results);
				await Promise.all([instance.main, ...instance.workers].map(async (process) => await process.stop()));
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
