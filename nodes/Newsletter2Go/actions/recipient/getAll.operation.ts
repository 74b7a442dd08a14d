import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { perItem } from '../../../shared/n8n/itemLoop';
import { readItemPaging, returnAllProperties } from '../../../shared/n8n/paging';
import { filtersProperty, optionsProperty, type OperationOption } from '../../../shared/n8n/properties';
import { collectPages, listPath, NEWSLETTER2GO_PAGE_SIZE } from '../../transport';
import { listLocator, readLocator } from '../descriptions';
import { parameterReader } from '../../../shared/n8n/parameters';

const properties: INodeProperties[] = [
	listLocator,
	...returnAllProperties,
	filtersProperty([
		{
			displayName: 'Filter Expression',
			name: 'filter',
			type: 'string',
			default: '',
			placeholder: 'email=like="%@example.org";gender=="f"',
			description:
				'Newsletter2Go filter: values in double quotes, operators such as ==, =ne=, =like= (with % as wildcard), ; for AND and , for OR',
		},
	]),
	optionsProperty([
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'string',
			default: '',
			placeholder: 'email,first_name,is_unsubscribed',
			description: 'Comma-separated fields to return (case-sensitive); empty returns all default fields',
		},
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: NEWSLETTER2GO_PAGE_SIZE,
			description:
				'Recipients per request. Newsletter2Go documents no maximum (5000 is known to work); lower it if requests time out.',
		},
	]),
];

const displayOptions = { show: { resource: ['recipient'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perItem(async function (itemIndex) {
	const listId = readLocator.call(this, 'list', itemIndex);
	const limit = readItemPaging.call(this, itemIndex);
	const parameter = parameterReader(this, itemIndex);
	const filters = parameter.collection('filters');
	const options = parameter.collection('options');
	const pageSize = Number(options.pageSize ?? NEWSLETTER2GO_PAGE_SIZE);
	if (!Number.isInteger(pageSize) || pageSize < 1) {
		throw new NodeOperationError(this.getNode(), 'Page Size must be a positive whole number', {
			itemIndex,
			description: `Got ${String(options.pageSize)}.`,
		});
	}
	const fields = String(options.fields ?? '').trim();
	const filter = String(filters.filter ?? '').trim();
	return await collectPages.call(
		this,
		listPath(listId, 'recipients'),
		{
			_filter: filter === '' ? undefined : filter,
			_fields: fields === '' ? undefined : fields,
			_expand: fields === '' ? true : undefined,
		},
		{ limit, pageSize, itemIndex },
	);
});

export const option: OperationOption = { name: 'Get Many', description: 'Get many recipients of a list', action: 'Get many recipients' };
