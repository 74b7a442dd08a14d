import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/n8n/properties';
import * as deleteContact from './deleteContact.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as syncMany from './syncMany.operation';
import * as unsubscribe from './unsubscribe.operation';
import * as upsert from './upsert.operation';

export { deleteContact, get, getAll, syncMany, unsubscribe, upsert };

export const description: INodeProperties[] = [
	operationProperty('contact', 'syncMany', [
		{ name: 'Create or Update', value: 'upsert', description: 'Create a new record, or update the current one if it already exists (upsert)', action: 'Create or update a contact' },
		{ name: 'Delete', value: 'deleteContact', description: 'Delete a contact', action: 'Delete a contact' },
		{ name: 'Get', value: 'get', description: 'Get a contact by email, external ID or Maileon ID', action: 'Get a contact' },
		{ name: 'Get Many', value: 'getAll', description: 'Get many contacts', action: 'Get many contacts' },
		{ name: 'Synchronize Many', value: 'syncMany', description: 'Create and update many contacts in bulk, with consent and suppression checks', action: 'Synchronize many contacts' },
		{ name: 'Unsubscribe', value: 'unsubscribe', description: 'Unsubscribe a contact from the newsletter', action: 'Unsubscribe a contact' },
	]),
	...upsert.description,
	...get.description,
	...getAll.description,
	...deleteContact.description,
	...unsubscribe.description,
	...syncMany.description,
];
