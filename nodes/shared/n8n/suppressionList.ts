import { NodeOperationError } from 'n8n-workflow';
import type { ExpressionString, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { SuppressionLedger } from '../suppression';
import { changeToRow, readSuppressionRows, SUPPRESSION_LIST_NAME, type ReadRows } from '../suppressionList';
import { openLedger } from './ledger';

export type SuppressionListMode = 'dataTable' | 'staticData';

/** What a run shows when its list is the workflow's static data. */
export const STATIC_DATA_WARNING =
	"The suppression list is kept in this workflow's static data, which n8n does not keep in queue mode and never saves for manual runs: after the platform purges its unsubscribers, such an address could be sent again. Keep the list in a data table (Suppression List: Data Table), as the templates do.";

/**
 * The "Suppression List" parameter of an operation that reads or extends the list. `rowsArrive`
 * says where the data table's rows come in: on the node's second input ("Suppression List"), or on
 * its only input.
 */
export function suppressionListProperty(rowsArrive: 'secondInput' | 'input' | 'none'): INodeProperties {
	const where = rowsArrive === 'secondInput' ? 'the Suppression List input' : 'the input';
	const dataTable =
		rowsArrive === 'none'
			? `Durable and shared by all workflows: the hashed address leaves on a second output, for n8n's Data table node to upsert into "${SUPPRESSION_LIST_NAME}"`
			: `Durable and shared by all workflows: the rows of the "${SUPPRESSION_LIST_NAME}" data table arrive on ${where} (n8n's Data table node, Get Many, Return All, Always Output Data on)`;
	return {
		displayName: 'Suppression List',
		name: 'suppressionList',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Data Table',
				value: 'dataTable',
				description: dataTable,
			},
			{
				name: "Workflow's Static Data",
				value: 'staticData',
				description:
					'Only for regular mode: n8n loses it in queue mode and does not save it for manual runs; every run report warns about it',
			},
		],
		default: 'staticData',
		description: 'Where the hashes of unsubscribed addresses are kept, so they are never sent again',
	};
}

/**
 * The inputs of an action node whose bulk operation takes the list's rows on a second input when
 * its "Suppression List" is a data table; every other operation has one input.
 */
export function suppressionListInputs(resource: string, operation: string): ExpressionString {
	const picked = `$parameter.resource === "${resource}" && $parameter.operation === "${operation}" && $parameter.suppressionList === "dataTable"`;
	return `={{ ${picked} ? [{ type: "main", displayName: "Contacts" }, { type: "main", displayName: "Suppression List", maxConnections: 1 }] : [{ type: "main" }] }}`;
}

export interface SuppressionListRun {
	readonly mode: SuppressionListMode;
	readonly ledger: SuppressionLedger;
	/** What the run's report and execution hints should say about the list, if anything. */
	readonly warnings: string[];
	/** The rows as read; `undefined` with static data. */
	readonly read?: ReadRows;
	/** The rows to upsert for what the run changed in the ledger (none with static data, which n8n saves). */
	updates(reason: string, source: string): INodeExecutionData[];
}

export function readSuppressionListMode(this: IExecuteFunctions): SuppressionListMode {
	return this.getNodeParameter('suppressionList', 0, 'staticData') === 'dataTable' ? 'dataTable' : 'staticData';
}

/**
 * Opens the run's suppression list: the data table rows handed in as `rows` or, with static data,
 * the workflow's ledger. A data table mode without any item on its input is refused, so a workflow
 * that lost the connection never runs as if nobody had unsubscribed. Without `rows` the list only
 * records: an operation that adds addresses and checks none.
 */
export function openSuppressionList(
	this: IExecuteFunctions,
	mode: SuppressionListMode,
	rows?: () => INodeExecutionData[],
): SuppressionListRun {
	if (mode === 'staticData') {
		const ledger = openLedger.call(this);
		return { mode, ledger, warnings: [STATIC_DATA_WARNING], updates: () => [] };
	}
	if (rows === undefined) return listRun.call(this, new SuppressionLedger({}), []);
	const items = rows();
	if (items.length === 0) {
		throw new NodeOperationError(this.getNode(), 'The suppression list arrived empty-handed: no item came in', {
			description: `Connect n8n's Data table node to the Suppression List input: Get Many rows of "${SUPPRESSION_LIST_NAME}" with Return All, and turn on "Always Output Data" in its settings so an empty table still sends one item.`,
		});
	}
	const read = readSuppressionRows(items.map((item) => item.json));
	const ledger = new SuppressionLedger(read.store);
	const warnings: string[] = [];
	const notRows = read.ignored - (read.rows === 0 && read.ignored === 1 ? 1 : 0);
	if (notRows > 0) {
		warnings.push(
			`${notRows} items on the suppression list input had no valid addressHash and were ignored: is the Data table node reading "${SUPPRESSION_LIST_NAME}"?`,
		);
	}
	return listRun.call(this, ledger, warnings, read);
}

function listRun(this: IExecuteFunctions, ledger: SuppressionLedger, warnings: string[], read?: ReadRows): SuppressionListRun {
	const origin = { workflowId: String(this.getWorkflow().id ?? ''), executionId: String(this.getExecutionId() ?? '') };
	return {
		mode: 'dataTable',
		ledger,
		warnings,
		read,
		updates: (reason, source) => {
			// one input item stands for the run: pairing each row with every contact would cost memory per row
			const pairedItem = { item: 0 };
			const rowOrigin = { ...origin, source };
			return ledger.changes().map((change) => ({ json: changeToRow(change, rowOrigin, reason) as unknown as IDataObject, pairedItem }));
		},
	};
}

export interface ListOperationOutputs {
	readonly resource: string;
	readonly operation: string;
	/** The outputs the operation always has; with a data table a "Suppression List Updates" output follows. */
	readonly outputs: readonly string[];
}

/**
 * The outputs of an action node whose operations extend the suppression list: with a data table as
 * the list, each of them gets a last output "Suppression List Updates" with the rows to upsert; every
 * other operation has one output.
 */
export function suppressionListOutputs(operations: readonly ListOperationOutputs[]): ExpressionString {
	const list = (names: readonly string[]) => `[${names.map((name) => `{ type: "main", displayName: "${name}" }`).join(', ')}]`;
	let expression = '[{ type: "main" }]';
	for (const { resource, operation, outputs } of [...operations].reverse()) {
		const picked = `$parameter.resource === "${resource}" && $parameter.operation === "${operation}"`;
		const withUpdates = list([...outputs, 'Suppression List Updates']);
		const plain = outputs.length > 1 ? list(outputs) : '[{ type: "main" }]';
		expression = `${picked} ? ($parameter.suppressionList === "dataTable" ? ${withUpdates} : ${plain}) : ${expression}`;
	}
	return `={{ ${expression} }}`;
}
