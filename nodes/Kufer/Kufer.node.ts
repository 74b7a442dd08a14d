import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as exportFile from './actions/export/Export.resource';
import { router } from './actions/router';
import * as unsubscriber from './actions/unsubscriber/Unsubscriber.resource';

export class Kufer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'KUFER',
		name: 'kufer',
		icon: { light: 'file:kufer.svg', dark: 'file:kufer.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read KUFER address exports into consent-checked contacts and write the unsubscribe file KUFER imports (status N)',
		defaults: { name: 'KUFER' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Parse has a second output for the records that cannot become a contact.
		outputs: `={{ $parameter.resource === "export" && $parameter.operation === "parse" ? [{ type: "${NodeConnectionTypes.Main}", displayName: "Contacts" }, { type: "${NodeConnectionTypes.Main}", displayName: "Invalid" }] : [{ type: "${NodeConnectionTypes.Main}" }] }}`,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Export', value: 'export' },
					{ name: 'Unsubscriber', value: 'unsubscriber' },
				],
				default: 'export',
			},
			...exportFile.description,
			...unsubscriber.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
