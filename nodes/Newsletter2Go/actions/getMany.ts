import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { forEachItem } from '../../shared/n8n/itemLoop';
import { readPaging, returnAllProperties } from '../../shared/n8n/paging';
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
	async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
		return await forEachItem.call(this, items, async (itemIndex) => {
			const listId = readLocator.call(this, 'list', itemIndex);
			const limit = readPaging((name) => this.getNodeParameter(name, itemIndex, undefined));
			return await collectPages.call(this, listPath(listId, collection), { _expand: true }, { limit, itemIndex });
		});
	}
	return { description, execute };
}
