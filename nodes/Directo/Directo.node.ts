import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNodeOutputs, OPERATION_SUBTITLE } from '../shared/n8n/actionNode';
import { resourceProperty } from '../shared/n8n/properties';
import * as contact from './actions/contact/Contact.resource';
import * as customer from './actions/customer/Customer.resource';
import { directoApiTest } from './methods/credentialTest';
import { router } from './actions/router';

export class Directo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Directo',
		name: 'directo',
		icon: { light: 'file:directo.svg', dark: 'file:directo.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: OPERATION_SUBTITLE,
		description:
			'Read customers and contacts from the Directo ERP as newsletter contacts with consent, and write opt-outs back',
		defaults: { name: 'Directo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Get Newsletter Contacts has a second output for its run report.
		outputs: actionNodeOutputs({ operation: 'getNewsletterContacts', outputs: ['Contacts', 'Report'] }),
		credentials: [{ name: 'directoApi', required: true, testedBy: 'directoApiTest' }],
		properties: [
			resourceProperty('customer', [
				{ name: 'Customer', value: 'customer' },
				{ name: 'Contact', value: 'contact' },
			]),
			...customer.description,
			...contact.description,
		],
	};

	methods = { credentialTest: { directoApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
