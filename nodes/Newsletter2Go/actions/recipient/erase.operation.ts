import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { nodeError } from '../../../shared/n8n/http';
import { perItemWithLedger } from '../../../shared/n8n/itemLoop';
import { emailProperty, type OperationOption } from '../../../shared/n8n/properties';
import { erasedValues } from '../../mapping';
import { listPath, newsletter2GoEnvelope } from '../../transport';
import { listLocator } from '../descriptions';
import { lookUpRecipient } from './lookup';
import { suppressionListProperty } from '../../../shared/n8n/suppressionList';
import { parameterReader } from '../../../shared/n8n/parameters';

const EMAIL_HANDLINGS = ['placeholder', 'keep', 'delete'] as const;

const properties: INodeProperties[] = [
	{
		displayName:
			'Unsubscribes the recipient, then overwrites its personal data with "DELETED" as the PEIQ PORTAL does for deleted users. The address is kept out of later imports as a hash on the suppression list.',
		name: 'eraseNotice',
		type: 'notice',
		default: '',
	},
	listLocator,
	emailProperty,
	suppressionListProperty('none'),
	{
		displayName: 'Email Address',
		name: 'emailHandling',
		type: 'options',
		options: [
			{
				name: 'Replace With a Placeholder',
				value: 'placeholder',
				description: 'Write deleted-&lt;recipient ID&gt;@&lt;placeholder domain&gt;, so no personal data stays',
			},
			{
				name: 'Delete the Recipient',
				value: 'delete',
				description: 'Remove the overwritten recipient from the list afterwards',
			},
			{
				name: 'Keep',
				value: 'keep',
				description: 'Leave the address (it cannot hold "DELETED"); the other data is still overwritten',
			},
		],
		default: 'placeholder',
		description:
			'What happens to the address itself. Whether Newsletter2Go accepts a changed address is not documented; if it refuses, choose "Delete the Recipient".',
	},
	{
		displayName: 'Placeholder Domain',
		name: 'placeholderDomain',
		type: 'string',
		default: 'deleted.invalid',
		displayOptions: { show: { emailHandling: ['placeholder'] } },
		description: 'Domain of the placeholder address; ".invalid" is reserved and never receives mail',
	},
];

const displayOptions = { show: { resource: ['recipient'], operation: ['erase'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perItemWithLedger(async function (itemIndex, ledger) {
	const parameter = parameterReader(this, itemIndex);
	const handling = parameter.choice('emailHandling', EMAIL_HANDLINGS, 'placeholder');
	const domain = String(this.getNodeParameter('placeholderDomain', itemIndex, 'deleted.invalid')).trim();
	if (handling === 'placeholder' && !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(domain)) {
		throw new NodeOperationError(this.getNode(), `"${domain}" is not a valid placeholder domain`, {
			itemIndex,
			description: 'Enter a domain such as deleted.invalid.',
		});
	}
	const { listId, email, recipient } = await lookUpRecipient.call(this, itemIndex);
	// the ledger keeps only a hash; it is recorded first so the address stays out even if a step below fails
	ledger.add(email);
	const result: IDataObject = { listId, erased: false, found: recipient !== undefined };
	if (recipient === undefined) return result;

	const path = listPath(listId, 'recipients', recipient.id);
	// the seed's order: unsubscribe first, then overwrite the personal data
	await newsletter2GoEnvelope.call(this, 'PATCH', path, { body: { is_unsubscribed: true }, itemIndex });
	const values: IDataObject = erasedValues(recipient);
	if (handling === 'placeholder') values.email = `deleted-${recipient.id}@${domain.toLowerCase()}`;
	if (Object.keys(values).length > 0) {
		try {
			await newsletter2GoEnvelope.call(this, 'PATCH', path, { body: values, itemIndex });
		} catch (error) {
			// changing the address is supported only by assumption (§15 #14)
			if (handling === 'placeholder' && error instanceof NodeApiError && error.httpCode === '400') {
				error.description =
					'The recipient is unsubscribed, but its data is not overwritten yet. Run Erase again with "Email Address" set to "Delete the Recipient" or "Keep".';
			}
			throw nodeError(this.getNode(), error);
		}
	}
	if (handling === 'delete') await newsletter2GoEnvelope.call(this, 'DELETE', path, { itemIndex });
	return {
		...result,
		id: recipient.id,
		erased: true,
		deleted: handling === 'delete',
		// never the erased address itself: the output is kept in the execution log
		email: handling === 'keep' ? email : (values.email ?? null),
	};
}, 'erased (GDPR)');

export const option: OperationOption = { name: 'Erase', description: 'Unsubscribe a recipient and overwrite its personal data (GDPR)', action: 'Erase a recipient' };
