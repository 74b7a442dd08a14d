import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import type { RunReportCounts } from '../../nodes/shared/report';
import type { InMemoryDataTables } from '../harness/dataTables';
import { recordSleeps, type RecordedSleeps } from '../harness/sleep';
import { loadWorkflow, runWorkflow, type RunResult } from '../harness/workflow';
import type { FaultKind, FaultRequest } from '../sandbox/framework/faults';
import type { LogEntry, RequestLog } from '../sandbox/framework/log';
import { WORKFLOWS_DIR } from '../scenarios/inProcess';
import { startSandboxes, type SandboxSet } from '../scenarios/sandboxes';
import type { ScenarioRun } from '../scenarios/types';

export interface ReliabilityWorld {
	sandboxes(): SandboxSet;
	/** A temporary folder for export and drop folder, removed after the test. */
	workDir(): string;
	/** n8n's `sleep`, recorded instead of spent: Retry-After waits cost no time. */
	sleeps(): RecordedSleeps;
}

/**
 * Sandboxes, a work folder and recorded sleeps for the surrounding `describe`, started once before its
 * tests: its `beforeAll` runs the template, and each test checks one thing about the outcome.
 */
export function useReliabilityWorld(): ReliabilityWorld {
	let state: { sandboxes: SandboxSet; workDir: string; sleeps: RecordedSleeps } | undefined;
	beforeAll(async () => {
		state = {
			sandboxes: await startSandboxes(),
			workDir: mkdtempSync(path.join(os.tmpdir(), 'newsletter-sync-reliability-')),
			sleeps: recordSleeps(),
		};
	});
	afterAll(async () => {
		state?.sleeps.restore();
		await state?.sandboxes.close();
		if (state) rmSync(state.workDir, { recursive: true, force: true });
		state = undefined;
	});
	const current = () => {
		if (!state) throw new Error('The sandboxes run only inside a test');
		return state;
	};
	return { sandboxes: () => current().sandboxes, workDir: () => current().workDir, sleeps: () => current().sleeps };
}

export interface TemplateRunWorld extends ReliabilityWorld {
	/** The run the surrounding `describe` made before its tests. */
	result(): RunResult;
}

/**
 * `useReliabilityWorld` plus one run of `template` in its `beforeAll`: `arrange` seeds the sandboxes and
 * sets their faults, then returns the run's parameters.
 */
export function useTemplateRun(
	template: string,
	arrange: (world: ReliabilityWorld) => ScenarioRun,
): TemplateRunWorld {
	const world = useReliabilityWorld();
	let result: RunResult | undefined;
	beforeAll(async () => {
		result = await runTemplate(template, world.sandboxes(), arrange(world));
	});
	const current = () => {
		if (!result) throw new Error('The template runs only inside a test');
		return result;
	};
	return { ...world, result: current };
}

/**
 * Runs a template in n8n's engine like `runTemplateInProcess`, but hands a failed run back instead of
 * throwing: its error and the static data n8n would save for it (outside manual mode n8n saves changed
 * static data whatever the status).
 */
export async function runTemplate(
	template: string,
	sandboxes: SandboxSet,
	run: ScenarioRun,
	kept?: { staticData?: IDataObject; dataTables?: InMemoryDataTables },
): Promise<RunResult> {
	return await runWorkflow(loadWorkflow(path.join(WORKFLOWS_DIR, template)), {
		credentials: sandboxes.credentials(),
		parameters: run.parameters,
		// as in queue mode: the workflow's static data is not kept between runs, the data tables are
		dataTables: kept?.dataTables,
	});
}

/** The counts of the combined run report of a template run that succeeded. */
export function countsOf(result: RunResult): RunReportCounts {
	if (result.status !== 'success') {
		throw new Error(`The run ended with status ${result.status}: ${result.error?.message ?? 'no error'}`);
	}
	return (result.json('Run Report')[0] as { counts: RunReportCounts }).counts;
}

/** The message and the "what to do" of the error that stopped a run. */
export function errorOf(result: RunResult): { message: string; description?: string } {
	const error = result.error as (Error & { description?: string }) | undefined;
	if (!error) throw new Error(`The run ended with status ${result.status} and no error`);
	return { message: error.message, description: error.description ?? undefined };
}

/** The faults of the mix that fail a request (a `slow` one is answered, only late). */
const FAILING: ReadonlySet<FaultKind> = new Set(['429', '503', '500', 'drop']);

/** Requests the sandbox failed on purpose, in the order they arrived. */
export function failedOnPurpose(log: RequestLog, match: (entry: LogEntry) => boolean = () => true): LogEntry[] {
	return log.filter((entry) => entry.fault !== undefined && FAILING.has(entry.fault) && match(entry));
}

/** Every fault kind at 10%, with a short Retry-After and short delays. */
export function tenPercentFaults(seed: number, match?: (request: FaultRequest) => boolean) {
	return {
		kinds: ['429', '503', '500', 'slow', 'drop'] as FaultKind[],
		rate: 0.1,
		retryAfterSeconds: 1,
		slowMs: 20,
		seed,
		match,
	};
}

/** How often each value occurs. */
export function tally(values: Iterable<string>): Map<string, number> {
	const counts = new Map<string, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return counts;
}

/** Who the target knows before a run, cut from the source's addresses in this order. */
export interface TargetCast {
	/** Unsubscribed at the target itself although the source still consents: never to be resubscribed. */
	readonly unsubscribed: string[];
	/** Already subscribed at the target: updated, not created. */
	readonly present: string[];
	/** Opted out in the source but still subscribed at the target: the run unsubscribes them. */
	readonly optOuts: string[];
	/** Every consented address but the unsubscribed: the run leaves each subscribed exactly once. */
	readonly eligible: string[];
}

export function castTarget(
	consented: readonly string[],
	optedOut: readonly string[],
	sizes: { unsubscribed: number; present: number; optOuts: number },
): TargetCast {
	return {
		unsubscribed: consented.slice(0, sizes.unsubscribed),
		present: consented.slice(sizes.unsubscribed, sizes.unsubscribed + sizes.present),
		optOuts: optedOut.slice(0, sizes.optOuts),
		eligible: consented.slice(sizes.unsubscribed),
	};
}
