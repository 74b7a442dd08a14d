import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { SuppressionLedger } from '../suppression';
import { handleItemError } from './itemError';
import { openLedger } from './ledger';
import type { OperationHandler } from './router';

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
 * `perItem` for an operation that consults or extends the workflow's suppression ledger; the ledger
 * is opened once per run, before the first item.
 */
export function perItemWithLedger(
	run: (this: IExecuteFunctions, itemIndex: number, ledger: SuppressionLedger) => Promise<IDataObject | IDataObject[]>,
): OperationHandler {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]) {
		const ledger = openLedger.call(this);
		return await forEachItem.call(this, items, async (itemIndex) => await run.call(this, itemIndex, ledger));
	};
}
