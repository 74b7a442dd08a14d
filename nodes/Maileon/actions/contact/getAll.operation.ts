import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../../../shared/n8n/itemLoop';
import { readContacts } from '../../mapping';
import { maileonPages } from '../../transport';
import { customFieldsProperty, readPaging, returnAllProperties } from '../descriptions';
import { fieldQuery } from './get.operation';

const properties: INodeProperties[] = [
	...returnAllProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Updated After',
				name: 'updatedAfter',
				type: 'dateTime',
				default: '',
				description: 'Only contacts changed after this time',
			},
		],
	},
	customFieldsProperty,
];

const displayOptions = { show: { resource: ['contact'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** `yyyy-MM-dd HH:mm:ss` in UTC, the format of Maileon's `updated_after` (maileon.md §4.4). */
export function toMaileonDateTime(value: string): string {
	return new Date(value).toISOString().slice(0, 19).replace('T', ' ');
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const limit = readPaging((name) => this.getNodeParameter(name, itemIndex, undefined));
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const customFields = this.getNodeParameter('customFields', itemIndex, []) as string[];
		const qs = {
			...fieldQuery(customFields),
			updated_after: filters.updatedAfter ? toMaileonDateTime(String(filters.updatedAfter)) : undefined,
		};
		const contacts: IDataObject[] = [];
		for await (const page of maileonPages.call(this, '/contacts', qs, readContacts, limit)) {
			for (const contact of page) contacts.push({ ...(contact as IDataObject) });
		}
		return contacts;
	});
}
