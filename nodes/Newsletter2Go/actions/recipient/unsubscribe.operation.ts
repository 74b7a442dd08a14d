import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { addToLedgerProperty } from '../../../shared/n8n/ledger';
import { emailProperty, type OperationOption } from '../../../shared/n8n/properties';
import { suppressionListProperty } from '../../../shared/n8n/suppressionList';
import { listPath, newsletter2GoEnvelope } from '../../transport';
import { listLocator } from '../descriptions';
import { perRecipient } from './lookup';

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
	addToLedgerProperty(),
	suppressionListProperty('none'),
];

const displayOptions = { show: { resource: ['recipient'], operation: ['unsubscribe'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// an address the list does not hold receives nothing from it: the goal is already met
export const execute = perRecipient({ unsubscribed: false }, async function (recipient, { listId }, itemIndex) {
	const blacklist = this.getNodeParameter('blacklist', itemIndex, false) === true;
	// there is no unsubscribe endpoint; the per-list flag is set with PATCH (§7.3)
	await newsletter2GoEnvelope.call(this, 'PATCH', listPath(listId, 'recipients', recipient.id), {
		body: blacklist ? { is_unsubscribed: true, is_blacklisted: true } : { is_unsubscribed: true },
		itemIndex,
	});
	return { unsubscribed: true, blacklisted: blacklist };
});

export const option: OperationOption = { name: 'Unsubscribe', description: 'Unsubscribe a recipient from a list', action: 'Unsubscribe a recipient' };
