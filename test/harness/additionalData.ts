import { randomUUID } from 'node:crypto';
import type { ExecutionLifecycleHooks } from 'n8n-core';
import type { ICredentialsHelper, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import type { InMemoryDataTables } from './dataTables';
import { installTestLogger } from './logger';

/** Where the in-process "n8n" pretends to listen; only URLs built from it leave the process. */
export const HARNESS_ORIGIN = 'http://127.0.0.1:5678';

export interface AdditionalDataOptions {
	readonly credentialsHelper: ICredentialsHelper;
	/** @default a random UUID */
	readonly executionId?: string;
	/** Needed by `WorkflowExecute`; hook and webhook contexts run without. */
	readonly hooks?: ExecutionLifecycleHooks;
	/** Base of production webhook URLs, e.g. a local receiver the sandbox can call. @default `${HARNESS_ORIGIN}/webhook` */
	readonly webhookBaseUrl?: string;
	/** The express-like request and response a webhook context reads. */
	readonly httpRequest?: unknown;
	readonly httpResponse?: unknown;
	/** n8n's data tables, for its Data table node; none when left out. */
	readonly dataTables?: InMemoryDataTables;
}

/**
 * What n8n-core needs from the n8n server around it: URLs, credentials and a few callbacks. A plain
 * object, since the CLI's own `getWorkflowExecuteAdditionalData` needs the database. n8n's logger
 * comes from the DI container; the harness replaces it with one that records (./logger.ts).
 */
export function createAdditionalData(
	options: AdditionalDataOptions,
): IWorkflowExecuteAdditionalData {
	// every context the harness builds starts here, so n8n's logger is the recording one from now on
	installTestLogger();
	const additionalData = {
		executionId: options.executionId ?? randomUUID(),
		hooks: options.hooks,
		credentialsHelper: options.credentialsHelper,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${HARNESS_ORIGIN}/rest`,
		instanceBaseUrl: `${HARNESS_ORIGIN}/`,
		formBaseUrl: `${HARNESS_ORIGIN}/form`,
		formWaitingBaseUrl: `${HARNESS_ORIGIN}/form-waiting`,
		formTestBaseUrl: `${HARNESS_ORIGIN}/form-test`,
		webhookBaseUrl: options.webhookBaseUrl ?? `${HARNESS_ORIGIN}/webhook`,
		webhookWaitingBaseUrl: `${HARNESS_ORIGIN}/webhook-waiting`,
		webhookTestBaseUrl: `${HARNESS_ORIGIN}/webhook-test`,
		mcpBaseUrl: `${HARNESS_ORIGIN}/mcp`,
		mcpTestBaseUrl: `${HARNESS_ORIGIN}/mcp-test`,
		httpRequest: options.httpRequest,
		httpResponse: options.httpResponse,
		variables: {},
		...(options.dataTables ? { 'data-table': { dataTableProxyProvider: options.dataTables.provider() }, dataTableProjectId: 'harness-project' } : {}),
		userId: 'test-user',
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in the test harness');
		},
		startRunnerTask: async () => {
			throw new Error('The Code node needs n8n task runners and cannot run in the test harness');
		},
	};
	return additionalData as unknown as IWorkflowExecuteAdditionalData;
}
