import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../shared/n8n/properties';
import { normaliseRecord, readItem, toWriteBody } from '../../mapping';
import { billomatRequest, recordPath } from '../../transport';
import { clientIdProperty, perClient } from '../descriptions';
import { parameterReader } from '../../../shared/n8n/parameters';

const text = (displayName: string, name: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...extra,
});

const properties: INodeProperties[] = [
	clientIdProperty,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{
				displayName: 'Archived',
				name: 'archived',
				type: 'boolean',
				default: false,
				description: 'Whether the client is archived',
			},
			text('City', 'city'),
			text('Country Code', 'country_code', { placeholder: 'DE', description: 'ISO 3166 alpha-2 code' }),
			text('Email', 'email', { placeholder: 'name@email.com' }),
			text('First Name', 'first_name'),
			text('Last Name', 'last_name'),
			text('Mobile', 'mobile'),
			text('Name', 'name', { description: 'Company name' }),
			text('Note', 'note', { typeOptions: { rows: 3 } }),
			text('Phone', 'phone'),
			text('Salutation', 'salutation', { placeholder: 'Frau' }),
			text('State', 'state'),
			text('Street', 'street'),
			text('Website', 'www'),
			text('ZIP Code', 'zip'),
		],
	},
];

const displayOptions = { show: { resource: ['client'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perClient(async function (clientId, itemIndex) {
	const parameter = parameterReader(this, itemIndex);
	const fields = parameter.collection('updateFields');
	if (Object.keys(fields).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No fields to update', {
			itemIndex,
			description: 'Add at least one field under "Update Fields".',
		});
	}
	// billomat.md §7.4: a PUT changes only the fields it sends
	const response = await billomatRequest.call(this, 'PUT', recordPath('clients', clientId), {
		body: toWriteBody('client', fields),
		itemIndex,
		notFound: `client "${clientId}"`,
	});
	return normaliseRecord(readItem(response.body, 'client') ?? {}) as IDataObject;
});

export const option: OperationOption = { name: 'Update', description: 'Update fields of a client', action: 'Update a client' };
