import type { Route } from '../../framework/types';
import { affected, ApiError, collection, envelope } from '../http';
import type { Newsletter2GoState } from '../state';
import { createRoute, readObject } from './shared';

/** Custom attributes (§7.6). */
export function attributeRoutes(state: Newsletter2GoState): Route[] {
	const { settings } = state;
	const requireAttribute = (id: string) => {
		const attribute = state.attributes.get(id);
		if (!attribute) throw new ApiError(404, `Attribute ${id} not found`);
		return attribute;
	};
	return [
		{
			method: 'GET',
			path: '/lists/:listId/attributes',
			handler: (request) => {
				const list = state.requireList(request.params.listId);
				const records = state.attributesOf(list.id).map((attribute) => state.renderAttribute(attribute, request.origin));
				return collection(request, records, settings);
			},
		},
		{
			method: 'GET',
			path: '/attributes/:attributeId',
			handler: (request) => {
				const attribute = requireAttribute(request.params.attributeId);
				return envelope(200, { count: 1 }, [state.renderAttribute(attribute, request.origin)], settings);
			},
		},
		createRoute(state, '/attributes', (body) => state.createAttribute(body), '/attribute'),
		{
			method: 'PATCH',
			path: '/attributes/:attributeId',
			handler: (request) => {
				const attribute = requireAttribute(request.params.attributeId);
				const { id: _id, name: _name, list_ids: _lists, ...changes } = readObject(request);
				Object.assign(attribute.fields, changes);
				return affected(200, 1, settings);
			},
		},
		{
			method: 'DELETE',
			path: '/lists/:listId/attributes/:attributeId',
			handler: (request) => {
				state.requireList(request.params.listId);
				const attribute = requireAttribute(request.params.attributeId);
				state.attributes.delete(attribute.id);
				return affected(200, 1, settings);
			},
		},
	];
}
