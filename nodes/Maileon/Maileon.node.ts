import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { operationSubtitle } from '../shared/n8n/actionNode';
import { resourceProperty } from '../shared/n8n/properties';
import { suppressionListInputs, suppressionListOutputs } from '../shared/n8n/suppressionList';
import * as blacklist from './actions/blacklist/Blacklist.resource';
import * as contact from './actions/contact/Contact.resource';
import * as customField from './actions/customField/CustomField.resource';
import { router } from './actions/router';
import * as unsubscriber from './actions/unsubscriber/Unsubscriber.resource';
import { credentialTest, listSearch, loadOptions, resourceMapping } from './methods';

const properties: INodeProperties[] = [
	resourceProperty('contact', [
		{ name: 'Blacklist', value: 'blacklist' },
		{ name: 'Contact', value: 'contact' },
		{ name: 'Custom Field', value: 'customField' },
		{ name: 'Unsubscriber', value: 'unsubscriber' },
	]),
	...contact.description,
	...unsubscriber.description,
	...customField.description,
	...blacklist.description,
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
			'Synchronize contacts with Maileon in bulk, honour consent and unsubscribes, read unsubscribers back, and add addresses to Maileon blacklists',
		defaults: { name: 'Maileon' },
		usableAsTool: true,
		inputs: suppressionListInputs('contact', 'syncMany'),
		// Synchronize Many: a second output for the contacts Maileon or the checks rejected, and with a data
		// table as its suppression list a second input for the table's rows and a third output for new rows.
		// Get New Since Last Run reads the rows on its input and adds an output for new rows.
		outputs: suppressionListOutputs([
			{ resource: 'contact', operation: 'syncMany', outputs: ['Report', 'Rejected'] },
			{ resource: 'unsubscriber', operation: 'getNew', outputs: ['Unsubscribers'] },
			{ resource: 'contact', operation: 'unsubscribe', outputs: ['Done'] },
			{ resource: 'contact', operation: 'deleteContact', outputs: ['Done'] },
			{ resource: 'blacklist', operation: 'addEntries', outputs: ['Added', 'Invalid'] },
		]),
		credentials: [{ name: 'maileonApi', required: true, testedBy: 'maileonApiTest' }],
		properties,
	};

	methods = { credentialTest, listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
