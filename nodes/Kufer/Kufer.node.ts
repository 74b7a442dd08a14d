import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNodeOutputs, operationSubtitle } from '../shared/n8n/actionNode';
import { resourceProperty } from '../shared/n8n/properties';
import * as exportFile from './actions/export/Export.resource';
import { router } from './actions/router';
import * as unsubscriber from './actions/unsubscriber/Unsubscriber.resource';

const properties: INodeProperties[] = [
	resourceProperty('export', [
		{ name: 'Export', value: 'export' },
		{ name: 'Unsubscriber', value: 'unsubscriber' },
	]),
	...exportFile.description,
	...unsubscriber.description,
];

export class Kufer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'KUFER',
		name: 'kufer',
		icon: { light: 'file:kufer.svg', dark: 'file:kufer.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Read KUFER address exports into consent-checked contacts and write the unsubscribe file KUFER imports (status N)',
		defaults: { name: 'KUFER' },
		// no AI tool variant: an agent cannot hand it a KUFER export file
		usableAsTool: undefined,
		inputs: [NodeConnectionTypes.Main],
		// Parse has a second output for the records that cannot become a contact.
		outputs: actionNodeOutputs({ resource: 'export', operation: 'parse', outputs: ['Contacts', 'Invalid'] }),
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
