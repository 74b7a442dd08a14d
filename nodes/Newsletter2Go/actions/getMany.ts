import { updateDisplayOptions } from 'n8n-workflow';

import { perItem } from '../../shared/n8n/itemLoop';
import { readItemPaging, returnAllProperties } from '../../shared/n8n/paging';
import { collectPages, listPath } from '../transport';
import { listLocator, readLocator } from './descriptions';

/**
 * The "Get Many" operation of a collection that belongs to a list (`/lists/{id}/attributes`,
 * `/lists/{id}/groups`): list, Return All and Limit; records come expanded.
 */
export function getManyOfList(resource: 'attribute' | 'group', collection: 'attributes' | 'groups') {
	const description = updateDisplayOptions({ show: { resource: [resource], operation: ['getAll'] } }, [
		listLocator,
		...returnAllProperties,
	]);
	const execute = perItem(async function (itemIndex) {
		const listId = readLocator.call(this, 'list', itemIndex);
		const limit = readItemPaging.call(this, itemIndex);
		return await collectPages.call(this, listPath(listId, collection), { _expand: true }, { limit, itemIndex });
	});
	return { description, execute };
}
