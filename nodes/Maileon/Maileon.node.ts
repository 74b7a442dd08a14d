import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as contact from './actions/contact/Contact.resource';
import * as customField from './actions/customField/CustomField.resource';
import { router } from './actions/router';
import * as unsubscriber from './actions/unsubscriber/Unsubscriber.resource';
import { loadOptions } from './methods';

export class Maileon implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Maileon',
		name: 'maileon',
		icon: { light: 'file:maileon.svg', dark: 'file:maileon.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Synchronize contacts with Maileon in bulk, honour consent and unsubscribes, and read unsubscribers back',
		defaults: { name: 'Maileon' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Synchronize Many has a second output for the contacts Maileon or the checks rejected.
		outputs: `={{ $parameter.resource === "contact" && $parameter.operation === "syncMany" ? [{ type: "${NodeConnectionTypes.Main}", displayName: "Report" }, { type: "${NodeConnectionTypes.Main}", displayName: "Rejected" }] : [{ type: "${NodeConnectionTypes.Main}" }] }}`,
		credentials: [{ name: 'maileonApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contact', value: 'contact' },
					{ name: 'Custom Field', value: 'customField' },
					{ name: 'Unsubscriber', value: 'unsubscriber' },
				],
				default: 'contact',
			},
			...contact.description,
			...unsubscriber.description,
			...customField.description,
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
