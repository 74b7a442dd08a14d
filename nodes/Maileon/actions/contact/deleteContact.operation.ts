import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../shared/n8n/properties';
import { suppressionListProperty } from '../../../shared/n8n/suppressionList';
import { addToLedgerProperty } from '../../../shared/n8n/ledger';
import { maileonRequest } from '../../transport';
import { identifyByProperties, identityRequest, perIdentifiedContact } from '../descriptions';

const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting removes the contact and rewrites Maileon\'s statistics. For a newsletter opt-out use Unsubscribe instead.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	...identifyByProperties(true),
	{ ...addToLedgerProperty('Maileon'), displayOptions: { show: { identifyBy: ['email'] } } },
	{ ...suppressionListProperty('none'), displayOptions: { show: { identifyBy: ['email'] } } },
];

const displayOptions = { show: { resource: ['contact'], operation: ['deleteContact'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perIdentifiedContact(async function (identity, itemIndex) {
	const { path, qs } = identityRequest(identity);
	await maileonRequest.call(this, 'DELETE', path, { qs, itemIndex });
	return { deleted: true };
});

export const option: OperationOption = { name: 'Delete', description: 'Delete a contact', action: 'Delete a contact' };
