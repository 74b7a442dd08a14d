import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../../../shared/n8n/itemLoop';
import { readCustomFields } from '../../mapping';
import { maileonRequest } from '../../transport';

const properties: INodeProperties[] = [];

const displayOptions = { show: { resource: ['customField'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const response = await maileonRequest.call(this, 'GET', '/contacts/fields/custom', { itemIndex });
		return readCustomFields(response.body).map((field) => ({ ...field }));
	});
}
