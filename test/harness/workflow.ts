import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IConnections, IDataObject, INode, INodeExecutionData, INodeParameters, IRun, IWorkflowBase, WorkflowExecuteMode } from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { TestCredentialsHelper } from './credentials';
import { SUPPRESSION_LIST_NAME } from '../../nodes/shared/suppressionList';
import { InMemoryDataTables } from './dataTables';
import { createRegistry, type Registry } from './registry';
import { recordRun } from './secretRecorder';

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
	staticData?: IDataObject | null;
}

/** How a workflow JSON becomes an n8n `Workflow`; shared by runs and by trigger contexts. */
export interface WorkflowSetup {
	/** Decrypted credentials by type (`{ maileonApi: { apiKey, baseUrl } }`); added to every node that declares the type. */
	readonly credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Static data of an earlier run; pass `result.staticData` to simulate the next run. */
	readonly staticData?: IDataObject;
	/** Parameter overrides per node name, merged over the template's values (file paths, list ids). */
	readonly parameters?: Record<string, IDataObject>;
	readonly registry?: Registry;
}

export interface RunOptions extends WorkflowSetup {
	/** Name of the node to start from. @default the first Manual Trigger */
	readonly startNode?: string;
	/** Items handed to the start node (a Manual Trigger ignores them: start at the next node to feed data). @default one empty item */
	readonly input?: INodeExecutionData[];
	/** @default 'manual' */
	readonly mode?: WorkflowExecuteMode;
	/** n8n's data tables the run reads and writes; pass the same object to later runs. @default an empty suppression list */
	readonly dataTables?: InMemoryDataTables;
	/**
	 * A measured run (the benchmark): nothing is recorded for the secret scan, and the result holds
	 * no copies of the static data and the suppression list, so the harness adds neither time nor
	 * memory to what n8n and the nodes use. @default false
	 */
	readonly measureOnly?: boolean;
}

export interface RunResult {
	run: IRun;
	status: IRun['status'];
	/** The error that stopped the run, if any. */
	error?: Error;
	/** The workflow's static data after the run (cursors, suppression ledger). */
	staticData: IDataObject;
	/** n8n's data tables as the run left them; hand them to the next run. */
	dataTables: InMemoryDataTables;
	/** The rows of the suppression list when the run ended (a copy). */
	suppressionList: IDataObject[];
	/** Names of the nodes that ran, in order. */
	executedNodes: string[];
	/** Credentials as stored after the run (tokens refreshed by preAuthentication). */
	credentials: Map<string, ICredentialDataDecryptedObject>;
	/** Items of one output of a node's first run. */
	items(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The `json` of those items. */
	json(nodeName: string, outputIndex?: number): IDataObject[];
}

/** A workflow of a Manual Trigger named "Start" followed by `node`, for the tests of one node. */
export function manualTriggerWorkflow(name: string, node: Omit<INode, 'id' | 'position'>): WorkflowJson {
	return {
		name,
		nodes: [
			{ id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: randomUUID(), position: [220, 0], ...node },
		],
		connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
	};
}

/**
 * The result of a run that has to succeed: a failed run fails the test with the run's own error,
 * which says more than a status that is not "success".
 */
export function requireSuccess(result: RunResult): RunResult {
	if (result.error) throw result.error;
	if (result.status !== 'success') throw new Error(`The run ended with status "${result.status}"`);
	return result;
}

let sharedRegistry: Registry | undefined;

function suppressionRowsOf(dataTables: InMemoryDataTables): IDataObject[] {
	try {
		return JSON.parse(JSON.stringify(dataTables.rows(SUPPRESSION_LIST_NAME))) as IDataObject[];
	} catch {
		// a run without the table has no list to show
		return [];
	}
}

function defaultDataTables(): InMemoryDataTables {
	const dataTables = new InMemoryDataTables();
	dataTables.createSuppressionList();
	return dataTables;
}

function registryOf(options: WorkflowSetup): Registry {
	if (options.registry) return options.registry;
	sharedRegistry ??= createRegistry();
	return sharedRegistry;
}

export function loadWorkflow(file: string): WorkflowJson {
	return JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson;
}

function credentialNamesOf(registry: Registry, node: INode): string[] {
	const nodeType = registry.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	return (nodeType.description.credentials ?? []).map((credential) => credential.name);
}

function prepareNodes(workflow: WorkflowJson, options: WorkflowSetup, registry: Registry): INode[] {
	const available = options.credentials ?? {};
	return workflow.nodes.map((original) => {
		const node: INode = JSON.parse(JSON.stringify(original)) as INode;
		const overrides = options.parameters?.[node.name];
		if (overrides) node.parameters = { ...node.parameters, ...(overrides as INodeParameters) };
		for (const name of credentialNamesOf(registry, node)) {
			if (available[name] === undefined) continue;
			node.credentials = { ...node.credentials, [name]: { id: name, name } };
		}
		return node;
	});
}

function pickStartNode(nodes: INode[], startNode?: string): INode {
	const start = startNode
		? nodes.find((node) => node.name === startNode)
		: nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	if (!start) throw new Error(`Start node "${startNode ?? 'Manual Trigger'}" not found`);
	return start;
}

export interface PreparedWorkflow {
	readonly workflow: Workflow;
	readonly workflowData: IWorkflowBase;
	/** The nodes with overrides and credentials applied. */
	readonly nodes: INode[];
	readonly credentialsHelper: TestCredentialsHelper;
}

/** The n8n `Workflow` a run or a trigger context works on, with credentials and static data in place. */
export function prepareWorkflow(workflowJson: WorkflowJson, options: WorkflowSetup = {}): PreparedWorkflow {
	const registry = registryOf(options);
	const nodes = prepareNodes(workflowJson, options, registry);
	const id = workflowJson.id ?? randomUUID();
	const staticData = JSON.parse(JSON.stringify(options.staticData ?? {})) as IDataObject;
	const workflow = new Workflow({
		id,
		name: workflowJson.name,
		nodes,
		connections: workflowJson.connections,
		nodeTypes: registry.nodeTypes,
		staticData,
		settings: { executionOrder: 'v1', ...(workflowJson.settings ?? {}) },
		active: false,
	});
	const workflowData = {
		id,
		name: workflowJson.name,
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections: workflowJson.connections,
		settings: { executionOrder: 'v1' },
	} as IWorkflowBase;
	const credentialsHelper = new TestCredentialsHelper(registry.credentialTypes, options.credentials ?? {});
	return { workflow, workflowData, nodes, credentialsHelper };
}

/**
 * Runs a workflow JSON in-process with n8n's own engine (n8n-core `WorkflowExecute`), our node types,
 * n8n-nodes-base and real HTTP — the same path a manual execution in the editor takes. The run is
 * recorded for the secret scan (test/setup/secretScan.ts).
 */
export async function runWorkflow(
	workflowJson: WorkflowJson,
	options: RunOptions = {},
): Promise<RunResult> {
	const { workflow, workflowData, nodes, credentialsHelper } = prepareWorkflow(workflowJson, options);
	const mode = options.mode ?? 'manual';
	const executionId = randomUUID();
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const executedNodes: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executedNodes.push(nodeName);
	});
	const finished = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run));
	});
	const dataTables = options.dataTables ?? defaultDataTables();
	const additionalData = createAdditionalData({ executionId, hooks, credentialsHelper, dataTables });

	const start = pickStartNode(nodes, options.startNode);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: start,
					data: { main: [options.input ?? [{ json: {} }]] },
					source: null,
				},
			],
		},
	});
	const execution = new WorkflowExecute(additionalData, mode, runExecutionData);
	await execution.processRunExecutionData(workflow);
	const run = await finished;
	if (options.measureOnly !== true) recordRun(run);

	const runData = run.data.resultData.runData;
	const items = (nodeName: string, outputIndex = 0): INodeExecutionData[] => {
		const taskData = runData[nodeName]?.[0];
		if (!taskData) throw new Error(`Node "${nodeName}" did not run (ran: ${executedNodes.join(', ')})`);
		return taskData.data?.main?.[outputIndex] ?? [];
	};
	return {
		run,
		status: run.status,
		error: run.data.resultData.error,
		staticData: options.measureOnly === true ? {} : (JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject),
		dataTables,
		suppressionList: options.measureOnly === true ? [] : suppressionRowsOf(dataTables),
		executedNodes,
		credentials: credentialsHelper.store,
		items,
		json: (nodeName, outputIndex) => items(nodeName, outputIndex).map((item) => item.json),
	};
}
