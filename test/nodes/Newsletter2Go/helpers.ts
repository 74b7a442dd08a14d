import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { Newsletter2GoApi } from '../../../credentials/Newsletter2GoApi.credentials';
import { registerCredential } from '../../harness/secretRecorder';
import { manualTriggerWorkflow, runWorkflow, type RunResult, type WorkflowJson } from '../../harness/workflow';
import { PASSWORD_GRANT, type Newsletter2GoSandbox } from '../../sandbox/newsletter2go';
import { requestToken } from '../../sandbox/newsletter2go/testing';

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

/** A load-options context whose authenticated requests go to the sandbox with a bearer token. */
export async function loadOptionsContext(sandbox: Newsletter2GoSandbox, parameters: Record<string, unknown> = {}): Promise<ILoadOptionsFunctions> {
	const { username, password } = sandbox.state.settings;
	const token = String((await requestToken(sandbox, { username, password, grant_type: PASSWORD_GRANT })).json.access_token);
	registerCredential('newsletter2GoApi', { ...sandbox.credentials(), accessToken: token }, new Newsletter2GoApi());
	return {
		getNode: () => ({ name: 'Newsletter2Go', type: 'n8n-nodes-newsletter-sync.newsletter2Go', typeVersion: 1, parameters: {} }),
		getCredentials: async () => sandbox.credentials(),
		getCurrentNodeParameter: (name: string) => parameters[name],
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				const url = new URL(`${options.baseURL}${options.url}`);
				for (const [name, value] of Object.entries(options.qs ?? {})) url.searchParams.set(name, String(value));
				const response = await fetch(url, { method: options.method, headers: { authorization: `Bearer ${token}` } });
				return { statusCode: response.status, headers: {}, body: (await response.json()) as unknown };
			},
		},
	} as unknown as ILoadOptionsFunctions;
}
