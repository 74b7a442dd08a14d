import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/n8n/properties';
import * as deleteRecipient from './deleteRecipient.operation';
import * as erase from './erase.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as syncMany from './syncMany.operation';
import * as unsubscribe from './unsubscribe.operation';
import * as upsert from './upsert.operation';

export { deleteRecipient, erase, get, getAll, syncMany, unsubscribe, upsert };

export const description: INodeProperties[] = [
	operationProperty('recipient', 'syncMany', [
		{ name: 'Create or Update', value: 'upsert', description: 'Create a new record, or update the current one if it already exists (upsert)', action: 'Create or update a recipient' },
		{ name: 'Delete', value: 'deleteRecipient', description: 'Delete a recipient from a list', action: 'Delete a recipient' },
		{ name: 'Erase', value: 'erase', description: 'Unsubscribe a recipient and overwrite its personal data (GDPR)', action: 'Erase a recipient' },
		{ name: 'Get', value: 'get', description: 'Get a recipient of a list by email', action: 'Get a recipient' },
		{ name: 'Get Many', value: 'getAll', description: 'Get many recipients of a list', action: 'Get many recipients' },
		{ name: 'Synchronize Many', value: 'syncMany', description: 'Create and update many recipients in bulk, with consent and suppression checks', action: 'Synchronize many recipients' },
		{ name: 'Unsubscribe', value: 'unsubscribe', description: 'Unsubscribe a recipient from a list', action: 'Unsubscribe a recipient' },
	]),
	...upsert.description,
	...get.description,
	...getAll.description,
	...unsubscribe.description,
	...erase.description,
	...deleteRecipient.description,
	...syncMany.description,
];
