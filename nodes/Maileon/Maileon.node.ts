import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNodeOutputs, operationSubtitle } from '../shared/n8n/actionNode';
import { resourceProperty } from '../shared/n8n/properties';
import * as contact from './actions/contact/Contact.resource';
import * as customField from './actions/customField/CustomField.resource';
import { router } from './actions/router';
import * as unsubscriber from './actions/unsubscriber/Unsubscriber.resource';
import { loadOptions } from './methods';

const properties: INodeProperties[] = [
	resourceProperty('contact', [
		{ name: 'Contact', value: 'contact' },
		{ name: 'Custom Field', value: 'customField' },
		{ name: 'Unsubscriber', value: 'unsubscriber' },
	]),
	...contact.description,
	...unsubscriber.description,
	...customField.description,
];

export class Maileon implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Maileon',
		name: 'maileon',
		icon: { light: 'file:maileon.svg', dark: 'file:maileon.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Synchronize contacts with Maileon in bulk, honour consent and unsubscribes, and read unsubscribers back',
		defaults: { name: 'Maileon' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Synchronize Many has a second output for the contacts Maileon or the checks rejected.
		outputs: actionNodeOutputs({ resource: 'contact', operation: 'syncMany', outputs: ['Report', 'Rejected'] }),
		credentials: [{ name: 'maileonApi', required: true }],
		properties,
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
