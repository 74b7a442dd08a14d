import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../shared/n8n/properties';
import { normaliseRecord, readItem, toWriteBody } from '../../mapping';
import { billomatRequest, recordPath } from '../../transport';
import { clientIdProperty, perClient } from '../descriptions';

const properties: INodeProperties[] = [
	clientIdProperty,
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		default: '',
		description:
			'Text for the client\'s integrator field ("customfield"), e.g. the ID of the contact in the newsletter system. Empty clears it.',
	},
];

const displayOptions = { show: { resource: ['client'], operation: ['setCustomField'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perClient(async function (clientId, itemIndex) {
	const value = String(this.getNodeParameter('value', itemIndex, ''));
	// billomat.md §7.5
	const response = await billomatRequest.call(this, 'PUT', recordPath('clients', clientId, '/customfield'), {
		body: toWriteBody('client', { customfield: value }),
		itemIndex,
		notFound: `client "${clientId}"`,
	});
	const answer = readItem(response.body, 'client');
	return { id: clientId, customfield: value, ...(answer ? normaliseRecord(answer) : {}) } as IDataObject;
});

export const option: OperationOption = { name: 'Set Custom Field', description: 'Set the integrator field of a client, e.g. to the ID in another system', action: 'Set the custom field of a client' };
