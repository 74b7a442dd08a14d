import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { operationSubtitle } from '../shared/n8n/actionNode';
import { suppressionListInputs, suppressionListOutputs } from '../shared/n8n/suppressionList';
import { resourceProperty } from '../shared/n8n/properties';
import * as attribute from './actions/attribute/Attribute.resource';
import * as group from './actions/group/Group.resource';
import * as list from './actions/list/List.resource';
import * as recipient from './actions/recipient/Recipient.resource';
import { router } from './actions/router';
import { listSearch, resourceMapping } from './methods';

const properties: INodeProperties[] = [
	resourceProperty('recipient', [
		{ name: 'Attribute', value: 'attribute' },
		{ name: 'Group', value: 'group' },
		{ name: 'List', value: 'list' },
		{ name: 'Recipient', value: 'recipient' },
	]),
	...recipient.description,
	...list.description,
	...attribute.description,
	...group.description,
];

export class Newsletter2Go implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Newsletter2Go',
		name: 'newsletter2Go',
		icon: { light: 'file:newsletter2go.svg', dark: 'file:newsletter2go.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Synchronize recipients with Newsletter2Go address books in bulk, honour consent and unsubscribes, and erase recipients on request',
		defaults: { name: 'Newsletter2Go' },
		usableAsTool: true,
		inputs: suppressionListInputs('recipient', 'syncMany'),
		// Synchronize Many has a second output for the recipients Newsletter2Go or the checks rejected.
		outputs: suppressionListOutputs([
			{ resource: 'recipient', operation: 'syncMany', outputs: ['Report', 'Rejected'] },
			{ resource: 'recipient', operation: 'erase', outputs: ['Done'] },
			{ resource: 'recipient', operation: 'unsubscribe', outputs: ['Done'] },
			{ resource: 'recipient', operation: 'deleteRecipient', outputs: ['Done'] },
		]),
		credentials: [{ name: 'newsletter2GoApi', required: true }],
		properties,
	};

	methods = { listSearch, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
