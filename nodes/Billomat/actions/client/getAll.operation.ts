import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readItemPaging, returnAllProperties } from '../../../shared/n8n/paging';
import { normaliseRecord } from '../../mapping';
import { perItem } from '../../../shared/n8n/itemLoop';
import { optionsProperty, type OperationOption } from '../../../shared/n8n/properties';
import { clientFiltersProperty, isArchived, orderByOf, readClientFilter, sortByIdProperty } from '../descriptions';
import { pagesOf } from '../reads';
import { parameterReader } from '../../../shared/n8n/parameters';

const properties: INodeProperties[] = [
	...returnAllProperties,
	clientFiltersProperty,
	optionsProperty([sortByIdProperty]),
];

const displayOptions = { show: { resource: ['client'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perItem(async function (itemIndex) {
	const limit = readItemPaging.call(this, itemIndex);
	const parameter = parameterReader(this, itemIndex);
	const filter = readClientFilter(parameter.collection('filters'));
	const options = parameter.collection('options');
	const clients: IDataObject[] = [];
	// the limit is counted after the local checks, so the pager gets none and is stopped here
	pages: for await (const page of pagesOf.call(this, 'clients', filter.qs, {
		orderBy: orderByOf(options.sortById),
		itemIndex,
	})) {
		for (const client of page) {
			if (!filter.matches(client) || (filter.excludesArchived && isArchived(client))) continue;
			clients.push(normaliseRecord(client) as IDataObject);
			if (limit !== undefined && clients.length >= limit) break pages;
		}
	}
	return clients;
});

export const option: OperationOption = { name: 'Get Many', description: 'Get many clients, with filters', action: 'Get many clients' };
