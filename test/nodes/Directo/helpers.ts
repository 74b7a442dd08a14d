import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import type { SeedRecord } from '../../sandbox/directo';
import type { DirectoSandbox } from '../../sandbox/directo';
import { runWorkflow, type RunResult, type WorkflowJson } from '../../harness/workflow';

export const DIRECTO_NODE = 'n8n-nodes-newsletter-sync.directo';
export const DIRECTO_TRIGGER = 'n8n-nodes-newsletter-sync.directoTrigger';

/** A Manual Trigger followed by one Directo node with `parameters`. */
export function directoWorkflow(parameters: INodeParameters, continueOnFail = false): WorkflowJson {
	return {
		name: 'Directo (test)',
		nodes: [
			{
				id: 'a1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'a2',
				name: 'Directo',
				type: DIRECTO_NODE,
				typeVersion: 1,
				position: [200, 0],
				parameters,
				...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: { Start: { main: [[{ node: 'Directo', type: 'main', index: 0 }]] } },
	};
}

/** The decrypted `directoApi` credential for the sandbox's XML Direct interface. */
export function directoCredentials(
	sandbox: DirectoSandbox,
	overrides: ICredentialDataDecryptedObject = {},
): Record<string, ICredentialDataDecryptedObject> {
	return {
		directoApi: {
			interfaceType: 'xmlDirect',
			url: sandbox.url,
			apiKey: sandbox.token,
			...overrides,
		},
	};
}

export interface DirectoRunOptions {
	readonly credentials?: ICredentialDataDecryptedObject;
	/** Items fed to the Directo node (the run then starts there). */
	readonly input?: IDataObject[];
	/** Sets the node's "On Error" to "Continue". */
	readonly continueOnFail?: boolean;
}

export async function runDirecto(
	sandbox: DirectoSandbox,
	parameters: INodeParameters,
	options: DirectoRunOptions = {},
): Promise<RunResult> {
	const input: INodeExecutionData[] | undefined = options.input?.map((json) => ({ json }));
	return await runWorkflow(directoWorkflow(parameters, options.continueOnFail), {
		credentials: directoCredentials(sandbox, options.credentials),
		...(input ? { startNode: 'Directo', input } : {}),
	});
}

/** A customer card with plausible defaults (directo.md §4.2). */
export function customer(code: string, overrides: Partial<SeedRecord> = {}): SeedRecord {
	return {
		code,
		name: `${code} OÜ`,
		contact: 'Mari Mets',
		email: `${code.toLowerCase()}@example.org`,
		class: 'KLIENT',
		closed: '0',
		ts: '2024-01-15T10:30:00',
		datafields: { OPTIN: ['yes', '15.01.2024'] },
		...overrides,
	};
}

/** The `error` a run stopped with, as the editor shows it. */
export function errorOf(result: RunResult): { message?: string; description?: string | null } {
	const error = result.error as (Error & { description?: string | null }) | undefined;
	return { message: error?.message, description: error?.description };
}
