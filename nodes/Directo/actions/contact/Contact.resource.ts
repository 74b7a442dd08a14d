import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/n8n/properties';
import * as getAll from './getAll.operation';
import * as getNewsletterContacts from './getNewsletterContacts.operation';

export { getAll, getNewsletterContacts };

export const description: INodeProperties[] = [
	operationProperty('contact', 'getNewsletterContacts', [
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get many contacts',
			action: 'Get many contacts',
		},
		{
			name: 'Get Newsletter Contacts',
			value: 'getNewsletterContacts',
			description:
				'Get contact persons as newsletter contacts with a consent decision, one per email address',
			action: 'Get contacts as newsletter contacts',
		},
	]),
	...getAll.description,
	...getNewsletterContacts.description,
];
