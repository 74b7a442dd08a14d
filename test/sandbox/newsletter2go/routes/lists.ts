import type { Route } from '../../framework/types';
import { affected, collection, created, envelope } from '../http';
import type { Newsletter2GoState } from '../state';
import { readObject } from './shared';

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
		{
			method: 'POST',
			path: '/lists',
			handler: (request) => {
				const list = state.createList(readObject(request));
				return created(request, '/lists', list.id, settings);
			},
		},
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
