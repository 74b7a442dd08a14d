import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { normaliseRecord, readItem } from '../../mapping';
import { billomatRequest, recordPath } from '../../transport';
import { optionsProperty, type OperationOption } from '../../../shared/n8n/properties';
import { clientIdProperty, perClient } from '../descriptions';
import { readAll, readClientTags, tagNames } from '../reads';
import { parameterReader } from '../../../shared/n8n/parameters';

const properties: INodeProperties[] = [
	clientIdProperty,
	optionsProperty([
		{
			displayName: 'Include Contact Persons',
			name: 'includeContacts',
			type: 'boolean',
			default: false,
			description: 'Whether to add the client\'s contact persons as "contacts" (one more request)',
		},
		{
			displayName: 'Include Tags',
			name: 'includeTags',
			type: 'boolean',
			default: false,
			description: 'Whether to add the client\'s tag names as "tags" (one more request)',
		},
	]),
];

const displayOptions = { show: { resource: ['client'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perClient(async function (clientId, itemIndex) {
	const parameter = parameterReader(this, itemIndex);
	const options = parameter.collection('options');
	const response = await billomatRequest.call(this, 'GET', recordPath('clients', clientId), {
		itemIndex,
		notFound: `client "${clientId}"`,
	});
	const client: IDataObject = normaliseRecord(readItem(response.body, 'client') ?? {}) as IDataObject;
	if (options.includeTags === true) {
		client.tags = tagNames(await readClientTags.call(this, clientId, { itemIndex }));
	}
	if (options.includeContacts === true) {
		const contacts = await readAll.call(this, 'contacts', { client_id: clientId }, { itemIndex });
		client.contacts = contacts.map(normaliseRecord) as IDataObject[];
	}
	return client;
});

export const option: OperationOption = { name: 'Get', description: 'Get a client by ID', action: 'Get a client' };
