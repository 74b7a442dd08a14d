import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as client from './actions/client/Client.resource';
import * as clientTag from './actions/clientTag/ClientTag.resource';
import * as contact from './actions/contact/Contact.resource';
import { router } from './actions/router';

export class Billomat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Billomat',
		name: 'billomat',
		icon: { light: 'file:billomat.svg', dark: 'file:billomat.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read Billomat clients and contact persons as newsletter recipients with consent, and write tags back',
		defaults: { name: 'Billomat' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Get Newsletter Contacts puts its run report on a second output, next to the contacts.
		outputs: `={{ $parameter.resource === "client" && $parameter.operation === "getNewsletterContacts" ? [{ type: "${NodeConnectionTypes.Main}", displayName: "Contacts" }, { type: "${NodeConnectionTypes.Main}", displayName: "Report" }] : [{ type: "${NodeConnectionTypes.Main}" }] }}`,
		credentials: [{ name: 'billomatApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Client', value: 'client' },
					{ name: 'Client Tag', value: 'clientTag' },
					{ name: 'Contact Person', value: 'contact' },
				],
				default: 'client',
			},
			...client.description,
			...clientTag.description,
			...contact.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
