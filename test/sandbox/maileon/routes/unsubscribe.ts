import { queryValues } from '../../framework/types';
import type { Query, Route } from '../../framework/types';
import { isValidEmail } from '../fields';
import { emptyResponse, HttpError, intParam, route } from '../http';
import type { MaileonState, StoredContact, UnsubscribeMeta } from '../state';
import { api, requireContactById } from './base';

/** maileon.md §6.10. */
const REASON_TYPES = [
	'too_many_messages',
	'no_demand',
	'change_of_channel',
	'change_of_interest',
	'technical_reasons',
	'other',
];

/** Unsubscribe (asynchronous, `204`) and the unsubscription marker (maileon.md §6.9, §6.10). */
export function unsubscribeRoutes(state: MaileonState): Route[] {
	const unsubscribe = (contacts: readonly StoredContact[], query: Query) => {
		const meta = readMeta(state, query);
		for (const contact of contacts) state.requestUnsubscribe(contact, meta);
		return emptyResponse(204);
	};
	const markerEmail = (email: string): string => {
		if (!isValidEmail(email.trim())) throw new HttpError(400, `Invalid email address "${email}"`);
		return email;
	};
	return [
		{
			method: 'DELETE',
			path: api('/contacts/email/:email/unsubscribe'),
			handler: route((req) => unsubscribe(state.findByEmail(req.params.email), req.query)),
		},
		{
			method: 'DELETE',
			path: api('/contacts/externalid/:externalId/unsubscribe'),
			handler: route((req) =>
				unsubscribe(state.findByExternalId(req.params.externalId), req.query),
			),
		},
		{
			method: 'DELETE',
			path: api('/contacts/contact/unsubscribe'),
			handler: route((req) => {
				const contact = requireContactById(state, req.query);
				return unsubscribe(contact.anonymised ? [] : [contact], req.query);
			}),
		},
		{
			method: 'GET',
			path: api('/contacts/email/:email/unsubscription'),
			handler: route((req) => {
				requireMarker(state.getMarker(markerEmail(req.params.email)) !== undefined, req.params.email);
				return emptyResponse(200);
			}),
		},
		{
			method: 'PUT',
			path: api('/contacts/email/:email/unsubscription'),
			handler: route((req) =>
				emptyResponse(state.setMarker(markerEmail(req.params.email)) ? 201 : 200),
			),
		},
		{
			method: 'DELETE',
			path: api('/contacts/email/:email/unsubscription'),
			handler: route((req) => {
				requireMarker(state.deleteMarker(markerEmail(req.params.email)), req.params.email);
				return emptyResponse(200);
			}),
		},
	];
}

function readMeta(state: MaileonState, query: Query): UnsubscribeMeta {
	const mailingId = intParam(query, 'mailingId', { min: 1 });
	if (mailingId !== undefined && !state.settings.sentMailingIds.includes(mailingId)) {
		throw new HttpError(400, `Mailing ${mailingId} has not been sent`);
	}
	const reasons = queryValues(query, 'reason');
	for (const reason of reasons) {
		const type = reason.split('|')[0];
		if (!REASON_TYPES.includes(type)) {
			throw new HttpError(
				400,
				`Unknown unsubscription reason type "${type}", expected one of ${REASON_TYPES.join(', ')}`,
			);
		}
	}
	return { source: 'api', mailingId, reasons };
}

function requireMarker(found: boolean, email: string): void {
	if (!found) throw new HttpError(404, `No unsubscription marker for ${email}`);
}
