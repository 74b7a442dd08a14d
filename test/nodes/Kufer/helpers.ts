import path from 'node:path';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { loadWorkflow, requireSuccess, runWorkflow, type RunResult } from '../../harness/workflow';
import { renderExport, type KuferFixtureRecord, type ShapeOptions } from '../../sandbox/kufer';

const nodeWorkflow = loadWorkflow(path.join(__dirname, 'fixtures', 'kufer.workflow.json'));

export const PARSE = { resource: 'export', operation: 'parse' };
export const BACK_SYNC = { resource: 'unsubscriber', operation: 'createBackSyncFile' };

/** An input item carrying an export file inline, as "Read/Write Files from Disk" hands it over. */
export function fileItem(bytes: Uint8Array, fileName = 'adressen.xml'): INodeExecutionData {
	return {
		json: {},
		binary: {
			data: {
				data: Buffer.from(bytes).toString('base64'),
				mimeType: 'application/xml',
				fileName,
			},
		},
	};
}

export interface KuferRunOptions {
	readonly staticData?: IDataObject;
	/** Node settings such as `onError`. */
	readonly node?: IDataObject;
}

/** Runs the KUFER node alone with these parameters and input items. */
export async function runKufer(
	parameters: IDataObject,
	input: INodeExecutionData[],
	options: KuferRunOptions = {},
): Promise<RunResult> {
	const workflow = options.node
		? {
				...nodeWorkflow,
				nodes: nodeWorkflow.nodes.map((node) =>
					node.name === 'KUFER' ? { ...node, ...options.node } : node,
				),
			}
		: nodeWorkflow;
	return await runWorkflow(workflow, {
		startNode: 'KUFER',
		input,
		parameters: { KUFER: parameters },
		staticData: options.staticData,
	});
}

/** Parses export files with the Parse operation; `parameters` are merged over the defaults. */
export async function parseExport(
	files: Uint8Array | Uint8Array[],
	parameters: IDataObject = {},
	options: KuferRunOptions = {},
): Promise<RunResult> {
	const list = Array.isArray(files) ? files : [files];
	return await runKufer(
		{ ...PARSE, ...parameters },
		list.map((bytes, index) => fileItem(bytes, `adressen-${index + 1}.xml`)),
		options,
	);
}

/** The first (Contacts) output of a Parse run, keyed by e-mail. */
export function contactsByEmail(result: RunResult): Map<string, IDataObject> {
	return new Map(result.json('KUFER', 0).map((json) => [String(json.email).toLowerCase(), json]));
}

/** A KUFER address with readable defaults (kufer.md §2.1); override what a test is about. */
export function address(overrides: Partial<KuferFixtureRecord> = {}): KuferFixtureRecord {
	return {
		kind: 'optIn',
		adrnr: '104711',
		anrede: 'Frau',
		titel: 'Dr.',
		vorname: 'Jördis',
		name: 'Müller-Lüdenscheidt',
		email: 'j.mueller@example.de',
		newsletter: 'J',
		newsletterdatum: '01.02.2024',
		geaendert: '15.11.2025 08:30:12',
		...overrides,
	};
}

/** An export of these addresses (Windows-1252 unless the shape says otherwise). */
export function exportOf(records: KuferFixtureRecord[], shape: ShapeOptions = {}): Uint8Array {
	return renderExport(records, shape);
}

/** The contact the Parse operation makes of one address with these overrides. */
export async function parseAddress(
	overrides: Partial<KuferFixtureRecord> = {},
	parameters: IDataObject = {},
): Promise<IDataObject> {
	const result = requireSuccess(await parseExport(exportOf([address(overrides)]), parameters));
	const [contact] = result.json('KUFER', 0);
	if (!contact) throw new Error('The address made no contact');
	return contact;
}

/** The execution hints (warnings) the node left on its run. */
export function hintsOf(result: RunResult): string[] {
	return (result.run.data.resultData.runData.KUFER?.[0]?.hints ?? []).map((hint) => hint.message);
}
