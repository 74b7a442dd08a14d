import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { perItem } from '../../../shared/n8n/itemLoop';
import { emailProperty, type OperationOption } from '../../../shared/n8n/properties';
import { listLocator } from '../descriptions';
import { lookUpRecipient } from './lookup';

const properties: INodeProperties[] = [listLocator, emailProperty];

const displayOptions = { show: { resource: ['recipient'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perItem(async function (itemIndex) {
	const { listId, email, recipient } = await lookUpRecipient.call(this, itemIndex);
	if (recipient === undefined) {
		throw new NodeOperationError(this.getNode(), `List ${listId} has no recipient ${email}`, {
			itemIndex,
			description: 'Check the address and the list, or turn on "Continue On Fail" to go on with the other items.',
		});
	}
	return { ...recipient } as IDataObject;
});

export const option: OperationOption = { name: 'Get', description: 'Get a recipient of a list by email', action: 'Get a recipient' };
