import { PollContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, INodeType, Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { observe } from './secretRecorder';
import { prepareWorkflow, type WorkflowJson, type WorkflowSetup } from './workflow';

export interface PollOptions {
	/** `'trigger'` is a scheduled poll of an active workflow; `'manual'` the editor's "Fetch test event". @default 'trigger' */
	readonly mode?: 'trigger' | 'manual';
	/** What `getPollBudgetMs()` answers. @default n8n-core's default (5 minutes) */
	readonly budgetMs?: number;
}

/**
 * A polling trigger inside a workflow, polled as n8n's scheduler polls it: `poll()` runs on a real
 * n8n-core `PollContext`. The workflow's static data lives as long as the harness, as it does
 * between the polls of an active workflow.
 */
export class PollHarness {
	readonly workflow: Workflow;
	readonly node: INode;
	private readonly nodeType: INodeType;
	private readonly setup: ReturnType<typeof prepareWorkflow>;

	constructor(workflowJson: WorkflowJson, options: WorkflowSetup & { readonly nodeName: string }) {
		this.setup = prepareWorkflow(workflowJson, options);
		const node = this.setup.nodes.find((candidate) => candidate.name === options.nodeName);
		if (!node) throw new Error(`Node "${options.nodeName}" not found`);
		this.workflow = this.setup.workflow;
		this.node = node;
		this.nodeType = this.workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!this.nodeType.poll) throw new Error(`${node.type} is not a polling trigger`);
	}

	/** The trigger node's static data (`node:<name>`), live. */
	get nodeStaticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** Runs one poll; `null` means "nothing new, no execution". */
	async poll(options: PollOptions = {}): Promise<INodeExecutionData[][] | null> {
		const additionalData = createAdditionalData({ credentialsHelper: this.setup.credentialsHelper });
		const budget = options.budgetMs;
		const context = new PollContext(
			this.workflow,
			this.node,
			additionalData,
			options.mode ?? 'trigger',
			'activate',
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
			budget === undefined ? undefined : () => budget,
		);
		const poll = this.nodeType.poll;
		if (!poll) throw new Error(`${this.node.type} is not a polling trigger`);
		return await observe(`poll of "${this.node.name}"`, async () => await poll.call(context));
	}

	/** The JSON of the first output of a poll result (empty for `null`). */
	static json(result: INodeExecutionData[][] | null): IDataObject[] {
		return (result?.[0] ?? []).map((item) => item.json);
	}
}
