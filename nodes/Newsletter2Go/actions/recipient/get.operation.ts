import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/n8n/itemLoop';
import { emailProperty, listLocator } from '../descriptions';
import { lookUpRecipient } from './lookup';

const properties: INodeProperties[] = [listLocator, emailProperty];

const displayOptions = { show: { resource: ['recipient'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const { listId, email, recipient } = await lookUpRecipient.call(this, itemIndex);
		if (recipient === undefined) {
			throw new NodeOperationError(this.getNode(), `List ${listId} has no recipient ${email}`, {
				itemIndex,
				description: 'Check the address and the list, or turn on "Continue On Fail" to go on with the other items.',
			});
		}
		return { ...recipient } as IDataObject;
	});
}
