import { queryValue } from '../../framework/types';
import type { Route } from '../../framework/types';
import { emptyResponse, HttpError, pageOf, pagingHeaders, parseTimestamp, readPaging, route, xmlResponse } from '../http';
import { readFieldSelection, renderContact } from '../render';
import type { MaileonState, StoredContact } from '../state';
import { el } from '../xml';
import { api } from './base';

/** Paged export, count and delete-all (maileon.md §6.6, §6.7). */
export function exportRoutes(state: MaileonState): Route[] {
	const select = (updatedAfter: string | undefined): StoredContact[] => {
		const contacts = state.activeContacts();
		if (updatedAfter === undefined) return contacts;
		const after = parseTimestamp(updatedAfter);
		if (after === undefined) {
			throw new HttpError(400, `updated_after must be yyyy-MM-dd HH:mm:ss, got "${updatedAfter}"`);
		}
		return contacts.filter((c) => c.updated > after);
	};
	return [
		{
			method: 'GET',
			path: api('/contacts'),
			handler: route((req) => {
				const paging = readPaging(req.query);
				const contacts = select(queryValue(req.query, 'updated_after'));
				const selection = readFieldSelection(req.query);
				return xmlResponse(
					200,
					el(
						'contacts',
						pageOf(contacts, paging).map((c) => renderContact(state, c, selection)),
					),
					pagingHeaders(req, paging, contacts.length),
				);
			}),
		},
		{
			method: 'GET',
			path: api('/contacts/count'),
			handler: route((req) =>
				xmlResponse(200, el('count', select(queryValue(req.query, 'updated_after')).length)),
			),
		},
		{
			method: 'DELETE',
			path: api('/contacts'),
			handler: route((req) => {
				// maileon.md §10.14: this wipes the account, so it demands the explicit flag
				if (queryValue(req.query, 'authorized') !== 'yes') {
					throw new HttpError(400, 'authorized=yes is required');
				}
				state.deleteAllContacts();
				return emptyResponse(200);
			}),
		},
	];
}
