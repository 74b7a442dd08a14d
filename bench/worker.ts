/**
 * One benchmark case in a process of its own, started by bench/run.ts, so its peak RSS is its own and
 * not the sandboxes'. It receives a `WorkerTask` over IPC, runs it and answers with a `WorkerResult`.
 */
// n8n-core reads its settings when first loaded: same as the tests (temp user folder, quiet logger,
// file access to temp folders)
import '../test/setup/env';
import { createReadStream, rmSync } from 'node:fs';
import path from 'node:path';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { SuppressionLedger } from '../nodes/shared/suppression';
import { childText, iterateRecordBatches } from '../nodes/shared/xml/records';
import { parseContext } from './parseContext';

export type WorkerTask =
	| {
			readonly kind: 'workflow';
			/** Workflow JSON file, absolute. */
			readonly file: string;
			readonly credentials: Record<string, ICredentialDataDecryptedObject>;
			readonly parameters?: Record<string, IDataObject>;
			/** Node whose first item is the run report. */
			readonly reportNode?: string;
			/** Nodes whose item counts are returned. */
			readonly countNodes?: readonly string[];
	  }
	| { readonly kind: 'parse'; readonly file: string; readonly runs: number }
	/** Each file once, in one process: `runsMs` holds one time per file. */
	| { readonly kind: 'kuferParse'; readonly files: readonly string[] }
	| { readonly kind: 'byteScan'; readonly file: string; readonly runs: number }
	| { readonly kind: 'ledger'; readonly n: number; readonly runs: number };

export interface WorkerResult {
	readonly wallMs: number;
	/**
	 * CPU time of this process during a workflow, user + system, ms: on a machine shared with other
	 * work the wall time also counts the waits for a core, this does not.
	 */
	readonly cpuMs?: number;
	/** Peak resident set of this process (`maxRSS`), MB. */
	readonly peakRssMb: number;
	/** Resident set after loading, before the case ran, MB. */
	readonly startRssMb: number;
	readonly status?: string;
	readonly error?: string;
	readonly report?: IDataObject;
	readonly itemCounts?: Record<string, number>;
	/** Milliseconds n8n spent in each node (all runs of it). */
	readonly nodeMs?: Record<string, number>;
	/** Records found by a parse or a byte scan. */
	readonly records?: number;
	/** Every run's wall time when the case repeats (parse, byte scan). */
	readonly runsMs?: number[];
}

const MB = 1024 * 1024;
const CHUNK = 64 * 1024;

/**
 * n8n keeps files on disk by default (`N8N_DEFAULT_BINARY_DATA_MODE=filesystem`) once its binary data
 * service is started; in-process the service starts in memory mode unless started like this.
 */
async function keepBinaryDataOnDisk(): Promise<string> {
	const core = path.dirname(require.resolve('n8n-core'));
	// n8n-core resolves its services from its own copy of the container
	const { Container } = require(require.resolve('@n8n/di', { paths: [core] })) as typeof import('@n8n/di');
	const { BinaryDataConfig, BinaryDataService } = await import('n8n-core');
	await Container.get(BinaryDataService).init();
	return Container.get(BinaryDataConfig).localStoragePath;
}

async function runWorkflowTask(task: Extract<WorkerTask, { kind: 'workflow' }>): Promise<Omit<WorkerResult, 'peakRssMb' | 'startRssMb'>> {
	// loaded only here, so the parse and the byte scan are measured without n8n's engine in memory
	const { loadWorkflow, runWorkflow } = await import('../test/harness/workflow');
	const { createRegistry } = await import('../test/harness/registry');
	const storage = await keepBinaryDataOnDisk();
	const workflow = loadWorkflow(task.file);
	// the package as n8n loads it: the built JavaScript in dist/, with its bundled libraries; every
	// node type of the workflow loaded before the clock starts, as in an n8n instance that is running
	const registry = createRegistry({ fromDist: true });
	for (const node of workflow.nodes) registry.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const started = performance.now();
	const cpuBefore = process.cpuUsage();
	const result = await runWorkflow(workflow, {
		credentials: task.credentials,
		parameters: task.parameters,
		registry,
		// no secret scan runs here, and nothing reads the copies a test would look at
		measureOnly: true,
	});
	const cpu = process.cpuUsage(cpuBefore);
	// the execution's duration as n8n records it (what its list of executions shows); the harness's
	// own work around the run is left out
	const { startedAt, stoppedAt } = result.run;
	const wallMs = stoppedAt === undefined ? performance.now() - started : stoppedAt.getTime() - new Date(startedAt).getTime();
	rmSync(storage, { recursive: true, force: true });
	// time spent in each node, as n8n records it
	const nodeMs: Record<string, number> = {};
	for (const [name, runs] of Object.entries(result.run.data.resultData.runData)) {
		nodeMs[name] = runs.reduce((sum, run) => sum + run.executionTime, 0);
	}
	const itemCounts: Record<string, number> = {};
	for (const name of task.countNodes ?? []) itemCounts[name] = result.json(name).length;
	return {
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		status: result.status,
		error: result.error?.message,
		report: task.reportNode === undefined ? undefined : result.json(task.reportNode)[0],
		itemCounts,
		nodeMs,
	};
}

/** The XML record iterator the KUFER and Directo nodes stand on, over the file in 64 KiB chunks. */
async function parseOnce(file: string): Promise<number> {
	let records = 0;
	const source = createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Uint8Array>;
	for await (const batch of iterateRecordBatches(source)) {
		for (const record of batch) if (childText(record.element, 'email') !== undefined) records++;
	}
	return records;
}

/** The KUFER Parse operation over the file as a stream: merging, invalid records and decisions included. */
async function parseKuferOnce(file: string): Promise<number> {
	const { execute } = await import('../nodes/Kufer/actions/export/parse.operation');
	const open = async () => createReadStream(file, { highWaterMark: CHUNK });
	const context = parseContext(open, { output: 'all', options: {} }, true);
	const [contacts, invalid] = await execute.call(context, [{ json: {} }]);
	return contacts.length + invalid.length;
}

/** The lower bound: read the same file in the same chunks and look at every byte once (counts `<`). */
async function scanOnce(file: string): Promise<number> {
	let tags = 0;
	for await (const chunk of createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
		for (let index = 0; index < chunk.length; index++) if (chunk[index] === 60) tags++;
	}
	return tags;
}

async function repeat(runs: number, once: () => Promise<number>): Promise<Omit<WorkerResult, 'peakRssMb' | 'startRssMb'>> {
	const runsMs: number[] = [];
	let records = 0;
	for (let run = 0; run < runs; run++) {
		const started = performance.now();
		records = await once();
		runsMs.push(performance.now() - started);
	}
	return { wallMs: median(runsMs), runsMs, records };
}

/** The middle of the measured values (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Adds `n` addresses to a fresh suppression ledger, then checks each of them once. */
async function ledgerOnce(n: number): Promise<number> {
	const ledger = new SuppressionLedger({});
	for (let i = 0; i < n; i++) ledger.add(`user.${i}@example.de`, i);
	let suppressed = 0;
	for (let i = 0; i < n; i++) if (ledger.check(`USER.${i}@Example.de`).suppressed) suppressed++;
	return suppressed;
}

async function parseEach(files: readonly string[]): Promise<Omit<WorkerResult, 'peakRssMb' | 'startRssMb'>> {
	const runsMs: number[] = [];
	let records = 0;
	for (const file of files) {
		const started = performance.now();
		records = await parseKuferOnce(file);
		runsMs.push(performance.now() - started);
	}
	return { wallMs: runsMs.at(-1) ?? 0, runsMs, records };
}

async function perform(task: WorkerTask): Promise<WorkerResult> {
	if (task.kind === 'workflow') await import('../test/harness/workflow');
	const startRssMb = process.memoryUsage().rss / MB;
	const outcome =
		task.kind === 'workflow'
			? await runWorkflowTask(task)
			: task.kind === 'parse'
				? await repeat(task.runs, () => parseOnce(task.file))
				: task.kind === 'kuferParse'
					? await parseEach(task.files)
					: task.kind === 'ledger'
						? await repeat(task.runs, () => ledgerOnce(task.n))
						: await repeat(task.runs, () => scanOnce(task.file));
	// maxRSS is in KiB
	return { ...outcome, startRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** Answers the parent, then ends this process: n8n's services may hold timers that would keep it alive. */
function answer(result: WorkerResult): void {
	process.send?.(result, () => process.exit(0));
}

process.once('message', (task: WorkerTask) => {
	perform(task)
		.then(answer)
		.catch((error: unknown) =>
			answer({
				wallMs: 0,
				peakRssMb: process.resourceUsage().maxRSS / 1024,
				startRssMb: 0,
				status: 'crashed',
				error: error instanceof Error ? (error.stack ?? error.message) : String(error),
			}),
		);
});
