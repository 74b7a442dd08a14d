import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { addToLedgerProperty } from '../../../shared/n8n/ledger';
import { emailProperty, type OperationOption } from '../../../shared/n8n/properties';
import { suppressionListProperty } from '../../../shared/n8n/suppressionList';
import { listPath, newsletter2GoEnvelope } from '../../transport';
import { listLocator } from '../descriptions';
import { perRecipient } from './lookup';

const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting removes the recipient and its history from the list. For a newsletter opt-out use Unsubscribe, for a GDPR request Erase.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	listLocator,
	emailProperty,
	addToLedgerProperty(),
	suppressionListProperty('none'),
];

const displayOptions = { show: { resource: ['recipient'], operation: ['deleteRecipient'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perRecipient({ deleted: false }, async function (recipient, { listId }, itemIndex) {
	// always the single-recipient path: the filter form without a filter empties the list (§9 #7)
	await newsletter2GoEnvelope.call(this, 'DELETE', listPath(listId, 'recipients', recipient.id), { itemIndex });
	return { deleted: true };
});

export const option: OperationOption = { name: 'Delete', description: 'Delete a recipient from a list', action: 'Delete a recipient' };
