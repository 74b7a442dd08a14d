import type { Route, SandboxRequest } from '../../framework/types';
import { affected, ApiError, collection } from '../http';
import type { GroupRecord, Newsletter2GoState, RecipientRecord } from '../state';
import { bulkTargets, changeEach, countActive, createRoute, readObject, renderRecipients } from './shared';

/** Groups (segments) and static membership (§7.5). */
export function groupRoutes(state: Newsletter2GoState): Route[] {
	const { settings } = state;
	const listGroup = (request: SandboxRequest): GroupRecord => {
		state.requireList(request.params.listId);
		return state.requireGroup(request.params.groupId, request.params.listId);
	};
	const staticGroup = (request: SandboxRequest): GroupRecord => {
		const group = listGroup(request);
		if (group.isDynamic) throw new ApiError(400, 'Recipients can only be added to or removed from static groups');
		return group;
	};
	const single = (request: SandboxRequest, group: GroupRecord): RecipientRecord =>
		state.requireRecipient(request.params.recipientId, group.listId);

	return [
		{
			method: 'GET',
			path: '/lists/:listId/groups',
			handler: (request) => {
				const list = state.requireList(request.params.listId);
				const groups = [...state.groups.values()].filter((group) => group.listId === list.id);
				return collection(request, groups.map((group) => state.renderGroup(group, request.origin)), settings);
			},
		},
		createRoute(state, '/groups', (body) => state.createGroup(body)),
		{
			method: 'PATCH',
			path: '/groups/:groupId',
			handler: (request) => {
				const group = state.requireGroup(request.params.groupId);
				const body = readObject(request);
				if (typeof body.name === 'string') group.name = body.name;
				if (typeof body.description === 'string') group.description = body.description;
				return affected(200, 1, settings);
			},
		},
		{
			method: 'DELETE',
			path: '/groups/:groupId',
			handler: (request) => {
				const group = state.requireGroup(request.params.groupId);
				state.groups.delete(group.id);
				for (const recipient of state.recipients.values()) recipient.groupIds.delete(group.id);
				return affected(200, 1, settings);
			},
		},
		{
			method: 'GET',
			path: '/lists/:listId/groups/:groupId/recipients',
			handler: (request) => {
				const group = listGroup(request);
				return collection(request, renderRecipients(state, request, state.membersOf(group)), settings, countActive);
			},
		},
		{
			method: 'POST',
			path: '/lists/:listId/groups/:groupId/recipients',
			handler: (request) => {
				const group = staticGroup(request);
				const targets = bulkTargets(state, request, group.listId);
				return changeEach(state, targets, (recipient) => recipient.groupIds.add(group.id), 201);
			},
		},
		{
			method: 'DELETE',
			path: '/lists/:listId/groups/:groupId/recipients',
			handler: (request) => {
				const group = staticGroup(request);
				const members = bulkTargets(state, request, group.listId).filter((recipient) => recipient.groupIds.has(group.id));
				return changeEach(state, members, (recipient) => recipient.groupIds.delete(group.id));
			},
		},
		{
			method: 'POST',
			path: '/lists/:listId/groups/:groupId/recipients/:recipientId',
			handler: (request) => {
				const group = staticGroup(request);
				single(request, group).groupIds.add(group.id);
				return affected(201, 1, settings);
			},
		},
		{
			method: 'DELETE',
			path: '/lists/:listId/groups/:groupId/recipients/:recipientId',
			handler: (request) => {
				const group = staticGroup(request);
				const removed = single(request, group).groupIds.delete(group.id);
				return affected(200, removed ? 1 : 0, settings);
			},
		},
	];
}
