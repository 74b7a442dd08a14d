import path from 'node:path';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { SuppressionLedger, type LedgerStore } from '../../../nodes/shared/suppression';
import { changeToRow, readSuppressionRows, SUPPRESSION_LIST_NAME } from '../../../nodes/shared/suppressionList';
import { InMemoryDataTables } from '../../harness/dataTables';
import { startMaileonSandbox } from '../../sandbox/maileon';
import type { MaileonSandbox, MaileonSandboxOptions } from '../../sandbox/maileon';
import { useSandbox } from '../../sandbox/framework/lifecycle';
import type { LogEntry } from '../../sandbox/framework/log';
import { recordSleeps, type RecordedSleeps } from '../../harness/sleep';
import { loadWorkflow, runWorkflow } from '../../harness/workflow';
import type { RunResult, WorkflowJson } from '../../harness/workflow';

export function loadFixture(name: string): WorkflowJson {
	return loadWorkflow(path.join(__dirname, 'fixtures', name));
}

const nodeWorkflow = loadFixture('maileon.workflow.json');

/**
 * A fresh sandbox per test, closed afterwards, and n8n's `sleep` recorded instead of spent, so
 * retries cost no time. Call at the top of a `describe`.
 */
export function useMaileonSandbox(options: MaileonSandboxOptions = {}): {
	sandbox: () => MaileonSandbox;
	sleeps: () => RecordedSleeps;
} {
	let sleeps: RecordedSleeps | undefined;
	// registered first, so n8n's sleep is restored before the sandbox closes
	afterEach(() => {
		sleeps?.restore();
	});
	const sandbox = useSandbox(async () => {
		const started = await startMaileonSandbox(options);
		sleeps = recordSleeps();
		return started;
	});
	return {
		sandbox,
		sleeps: () => {
			if (!sleeps) throw new Error('Sleeps are recorded only inside a test');
			return sleeps;
		},
	};
}

export function maileonCredentials(
	sandbox: MaileonSandbox,
	overrides: ICredentialDataDecryptedObject = {},
): Record<string, ICredentialDataDecryptedObject> {
	return { maileonApi: { apiKey: sandbox.apiKey, baseUrl: sandbox.apiUrl, ...overrides } };
}

export interface MaileonRunOptions {
	/** Items handed to the node. @default one empty item */
	readonly input?: IDataObject[];
	readonly staticData?: IDataObject;
	readonly credentials?: ICredentialDataDecryptedObject;
}

/** Runs the Maileon node, as the only node after a Manual Trigger, with these parameters. */
export async function runMaileon(
	sandbox: MaileonSandbox,
	parameters: IDataObject,
	options: MaileonRunOptions = {},
): Promise<RunResult> {
	return await runWorkflow(nodeWorkflow, {
		credentials: maileonCredentials(sandbox, options.credentials),
		startNode: 'Maileon',
		input: (options.input ?? [{}]).map((json) => ({ json })),
		parameters: { Maileon: parameters },
		staticData: options.staticData,
	});
}

/** The "Identify By" parameters that name one contact by email, external ID or Maileon ID. */
export const identifyBy = {
	email: (email: string): IDataObject => ({ identifyBy: 'email', email }),
	externalId: (externalId: string): IDataObject => ({ identifyBy: 'externalId', externalId }),
	maileonId: (maileonId: string): IDataObject => ({ identifyBy: 'id', maileonId }),
};

/** Requests to `METHOD /1.0<path>` in the sandbox log (path without the query). */
export function requestsTo(sandbox: MaileonSandbox, method: string, path: string): LogEntry[] {
	return sandbox.log.filter((entry) => entry.method === method && entry.path === `/1.0${path}`);
}

/** Static data whose suppression ledger holds these addresses, unsubscribed at `at`. */
/** Data tables holding a suppression list with `emails`, unsubscribed at `at`, as a migrating user seeds it. */
export function dataTablesWithList(emails: readonly string[], at = Date.UTC(2024, 0, 1)): InMemoryDataTables {
	const dataTables = new InMemoryDataTables();
	dataTables.createSuppressionList();
	const ledger = new SuppressionLedger({});
	for (const email of emails) ledger.add(email, at);
	const origin = { source: 'seed', workflowId: 'seed', executionId: 'seed' };
	dataTables.insert(SUPPRESSION_LIST_NAME, ledger.changes().map((change) => ({ ...changeToRow(change, origin, 'unsubscribed') })));
	return dataTables;
}

export function staticDataWithLedger(
	emails: readonly string[],
	at = Date.UTC(2024, 0, 1),
): IDataObject {
	const store: LedgerStore = {};
	const ledger = new SuppressionLedger(store);
	for (const email of emails) ledger.add(email, at);
	return { global: { suppressionLedger: store as IDataObject } };
}

/** The suppression ledger in a run's static data (empty when there is none). */
export function ledgerOf(state: IDataObject | { suppressionList: IDataObject[] }): SuppressionLedger {
	// a run's suppression list rows (a data table), else the workflow's static data
	if (Array.isArray(state.suppressionList)) return new SuppressionLedger(readSuppressionRows(state.suppressionList as IDataObject[]).store);
	const global = ((state as IDataObject).global ?? {}) as IDataObject;
	return new SuppressionLedger(
		JSON.parse(JSON.stringify(global.suppressionLedger ?? {})) as LedgerStore,
	);
}

export interface ContactItemInput {
	readonly email: string;
	readonly firstName?: string;
	readonly gender?: string;
	readonly fields?: Record<string, string>;
	readonly consent?: {
		action: 'send' | 'skip' | 'unsubscribe';
		reason: string;
		status?: string;
		at?: number;
		origin?: { system: string; record: string };
	};
}

/** A contact item as the source nodes of this package emit it, consented by default. */
export function contactItem(email: string, overrides: Partial<ContactItemInput> = {}): IDataObject {
	return {
		email,
		firstName: 'Anna',
		consent: { action: 'send', reason: 'explicit opt-in', status: 'optIn' },
		...overrides,
	} as IDataObject;
}

/** A load-options context whose authenticated requests go to the sandbox with the demo key. */
export function loadOptionsContext(sandbox: MaileonSandbox): ILoadOptionsFunctions {
	return {
		getNode: () => ({ name: 'Maileon', type: 'n8n-nodes-newsletter-sync.maileon', typeVersion: 1, parameters: {} }),
		getCredentials: async () => maileonCredentials(sandbox).maileonApi,
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				const response = await fetch(`${options.baseURL}${options.url}`, {
					method: options.method,
					headers: { authorization: sandbox.authorization() },
				});
				return { statusCode: response.status, headers: {}, body: await response.text() };
			},
		},
	} as unknown as ILoadOptionsFunctions;
}
