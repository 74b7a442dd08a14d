import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as contact from './actions/contact/Contact.resource';
import * as customer from './actions/customer/Customer.resource';
import { router } from './actions/router';

export class Directo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Directo',
		name: 'directo',
		icon: { light: 'file:directo.svg', dark: 'file:directo.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read customers and contacts from the Directo ERP as newsletter contacts with consent, and write opt-outs back',
		defaults: { name: 'Directo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Get Newsletter Contacts has a second output for its run report.
		outputs: `={{ $parameter.operation === "getNewsletterContacts" ? [{ type: "${NodeConnectionTypes.Main}", displayName: "Contacts" }, { type: "${NodeConnectionTypes.Main}", displayName: "Report" }] : [{ type: "${NodeConnectionTypes.Main}" }] }}`,
		credentials: [{ name: 'directoApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Customer', value: 'customer' },
					{ name: 'Contact', value: 'contact' },
				],
				default: 'customer',
			},
			...customer.description,
			...contact.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
