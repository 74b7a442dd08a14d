import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { perItem } from '../../../shared/n8n/itemLoop';
import { readItemPaging } from '../../../shared/n8n/paging';
import { filtersProperty, type OperationOption } from '../../../shared/n8n/properties';
import { readAllPages } from '../../../shared/pages';
import { readContacts } from '../../answers';
import { maileonPages } from '../../transport';
import { customFieldsProperty, returnAllProperties } from '../descriptions';
import { fieldQuery } from './get.operation';
import { parameterReader } from '../../../shared/n8n/parameters';

const properties: INodeProperties[] = [
	...returnAllProperties,
	filtersProperty([
		{
			displayName: 'Updated After',
			name: 'updatedAfter',
			type: 'dateTime',
			default: '',
			description: 'Only contacts changed after this time',
		},
	]),
	customFieldsProperty,
];

const displayOptions = { show: { resource: ['contact'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** `yyyy-MM-dd HH:mm:ss` in UTC, the format of Maileon's `updated_after` (maileon.md §4.4). */
export function toMaileonDateTime(value: string): string {
	return new Date(value).toISOString().slice(0, 19).replace('T', ' ');
}

export const execute = perItem(async function (itemIndex) {
	const limit = readItemPaging.call(this, itemIndex);
	const parameter = parameterReader(this, itemIndex);
	const filters = parameter.collection('filters');
	const customFields = parameter.strings('customFields');
	const qs = {
		...fieldQuery(customFields),
		updated_after: filters.updatedAfter ? toMaileonDateTime(String(filters.updatedAfter)) : undefined,
	};
	const contacts = await readAllPages(maileonPages.call(this, '/contacts', qs, readContacts, limit));
	return contacts.map((contact) => ({ ...(contact as IDataObject) }));
});

export const option: OperationOption = { name: 'Get Many', description: 'Get many contacts', action: 'Get many contacts' };
