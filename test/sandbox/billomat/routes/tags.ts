import { queryValue } from '../../framework/types';
import type { Route } from '../../framework/types';
import { readBody, requireRecord, route } from '../http';
import { BillomatError, renderEmpty, renderItem } from '../render';
import type { BillomatState, StoredRecord } from '../state';
import { listPage } from './list';

/** billomat.md §9: a client's tags with `client_id`, else the tag cloud (`name`, `count`). */
export function tagRoutes(state: BillomatState): Route[] {
	const requireTag = (rawId: string | undefined): StoredRecord => requireRecord(state.tags, rawId, 'Tag');
	return [
		{
			method: 'GET',
			path: '/:account/api/client-tags',
			handler: route(state, (request, format) => {
				const clientId = queryValue(request.query, 'client_id');
				const options = { listKey: 'client-tags', itemKey: 'client-tag', fields: ['id', 'name', 'count', 'client_id'] };
				if (clientId !== undefined && clientId !== '') {
					const tags = [...state.tags.values()].filter((tag) => tag.client_id === clientId);
					return listPage(state, request, format, tags, options);
				}
				const cloud = new Map<string, StoredRecord>();
				for (const tag of state.tags.values()) {
					const entry = cloud.get(tag.name) ?? { id: String(cloud.size + 1), name: tag.name, count: '0' };
					entry.count = String(Number(entry.count) + 1);
					cloud.set(tag.name, entry);
				}
				return listPage(state, request, format, [...cloud.values()], { ...options, itemKey: state.settings.tagCloudItemKey });
			}),
		},
		{
			method: 'GET',
			path: '/:account/api/client-tags/:id',
			handler: route(state, (request, format) => renderItem(200, format, 'client-tag', requireTag(request.params.id))),
		},
		{
			method: 'POST',
			path: '/:account/api/client-tags',
			handler: route(state, (request, format) => {
				const fields = readBody(request, 'client-tag');
				const clientId = Number(fields.client_id);
				const name = String(fields.name ?? '').trim();
				if (!state.clients.has(clientId)) throw new BillomatError(400, ['Invalid client_id']);
				if (name === '') throw new BillomatError(400, ['name is required']);
				const id = state.addTag(clientId, name);
				return renderItem(201, format, 'client-tag', state.tags.get(id) ?? {});
			}),
		},
		{
			method: 'DELETE',
			path: '/:account/api/client-tags/:id',
			handler: route(state, (request) => {
				state.tags.delete(Number(requireTag(request.params.id).id));
				return renderEmpty(200);
			}),
		},
	];
}
