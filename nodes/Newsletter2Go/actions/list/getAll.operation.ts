import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../shared/n8n/properties';
import { perItem } from '../../../shared/n8n/itemLoop';
import { readItemPaging, returnAllProperties } from '../../../shared/n8n/paging';
import { collectPages } from '../../transport';

const properties: INodeProperties[] = [...returnAllProperties];

const displayOptions = { show: { resource: ['list'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perItem(async function (itemIndex) {
	const limit = readItemPaging.call(this, itemIndex);
	return await collectPages.call(this, '/lists', { _expand: true }, { limit, itemIndex });
});

export const option: OperationOption = { name: 'Get Many', description: 'Get many address books', action: 'Get many lists' };
