import path from 'node:path';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { InMemoryDataTables } from '../harness/dataTables';
import { loadWorkflow, runWorkflow } from '../harness/workflow';
import type { SandboxSet } from './sandboxes';
import type { NodeOutput, ScenarioRun } from './types';

export const WORKFLOWS_DIR = path.resolve(__dirname, '../../workflows');

/** What n8n keeps between two runs of a template: the workflow's static data and the data tables. */
export interface KeptState {
	staticData: IDataObject;
	dataTables: InMemoryDataTables;
}

export interface InProcessResult extends KeptState {
	output: NodeOutput;
}

/** Runs a template with n8n's engine in this process, against the sandboxes. */
export async function runTemplateInProcess(
	template: string,
	sandboxes: SandboxSet,
	run: ScenarioRun,
	kept?: KeptState,
): Promise<InProcessResult> {
	const result = await runWorkflow(loadWorkflow(path.join(WORKFLOWS_DIR, template)), {
		credentials: sandboxes.credentials(),
		parameters: run.parameters,
		startNode: run.startNode,
		input: run.input?.map((json): INodeExecutionData => ({ json })),
		staticData: kept?.staticData,
		dataTables: kept?.dataTables,
	});
	if (result.status !== 'success') {
		throw new Error(`${template} ended with status ${result.status}: ${result.error?.message ?? 'no error'}`);
	}
	return { output: result.json, staticData: result.staticData, dataTables: result.dataTables };
}
