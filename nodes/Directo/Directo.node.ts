import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNodeOutputs, operationSubtitle } from '../shared/n8n/actionNode';
import { resourceProperty } from '../shared/n8n/properties';
import * as contact from './actions/contact/Contact.resource';
import * as customer from './actions/customer/Customer.resource';
import { router } from './actions/router';
import { directoApiTest } from './methods/credentialTest';

const properties: INodeProperties[] = [
	resourceProperty('customer', [
		{ name: 'Customer', value: 'customer' },
		{ name: 'Contact', value: 'contact' },
	]),
	...customer.description,
	...contact.description,
];

export class Directo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Directo',
		name: 'directo',
		icon: { light: 'file:directo.svg', dark: 'file:directo.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Read customers and contacts from the Directo ERP as newsletter contacts with consent, and write opt-outs back',
		defaults: { name: 'Directo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Get Newsletter Contacts has a second output for its run report.
		outputs: actionNodeOutputs({ operation: 'getNewsletterContacts', outputs: ['Contacts', 'Report'] }),
		credentials: [{ name: 'directoApi', required: true, testedBy: 'directoApiTest' }],
		properties,
	};

	methods = { credentialTest: { directoApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
