import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { addToLedgerProperty } from '../../../shared/n8n/ledger';
import { optionsProperty, type OperationOption } from '../../../shared/n8n/properties';
import { suppressionListProperty } from '../../../shared/n8n/suppressionList';
import { maileonRequest } from '../../transport';
import { identifyByProperties, identityRequest, perIdentifiedContact } from '../descriptions';
import { parameterReader } from '../../../shared/n8n/parameters';

const properties: INodeProperties[] = [
	...identifyByProperties(false),
	{ ...addToLedgerProperty('Maileon'), displayOptions: { show: { identifyBy: ['email'] } } },
	{ ...suppressionListProperty('none'), displayOptions: { show: { identifyBy: ['email'] } } },
	optionsProperty([
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'options',
			options: [
				{ name: 'Change of Channel', value: 'change_of_channel' },
				{ name: 'Change of Interest', value: 'change_of_interest' },
				{ name: 'No Demand', value: 'no_demand' },
				{ name: 'Other', value: 'other' },
				{ name: 'Technical Reasons', value: 'technical_reasons' },
				{ name: 'Too Many Messages', value: 'too_many_messages' },
			],
			default: 'other',
		},
		{
			displayName: 'Reason Text',
			name: 'reasonText',
			type: 'string',
			default: '',
			description: 'Free text stored with the reason',
		},
		{
			displayName: 'Mailing ID',
			name: 'mailingId',
			type: 'string',
			default: '',
			description: 'Attribute the unsubscription to a mailing that was already sent',
		},
	]),
];

const displayOptions = { show: { resource: ['contact'], operation: ['unsubscribe'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perIdentifiedContact(async function (identity, itemIndex) {
	const parameter = parameterReader(this, itemIndex);
	const options = parameter.collection('options');
	const reason = options.reason
		? `${String(options.reason)}${options.reasonText ? `|${String(options.reasonText)}` : ''}`
		: undefined;
	// Maileon processes unsubscribes asynchronously and answers 204 (maileon.md §6.10).
	const { path } = identityRequest(identity, '/unsubscribe');
	await maileonRequest.call(this, 'DELETE', path, {
		qs: { reason, mailingId: options.mailingId ? String(options.mailingId) : undefined },
		itemIndex,
	});
	return { unsubscribed: true };
});

export const option: OperationOption = { name: 'Unsubscribe', description: 'Unsubscribe a contact from the newsletter', action: 'Unsubscribe a contact' };
