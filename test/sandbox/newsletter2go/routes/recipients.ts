import type { Route, SandboxRequest } from '../../framework/types';
import { affected, ApiError, collection, envelope, isRecord, parseBody } from '../http';
import type { Newsletter2GoState, RecipientRecord } from '../state';
import { bulkTargets, changeEach, countActive, readObject, renderRecipients } from './shared';

/** Recipients per list, the upsert and the bulk forms (§7.3). */
export function recipientRoutes(state: Newsletter2GoState): Route[] {
	const { settings } = state;
	const matching = (request: SandboxRequest): RecipientRecord[] =>
		bulkTargets(state, request, state.requireList(request.params.listId).id);
	const listRecipient = (request: SandboxRequest): RecipientRecord => {
		state.requireList(request.params.listId);
		return state.requireRecipient(request.params.recipientId, request.params.listId);
	};
	const everyRecipient = (request: SandboxRequest) =>
		collection(request, renderRecipients(state, request, [...state.recipients.values()]), settings, countActive);

	return [
		{
			method: 'GET',
			path: '/lists/:listId/recipients',
			handler: (request) => {
				const list = state.requireList(request.params.listId);
				return collection(request, renderRecipients(state, request, state.recipientsOf(list.id)), settings, countActive);
			},
		},
		{
			method: 'PATCH',
			path: '/lists/:listId/recipients',
			handler: (request) => {
				const body = readObject(request);
				return changeEach(state, matching(request), (recipient) => state.patchRecipient(recipient, body));
			},
		},
		{
			method: 'DELETE',
			path: '/lists/:listId/recipients',
			handler: (request) => changeEach(state, matching(request), (recipient) => state.recipients.delete(recipient.id)),
		},
		{
			method: 'GET',
			path: '/lists/:listId/recipients/:recipientId',
			handler: (request) => {
				const recipient = listRecipient(request);
				return collection(request, renderRecipients(state, request, [recipient]), settings);
			},
		},
		{
			method: 'PATCH',
			path: '/lists/:listId/recipients/:recipientId',
			handler: (request) => {
				const recipient = listRecipient(request);
				state.patchRecipient(recipient, readObject(request));
				return affected(200, 1, settings);
			},
		},
		{
			method: 'DELETE',
			path: '/lists/:listId/recipients/:recipientId',
			handler: (request) => {
				const recipient = listRecipient(request);
				state.recipients.delete(recipient.id);
				return affected(200, 1, settings);
			},
		},
		{
			method: 'POST',
			path: '/recipients',
			handler: (request) => {
				const body = parseBody(request);
				const isArray = Array.isArray(body);
				const rows = isArray ? body : [body];
				if (rows.length === 0 || !rows.every(isRecord)) {
					throw new ApiError(400, 'Expected a recipient object or an array of recipient objects');
				}
				const result = state.upsertRecipients(rows);
				// one object answers 200, an array 201 (§7.3)
				const status = isArray ? 201 : 200;
				return envelope(
					status,
					{ count: result.ids.length, additional: { invalid_recipients: result.invalid } },
					result.ids.map((id) => ({ _href: `${request.origin}/recipients/${id}`, id })),
					settings,
				);
			},
		},
		{ method: 'GET', path: '/recipients', handler: everyRecipient },
		{ method: 'GET', path: '/recipients/global', handler: everyRecipient },
		{
			method: 'GET',
			path: '/recipients/:recipientId',
			handler: (request) =>
				collection(request, renderRecipients(state, request, [state.requireRecipient(request.params.recipientId)]), settings),
		},
	];
}
