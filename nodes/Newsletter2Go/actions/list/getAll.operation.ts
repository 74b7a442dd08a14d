import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/n8n/itemLoop';
import { readPaging, returnAllProperties } from '../../../shared/n8n/paging';
import { collectPages } from '../../transport';

const properties: INodeProperties[] = [...returnAllProperties];

const displayOptions = { show: { resource: ['list'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const limit = readPaging((name) => this.getNodeParameter(name, itemIndex, undefined));
		return await collectPages.call(this, '/lists', { _expand: true }, { limit, itemIndex });
	});
}
