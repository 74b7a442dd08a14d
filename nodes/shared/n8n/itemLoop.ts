import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { handleItemError } from './itemError';

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
