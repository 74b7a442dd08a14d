import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../shared/n8n/properties';
import { readItemPaging, returnAllProperties } from '../../../shared/n8n/paging';
import { normaliseRecord } from '../../mapping';
import { clientIdProperty, perClient } from '../descriptions';
import { readAll } from '../reads';

const properties: INodeProperties[] = [
	{ ...clientIdProperty, description: 'The client whose contact persons to list' },
	...returnAllProperties,
];

const displayOptions = { show: { resource: ['contact'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perClient(async function (clientId, itemIndex) {
	const limit = readItemPaging.call(this, itemIndex);
	// billomat.md §16 #9: every SDK sends client_id, so the node always does
	const contacts = await readAll.call(this, 'contacts', { client_id: clientId }, { limit, itemIndex });
	return contacts.map((contact) => normaliseRecord(contact) as IDataObject);
});

export const option: OperationOption = { name: 'Get Many', description: 'Get the contact persons of a client', action: 'Get many contact persons of a client' };
