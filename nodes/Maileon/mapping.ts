import type { Contact, Gender } from '../shared/contact';

/** Standard contact fields Maileon knows (maileon.md §5.1); everything else is a custom field. */
export const STANDARD_FIELDS = [
	'ADDRESS',
	'BIRTHDAY',
	'CITY',
	'COUNTRY',
	'FIRSTNAME',
	'FULLNAME',
	'GENDER',
	'HNR',
	'LASTNAME',
	'LOCALE',
	'NAMEDAY',
	'ORGANIZATION',
	'REGION',
	'SALUTATION',
	'STATE',
	'TITLE',
	'ZIP',
] as const;
const STANDARD_FIELD_SET: ReadonlySet<string> = new Set(STANDARD_FIELDS);

/** Maileon rejects text standard fields longer than this (sync errors 6–16). */
export const MAX_FIELD_LENGTH = 255;

/** Maileon takes m, f and (per its current docs, uncertain for bulk sync) d; anything else is left out. */
export function toMaileonGender(gender: Gender, allowDiverse: boolean): string | undefined {
	if (gender === 'm' || gender === 'f') return gender;
	if (gender === 'd' && allowDiverse) return 'd';
	return undefined;
}

/**
 * Whether the contact has a gender that `fields` leave out under Maileon's m/f/d rule (maileon.md
 * §11 #3), so the report can say so.
 */
export function isGenderLeftOut(contact: Pick<Contact, 'gender'>, fields: MaileonFields): boolean {
	return contact.gender !== 'unknown' && fields.standard.GENDER === undefined;
}

/** The run warning for contacts whose gender Maileon did not get; names the first few. */
export function describeGenderLeftOut(emails: readonly string[]): string {
	const shown = emails.slice(0, 5).join(', ');
	const more = emails.length > 5 ? ` and ${emails.length - 5} more` : '';
	return `The gender of ${emails.length} contact(s) was left out, as Maileon takes only m, f and d, and d only where the account and the "Diverse Gender" option allow it: ${shown}${more}.`;
}

export interface MaileonFields {
	standard: Record<string, string>;
	custom: Record<string, string>;
}

/** Splits a canonical contact into Maileon standard and custom fields. */
export function toMaileonFields(
	contact: Contact,
	options: { allowDiverse: boolean; customFields: readonly string[] },
): MaileonFields {
	const standard: Record<string, string> = {};
	const put = (name: string, value: string | undefined) => {
		if (value !== undefined && value !== '') standard[name] = value;
	};
	put('SALUTATION', contact.salutation);
	put('TITLE', contact.title);
	put('FIRSTNAME', contact.firstName);
	put('LASTNAME', contact.lastName);
	put('ORGANIZATION', contact.organization);
	put('GENDER', toMaileonGender(contact.gender, options.allowDiverse));
	const custom: Record<string, string> = {};
	for (const [name, value] of Object.entries(contact.fields)) {
		const upper = name.toUpperCase();
		if (STANDARD_FIELD_SET.has(upper)) put(upper, value);
	}
	for (const name of options.customFields) {
		const value = contact.fields[name];
		if (value !== undefined && value !== '') custom[name] = value;
	}
	return { standard, custom };
}

export function withoutGender(fields: MaileonFields): MaileonFields {
	const standard = { ...fields.standard };
	delete standard.GENDER;
	return { standard, custom: fields.custom };
}

/** The first standard field that Maileon would reject for its length, if any. */
export function findOverlongField(fields: MaileonFields): string | undefined {
	for (const group of [fields.standard, fields.custom]) {
		for (const name in group) if (group[name].length > MAX_FIELD_LENGTH) return name;
	}
	return undefined;
}

// the Synchronize Many and Create or Update operations import these from here
export { contactsXml, contactXml } from './contactXml';
export { PERMISSIONS, permissionForConsent, type PermissionName } from './permissions';
