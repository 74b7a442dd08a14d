import path from 'node:path';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { loadWorkflow, runWorkflow } from '../harness/workflow';
import type { SandboxSet } from './sandboxes';
import type { NodeOutput, ScenarioRun } from './types';

export const WORKFLOWS_DIR = path.resolve(__dirname, '../../workflows');

export interface InProcessResult {
	output: NodeOutput;
	staticData: IDataObject;
}

/** Runs a template with n8n's engine in this process, against the sandboxes. */
export async function runTemplateInProcess(
	template: string,
	sandboxes: SandboxSet,
	run: ScenarioRun,
	staticData?: IDataObject,
): Promise<InProcessResult> {
	const result = await runWorkflow(loadWorkflow(path.join(WORKFLOWS_DIR, template)), {
		credentials: sandboxes.credentials(),
		parameters: run.parameters,
		startNode: run.startNode,
		input: run.input?.map((json): INodeExecutionData => ({ json })),
		staticData,
	});
	if (result.status !== 'success') {
		throw new Error(`${template} ended with status ${result.status}: ${result.error?.message ?? 'no error'}`);
	}
	return { output: result.json, staticData: result.staticData };
}
