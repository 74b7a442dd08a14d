import type { Route } from '../../framework/types';
import { affected, collection, envelope } from '../http';
import type { Newsletter2GoState } from '../state';
import { createRoute, readObject } from './shared';

/** Address books (§7.2). */
export function listRoutes(state: Newsletter2GoState): Route[] {
	const { settings } = state;
	return [
		{
			method: 'GET',
			path: '/lists',
			handler: (request) =>
				collection(request, [...state.lists.values()].map((list) => state.renderList(list, request.origin)), settings),
		},
		createRoute(state, '/lists', (body) => state.createList(body)),
		{
			method: 'GET',
			path: '/lists/:listId',
			handler: (request) => {
				const list = state.requireList(request.params.listId);
				return envelope(200, { count: 1 }, [state.renderList(list, request.origin)], settings);
			},
		},
		{
			method: 'PATCH',
			path: '/lists/:listId',
			handler: (request) => {
				const list = state.requireList(request.params.listId);
				const { id: _id, ...changes } = readObject(request);
				if (typeof changes.name === 'string') list.name = changes.name;
				delete changes.name;
				Object.assign(list.fields, changes);
				list.modifiedAt = state.clock.now();
				return affected(200, 1, settings);
			},
		},
		{
			method: 'DELETE',
			path: '/lists/:listId',
			handler: (request) => {
				state.deleteList(request.params.listId);
				return affected(200, 1, settings);
			},
		},
	];
}
