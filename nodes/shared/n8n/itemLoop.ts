import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { SuppressionLedger } from '../suppression';
import { handleItemError } from './itemError';
import type { OperationHandler } from './router';
import { openSuppressionList, readSuppressionListMode } from './suppressionList';

/**
 * Runs a single-item operation for every input item: results are linked to their item and a failure
 * goes through the shared item-error handling, so "continue on fail" behaves the same everywhere.
 */
export async function forEachItem(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	run: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await run(itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			handleItemError.call(this, error, itemIndex, output);
		}
	}
	return [output];
}

/** The router's handler for an operation that runs once per input item (see `forEachItem`). */
export function perItem(
	run: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): OperationHandler {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]) {
		return await forEachItem.call(this, items, async (itemIndex) => await run.call(this, itemIndex));
	};
}

/**
 * `perItem` for an operation that consults or extends the suppression list; the list is opened once
 * per run, before the first item. With its "Suppression List" parameter on a data table, the
 * operation only records, and the rows for the addresses it added leave on a second output; with
 * the workflow's static data, a run that added an address says that n8n may lose it.
 */
export function perItemWithLedger(
	run: (this: IExecuteFunctions, itemIndex: number, ledger: SuppressionLedger) => Promise<IDataObject | IDataObject[]>,
	reason = 'unsubscribed',
): OperationHandler {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]) {
		const list = openSuppressionList.call(this, readSuppressionListMode.call(this));
		const [output] = await forEachItem.call(this, items, async (itemIndex) => await run.call(this, itemIndex, list.ledger));
		if (list.mode === 'dataTable') return [output, list.updates(reason, this.getNode().name)];
		if (list.ledger.changes().length > 0) {
			this.addExecutionHints(...list.warnings.map((message) => ({ message, type: 'warning' as const, location: 'outputPane' as const })));
		}
		return [output];
	};
}
