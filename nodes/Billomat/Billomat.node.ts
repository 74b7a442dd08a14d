import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { operationSubtitle } from '../shared/n8n/actionNode';
import { resourceProperty } from '../shared/n8n/properties';
import * as client from './actions/client/Client.resource';
import * as clientTag from './actions/clientTag/ClientTag.resource';
import * as contact from './actions/contact/Contact.resource';
import { router } from './actions/router';

const properties: INodeProperties[] = [
	resourceProperty('client', [
		{ name: 'Client', value: 'client' },
		{ name: 'Client Tag', value: 'clientTag' },
		{ name: 'Contact Person', value: 'contact' },
	]),
	...client.description,
	...clientTag.description,
	...contact.description,
];

export class Billomat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Billomat',
		name: 'billomat',
		icon: { light: 'file:billomat.svg', dark: 'file:billomat.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Read Billomat clients and contact persons as newsletter recipients with consent, and write tags back',
		defaults: { name: 'Billomat' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Get Newsletter Contacts puts its run report on a second output, next to the contacts, and
		// with "Split Off Customer Relationships" the contacts without proven consent on a third.
		outputs:
			'={{ $parameter.resource === "client" && $parameter.operation === "getNewsletterContacts" ? ($parameter.splitRelationships === true ? [{ type: "main", displayName: "Contacts" }, { type: "main", displayName: "Report" }, { type: "main", displayName: "Customer Relationship Only" }] : [{ type: "main", displayName: "Contacts" }, { type: "main", displayName: "Report" }]) : [{ type: "main" }] }}',
		credentials: [{ name: 'billomatApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
