import type { IDataObject } from 'n8n-workflow';

import { rateLimitClock } from '../../../nodes/Billomat/rateLimit';
import { SandboxClock } from '../../sandbox/framework/clock';
import { useSandbox } from '../../sandbox/framework/lifecycle';
import type { LogEntry } from '../../sandbox/framework/log';
import { startBillomatSandbox, type BillomatSandbox, type BillomatSandboxOptions } from '../../sandbox/billomat';
import { PollHarness } from '../../harness/poll';
import { manualTriggerWorkflow, runWorkflow, type RunResult, type WorkflowJson } from '../../harness/workflow';

/** 10:00:00 UTC, the start of a rate-limit window. */
export const START = Date.UTC(2025, 5, 2, 10, 0, 0);

export interface BillomatTestbed {
	sandbox: () => BillomatSandbox;
	/** Every rate-limit or retry wait the node asked for, in ms; each one moved the sandbox clock. */
	waits: () => number[];
}

/**
 * A fresh sandbox per test on a frozen clock, and the node's rate-limit clock bound to it: the node
 * reads the sandbox's time and its waits advance that time, so windows pass without real waiting.
 */
export function useBillomatSandbox(options: BillomatSandboxOptions = {}): BillomatTestbed {
	let waits: number[] = [];
	// registered first, so the clocks are restored before the sandbox closes
	afterEach(() => {
		jest.restoreAllMocks();
	});
	const sandbox = useSandbox(async () => {
		const clock = options.clock ?? new SandboxClock(START);
		const started = await startBillomatSandbox({ ...options, clock });
		waits = [];
		jest.spyOn(rateLimitClock, 'now').mockImplementation(() => clock.now());
		jest.spyOn(rateLimitClock, 'sleep').mockImplementation(async (ms: number) => {
			waits.push(ms);
			clock.advance(ms);
		});
		return started;
	});
	return { sandbox, waits: () => waits };
}

export const billomatWorkflow: WorkflowJson = manualTriggerWorkflow('Billomat (test)', {
	name: 'Billomat',
	type: 'n8n-nodes-newsletter-sync.billomat',
	typeVersion: 1,
	parameters: {},
});

export const triggerWorkflow: WorkflowJson = {
	name: 'Billomat Trigger (test)',
	nodes: [
		{
			id: '0b7e1c4a-0006-4000-8000-000000000003',
			name: 'Billomat Trigger',
			type: 'n8n-nodes-newsletter-sync.billomatTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: { events: ['newClient', 'updatedClient'], options: {} },
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
};

export interface BillomatRunOptions {
	/** Items handed to the node. @default one empty item */
	readonly input?: IDataObject[];
	readonly credentials?: Record<string, string>;
	/** The node's `onError` setting, e.g. 'continueRegularOutput'. */
	readonly onError?: string;
}

/** Runs the Billomat node with these parameters, fed with `input`. */
export async function runBillomat(
	sandbox: BillomatSandbox,
	parameters: IDataObject,
	options: BillomatRunOptions = {},
): Promise<RunResult> {
	const workflow: WorkflowJson = options.onError
		? {
				...billomatWorkflow,
				nodes: billomatWorkflow.nodes.map((node) => (node.name === 'Billomat' ? { ...node, onError: options.onError as never } : node)),
			}
		: billomatWorkflow;
	return await runWorkflow(workflow, {
		credentials: { billomatApi: sandbox.credentials(options.credentials) },
		startNode: 'Billomat',
		input: (options.input ?? [{}]).map((json) => ({ json })),
		parameters: { Billomat: parameters },
	});
}

/** A poll harness on the trigger workflow with these trigger parameters. */
export function pollTrigger(sandbox: BillomatSandbox, parameters: IDataObject = {}): PollHarness {
	return new PollHarness(triggerWorkflow, {
		nodeName: 'Billomat Trigger',
		credentials: { billomatApi: sandbox.credentials() },
		parameters: { 'Billomat Trigger': parameters },
	});
}

/** Requests to `METHOD /demo/api<path>` in the sandbox log (path without the query). */
export function requestsTo(sandbox: BillomatSandbox, method: string, path: string): LogEntry[] {
	return sandbox.log.filter((entry) => entry.method === method && entry.path === `/${sandbox.billomatId}/api${path}`);
}

/** The query of page `page` of a client list read in ID order, 1000 clients a page. */
export function pageQuery(page: number): Record<string, string> {
	return { order_by: 'id ASC', per_page: '1000', page: String(page) };
}

/** The run's error, which a test expects to exist. */
export function errorOf(result: RunResult): Error & { description?: string | null } {
	if (!result.error) throw new Error(`Expected the run to fail, it ended with status ${result.status}`);
	return result.error as Error & { description?: string | null };
}
