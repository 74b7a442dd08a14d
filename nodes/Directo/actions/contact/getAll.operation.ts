import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { returnAllProperties } from '../../../shared/n8n/paging';
import { filtersProperty } from '../descriptions';
import { listRecords } from '../listing';

const properties: INodeProperties[] = [
	...returnAllProperties,
	filtersProperty('contact', { changedSince: true, includeClosed: false }),
];

const displayOptions = { show: { resource: ['contact'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await listRecords.call(this, items, 'contact');
}
