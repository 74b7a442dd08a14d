import { childElement, childElements, childText } from '../shared/xml/element';
import { parseXmlDocument } from '../shared/xml/parse';
import { asText, toInt } from './answers';

/** Per-contact error codes of the bulk sync report (maileon.md §6.8). */
export const SYNC_ERRORS: Record<number, string> = {
	1: 'external ID missing',
	2: 'email missing',
	3: 'invalid email syntax',
	4: 'duplicate external ID',
	5: 'duplicate email',
	6: 'ADDRESS longer than 255 characters',
	7: 'CITY longer than 255 characters',
	8: 'FIRSTNAME longer than 255 characters',
	9: 'FULLNAME longer than 255 characters',
	10: 'HNR longer than 255 characters',
	11: 'LASTNAME longer than 255 characters',
	12: 'ORGANIZATION longer than 255 characters',
	13: 'REGION longer than 255 characters',
	14: 'STATE longer than 255 characters',
	15: 'TITLE longer than 255 characters',
	16: 'ZIP longer than 255 characters',
	17: 'invalid BIRTHDAY',
	18: 'invalid NAMEDAY',
	19: 'invalid GENDER (Maileon accepts only m, f or d)',
	20: 'invalid LOCALE',
	21: 'no such custom field',
	22: 'invalid custom boolean',
	23: 'invalid custom float',
	24: 'invalid custom double',
	25: 'invalid custom integer',
	26: 'custom string longer than 255 characters',
	27: 'invalid custom date',
};

/** The sync error for a refused `GENDER`; older accounts give it for `d` (maileon.md §14 #2). */
export const SYNC_ERROR_GENDER = 19;

export function describeSyncError(code: number): string {
	return SYNC_ERRORS[code] ?? `Maileon error code ${code}`;
}

export interface SyncReport {
	success: boolean;
	contacts: number;
	newContacts: number;
	existingContacts: number;
	unsubscribedContacts: number;
	invalidContacts: number;
	invalid: Array<{ email?: string; externalId?: string; code: number; field?: string }>;
}

/** Reads the bulk sync report; the root element's name is not documented, so only its children count. */
export function parseSyncReport(body: unknown): SyncReport {
	const root = parseXmlDocument(asText(body));
	const invalidList = childElement(root, 'invalid_contacts');
	const invalid = (invalidList ? childElements(invalidList, 'contact') : []).map((contact) => {
		const error = childElement(contact, 'error');
		return {
			email: childText(contact, 'email'),
			externalId: childText(contact, 'external_id'),
			code: toInt(error?.attributes.code ?? (error ? childText(error, 'code') : undefined)),
			field: error ? childText(error, 'error_field') : undefined,
		};
	});
	return {
		success: childText(root, 'success') !== 'false',
		contacts: toInt(childText(root, 'count_contacts')),
		newContacts: toInt(childText(root, 'count_new_contacts')),
		existingContacts: toInt(childText(root, 'count_existing_contacts')),
		unsubscribedContacts: toInt(childText(root, 'count_unsubscribed_contacts')),
		invalidContacts: toInt(childText(root, 'count_invalid_contacts')),
		invalid,
	};
}
