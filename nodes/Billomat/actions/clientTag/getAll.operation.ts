import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../shared/n8n/properties';
import { readItemPaging, returnAllProperties } from '../../../shared/n8n/paging';
import { normaliseRecord } from '../../mapping';
import { perItem } from '../../../shared/n8n/itemLoop';
import { readAll } from '../reads';

const properties: INodeProperties[] = [
	{
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		default: '',
		placeholder: '485054',
		description: 'The client whose tags to list. Empty lists every tag of the account with the number of clients carrying it.',
	},
	...returnAllProperties,
];

const displayOptions = { show: { resource: ['clientTag'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perItem(async function (itemIndex) {
	const clientId = String(this.getNodeParameter('clientId', itemIndex, '')).trim();
	const limit = readItemPaging.call(this, itemIndex);
	// billomat.md §9: without client_id the same path answers with the tag cloud
	const tags = await readAll.call(this, 'clientTags', { client_id: clientId || undefined }, { limit, itemIndex });
	return tags.map((tag) => normaliseRecord(tag) as IDataObject);
});

export const option: OperationOption = { name: 'Get Many', description: 'Get the tags of a client, or many tags', action: 'Get many client tags' };
