import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../../shared/n8n/itemLoop';
import { readPaging, returnAllProperties } from '../../shared/n8n/paging';
import type { DirectoComponent, DirectoRecord } from '../mapping';
import { readSettings } from '../transport';
import { filtersProperty, readRecordSelection } from './descriptions';
import { selectRecords } from './records';
import { parameterReader } from '../../shared/n8n/parameters';

export function toJson(record: DirectoRecord): IDataObject {
	return { ...record } as IDataObject;
}

/** Get Many of customers or contacts: one streamed read per item, stopped once `limit` records matched. */
export async function listRecords(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	what: DirectoComponent,
): Promise<INodeExecutionData[][]> {
	const settings = await readSettings.call(this);
	return await forEachItem.call(this, items, async (itemIndex) => {
		const limit = readPaging((name) => this.getNodeParameter(name, itemIndex, undefined));
		const parameter = parameterReader(this, itemIndex);
		const filters = parameter.collection('filters');
		const selection = readRecordSelection(
			this.getNode(),
			filters,
			settings.timeZone,
			false,
			itemIndex,
		);
		const result: IDataObject[] = [];
		for await (const record of selectRecords.call(this, what, selection, settings, { itemIndex })) {
			result.push(toJson(record));
			// leaving the loop closes the connection: the rest of the answer is never downloaded
			if (limit !== undefined && result.length >= limit) break;
		}
		return result;
	});
}

/** The Get Many operation of customers or contacts: the same parameters and the same streamed read. */
export function getManyOperation(what: DirectoComponent): {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[][]>;
} {
	const properties: INodeProperties[] = [
		...returnAllProperties,
		filtersProperty(what, { changedSince: true, includeClosed: false }),
	];
	return {
		description: updateDisplayOptions({ show: { resource: [what], operation: ['getAll'] } }, properties),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
			return await listRecords.call(this, items, what);
		},
	};
}
