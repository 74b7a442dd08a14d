import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/n8n/properties';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getNewsletterContacts from './getNewsletterContacts.operation';
import * as updateDatafield from './updateDatafield.operation';

export { get, getAll, getNewsletterContacts, updateDatafield };

export const description: INodeProperties[] = [
	operationProperty('customer', 'getNewsletterContacts', [
		{
			name: 'Get',
			value: 'get',
			description: 'Get a customer by code',
			action: 'Get a customer',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get many customers',
			action: 'Get many customers',
		},
		{
			name: 'Get Newsletter Contacts',
			value: 'getNewsletterContacts',
			description:
				'Get customers as newsletter contacts with a consent decision, one per email address',
			action: 'Get customers as newsletter contacts',
		},
		{
			name: 'Update Datafield',
			value: 'updateDatafield',
			description: 'Write one datafield of a customer, e.g. OPTIN after an unsubscribe',
			action: 'Update a customer datafield',
		},
	]),
	...get.description,
	...getAll.description,
	...getNewsletterContacts.description,
	...updateDatafield.description,
];
