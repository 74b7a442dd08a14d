import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { manualTriggerWorkflow, runWorkflow, type RunResult, type WorkflowJson } from '../../harness/workflow';
import type { Newsletter2GoSandbox } from '../../sandbox/newsletter2go';

export const NODE = 'Newsletter2Go';

export interface RunNodeOptions {
	/** Items fed into the node. @default one empty item */
	readonly input?: IDataObject[];
	readonly staticData?: IDataObject;
	/** Stored credential of an earlier run (its token), or overrides of the sandbox login. */
	readonly credentials?: ICredentialDataDecryptedObject;
	/** `continueRegularOutput` turns item errors into output items. */
	readonly onError?: 'continueRegularOutput';
}

/** A workflow of a Manual Trigger and one Newsletter2Go node with these parameters. */
export function nodeWorkflow(parameters: IDataObject, onError?: RunNodeOptions['onError']): WorkflowJson {
	return manualTriggerWorkflow('Newsletter2Go node test', {
		name: NODE,
		type: 'n8n-nodes-newsletter-sync.newsletter2Go',
		typeVersion: 1,
		parameters: parameters as INodeParameters,
		...(onError ? { onError } : {}),
	});
}

/** Runs the node in n8n's engine against the sandbox, with the sandbox's login as credential. */
export async function runNode(
	sandbox: Newsletter2GoSandbox,
	parameters: IDataObject,
	options: RunNodeOptions = {},
): Promise<RunResult> {
	const input: INodeExecutionData[] = (options.input ?? [{}]).map((json) => ({ json }));
	return await runWorkflow(nodeWorkflow(parameters, options.onError), {
		credentials: { newsletter2GoApi: { ...sandbox.credentials(), ...options.credentials } },
		startNode: NODE,
		input,
		staticData: options.staticData,
	});
}

/** A resource locator value in ID mode, as workflow JSON stores it. */
export function byId(value: string): IDataObject {
	return { __rl: true, mode: 'id', value };
}

/** The error that stopped the run, with message and description. */
export function runError(result: RunResult): { message: string; description?: string | null } {
	const error = result.error as (Error & { description?: string | null }) | undefined;
	if (!error) throw new Error(`The run did not fail (status ${result.status})`);
	return { message: error.message, description: error.description };
}
