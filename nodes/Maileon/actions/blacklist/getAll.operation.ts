import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { perItem } from '../../../shared/n8n/itemLoop';
import { readItemPaging } from '../../../shared/n8n/paging';
import type { OperationOption } from '../../../shared/n8n/properties';
import { isGlobalBlacklist, readBlacklists } from '../../blacklists';
import { maileonRequest } from '../../transport';
import { returnAllProperties } from '../descriptions';

const properties: INodeProperties[] = [...returnAllProperties];

const displayOptions = { show: { resource: ['blacklist'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perItem(async function (itemIndex) {
	const limit = readItemPaging.call(this, itemIndex);
	// Maileon answers the whole list at once (no paging parameters in its clients)
	const response = await maileonRequest.call(this, 'GET', '/blacklists', { itemIndex });
	const lists = readBlacklists(response.body);
	return lists.slice(0, limit ?? lists.length).map((list) => ({
		id: Number(list.id),
		name: list.name,
		writable: !isGlobalBlacklist(list.id),
	}));
});

export const option: OperationOption = {
	name: 'Get Many',
	description: "List the account's blacklists",
	action: 'Get many blacklists',
};
