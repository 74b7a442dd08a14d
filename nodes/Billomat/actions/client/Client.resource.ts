import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/n8n/properties';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getNewsletterContacts from './getNewsletterContacts.operation';
import * as setCustomField from './setCustomField.operation';
import * as update from './update.operation';

export { get, getAll, getNewsletterContacts, setCustomField, update };

export const description: INodeProperties[] = [
	operationProperty('client', 'getNewsletterContacts', [
		{ name: 'Get', value: 'get', description: 'Get a client by ID', action: 'Get a client' },
		{ name: 'Get Many', value: 'getAll', description: 'Get many clients, with filters', action: 'Get many clients' },
		{
			name: 'Get Newsletter Contacts',
			value: 'getNewsletterContacts',
			description:
				'Read the clients (and their contact persons) as newsletter contacts with a consent decision, ready for a newsletter node',
			action: 'Get clients as newsletter contacts',
		},
		{
			name: 'Set Custom Field',
			value: 'setCustomField',
			description: 'Set the integrator field of a client, e.g. to the ID in another system',
			action: 'Set the custom field of a client',
		},
		{ name: 'Update', value: 'update', description: 'Update fields of a client', action: 'Update a client' },
	]),
	...get.description,
	...getAll.description,
	...getNewsletterContacts.description,
	...setCustomField.description,
	...update.description,
];
