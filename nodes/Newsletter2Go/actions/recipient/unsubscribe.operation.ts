import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { listPath, newsletter2GoEnvelope } from '../../transport';
import { addToLedgerProperty, emailProperty, listLocator } from '../descriptions';
import { forEachRecipient } from './lookup';

const properties: INodeProperties[] = [
	listLocator,
	emailProperty,
	{
		displayName: 'Blacklist',
		name: 'blacklist',
		type: 'boolean',
		default: false,
		description: 'Whether to also blacklist the address in this list, so no import can add it again',
	},
	addToLedgerProperty,
];

const displayOptions = { show: { resource: ['recipient'], operation: ['unsubscribe'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	// an address the list does not hold receives nothing from it: the goal is already met
	return await forEachRecipient.call(this, items, { unsubscribed: false }, async (recipient, { listId }, itemIndex) => {
		const blacklist = this.getNodeParameter('blacklist', itemIndex, false) === true;
		// there is no unsubscribe endpoint; the per-list flag is set with PATCH (§7.3)
		await newsletter2GoEnvelope.call(this, 'PATCH', listPath(listId, 'recipients', recipient.id), {
			body: blacklist ? { is_unsubscribed: true, is_blacklisted: true } : { is_unsubscribed: true },
			itemIndex,
		});
		return { unsubscribed: true, blacklisted: blacklist };
	});
}
