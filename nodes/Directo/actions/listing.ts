import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forEachItem } from '../../shared/n8n/itemLoop';
import { readPaging } from '../../shared/n8n/paging';
import type { DirectoComponent, DirectoRecord } from '../mapping';
import { readSettings } from '../transport';
import { readRecordSelection } from './descriptions';
import { selectRecords } from './records';

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
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
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
