import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { SandboxSet } from './sandboxes';

/** Items of one output of one node, as both the in-process harness and a real n8n report them. */
export type NodeOutput = (nodeName: string, outputIndex?: number) => IDataObject[];

export interface ScenarioRun {
	/** Parameter overrides per node: the "obvious settings" a user fills in after import (paths, list ids). */
	parameters?: Record<string, IDataObject>;
	/** Where to start; a template's Manual Trigger by default. */
	startNode?: string;
	/** Items for the start node when it is not a Manual Trigger (e.g. a webhook request). */
	input?: IDataObject[];
}

/**
 * One template, proven end to end: `prepare` seeds the sandboxes and says how to run, `verify` asserts
 * the target state and the outputs with node:assert, so the same scenario runs under jest, in the demo
 * and against a real n8n.
 */
export interface Scenario {
	/** File name in workflows/. */
	readonly template: string;
	readonly title: string;
	/** The node whose first output holds the run report (or the final answer) to print. */
	readonly reportNode: string;
	prepare(sandboxes: SandboxSet, workDir: string): Promise<ScenarioRun>;
	verify(sandboxes: SandboxSet, output: NodeOutput, workDir: string): Promise<void> | void;
	/**
	 * Runs after verify: a second pass (e.g. the next scheduled run) with the static data of the first, or
	 * several in order (e.g. one webhook call per event), each with the static data of the pass before.
	 */
	readonly rerun?: ScenarioPass | readonly ScenarioPass[];
}

/** One run of a template: how to start it and what must hold afterwards. */
export interface ScenarioPass {
	prepare(sandboxes: SandboxSet, workDir: string): Promise<ScenarioRun>;
	verify(sandboxes: SandboxSet, output: NodeOutput, workDir: string): Promise<void> | void;
}

/** The passes of a scenario in order: the first run, then every rerun. */
export function passesOf(scenario: Scenario): ScenarioPass[] {
	const { rerun } = scenario;
	const reruns = rerun === undefined ? [] : 'prepare' in rerun ? [rerun] : [...rerun];
	return [{ prepare: scenario.prepare, verify: scenario.verify }, ...reruns];
}

export type CredentialSet = Record<string, ICredentialDataDecryptedObject>;
