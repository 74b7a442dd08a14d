import type { Query } from '../../framework/types';
import { HttpError, intParam } from '../http';
import type { MaileonState, StoredContact } from '../state';

/** maileon.md §1: the version lives in the path. */
export const BASE_PATH = '/1.0';

export function api(path: string): string {
	return `${BASE_PATH}${path}`;
}

/** The contact the `id` query parameter names: `400` without one, `404` when there is none. */
export function requireContactById(
	state: MaileonState,
	query: Query,
	options: { readonly anonymisedToo: boolean } = { anonymisedToo: true },
): StoredContact {
	const id = intParam(query, 'id', { min: 1 });
	if (id === undefined) throw new HttpError(400, 'id is required');
	const contact = state.findById(id);
	if (!contact || (contact.anonymised && !options.anonymisedToo)) {
		throw new HttpError(404, `No contact with id ${id}`);
	}
	return contact;
}
