import { queryValue } from '../../framework/types';
import type { Route } from '../../framework/types';
import { requireRecord, route } from '../http';
import { BillomatError, renderItem } from '../render';
import { CONTACT_FIELDS } from '../state';
import type { BillomatState } from '../state';
import { listPage } from './list';

/** billomat.md §10: contact persons, listed per client. */
export function contactRoutes(state: BillomatState): Route[] {
	return [
		{
			method: 'GET',
			path: '/:account/api/contacts',
			handler: route(state, (request, format) => {
				const clientId = queryValue(request.query, 'client_id');
				if ((clientId === undefined || clientId === '') && state.settings.contactsRequireClientId) {
					throw new BillomatError(400, ['client_id is required']);
				}
				const contacts = [...state.contacts.values()].filter(
					(contact) => clientId === undefined || clientId === '' || contact.client_id === clientId,
				);
				return listPage(state, request, format, contacts, { listKey: 'contacts', itemKey: 'contact', fields: CONTACT_FIELDS });
			}),
		},
		{
			method: 'GET',
			path: '/:account/api/contacts/:id',
			handler: route(state, (request, format) => {
				return renderItem(200, format, 'contact', requireRecord(state.contacts, request.params.id, 'Contact'));
			}),
		},
	];
}
