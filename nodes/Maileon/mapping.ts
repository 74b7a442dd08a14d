import { describeGenderLeftOut, genderFromSalutation, type Contact, type Gender } from '../shared/contact';
import { autoMapContact, type AutoSource, type TargetField } from '../shared/n8n/fieldMapping';

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

// the contact model's fields come first, so the XML keeps the order it always had
const CONTACT_PROPERTIES: ReadonlyArray<[(typeof STANDARD_FIELDS)[number], AutoSource['property']]> = [
	['SALUTATION', 'salutation'],
	['TITLE', 'title'],
	['FIRSTNAME', 'firstName'],
	['LASTNAME', 'lastName'],
	['ORGANIZATION', 'organization'],
	['GENDER', 'gender'],
];

/**
 * The standard fields as the field mapper offers them. Automatic mapping fills each from the contact
 * model where it has the field, and from an entry of the item's `fields` with the field's name in
 * any case (`city` → CITY), which wins.
 */
export const MAILEON_STANDARD_FIELDS: readonly TargetField[] = [
	...CONTACT_PROPERTIES.map(([id, property]): TargetField => ({ id, custom: false, auto: { property, byFieldName: true } })),
	...STANDARD_FIELDS.filter((id) => !CONTACT_PROPERTIES.some(([name]) => name === id)).map(
		(id): TargetField => ({ id, custom: false, auto: { byFieldName: true } }),
	),
];

/** Maileon rejects text standard fields longer than this (sync errors 6–16). */
export const MAX_FIELD_LENGTH = 255;

/** Maileon takes m, f and (per its current docs, uncertain for bulk sync) d; anything else is left out. */
export function toMaileonGender(gender: Gender, allowDiverse: boolean): string | undefined {
	if (gender === 'm' || gender === 'f') return gender;
	if (gender === 'd' && allowDiverse) return 'd';
	return undefined;
}

/**
 * Whether a gender was mapped that `fields` leave out under Maileon's m/f/d rule (maileon.md §11 #3),
 * so the report can say so.
 */
export function isGenderLeftOut(values: Readonly<Record<string, string>>, fields: MaileonFields): boolean {
	return values.GENDER !== undefined && fields.standard.GENDER === undefined;
}

/** The run warning for contacts whose gender Maileon did not get; names the first few. */
export function describeMaileonGenderLeftOut(emails: readonly string[]): string {
	return describeGenderLeftOut(emails, 'Maileon takes only m, f and d, and d only where the account and the "Diverse Gender" option allow it');
}

export interface MaileonFields {
	standard: Record<string, string>;
	custom: Record<string, string>;
}

/** Splits a canonical contact into Maileon standard fields and the named custom fields. */
export function toMaileonFields(
	contact: Contact,
	options: { allowDiverse: boolean; customFields: readonly string[] },
): MaileonFields {
	return splitMaileonValues(
		autoMapContact(contact, MAILEON_STANDARD_FIELDS, new Set(options.customFields)),
		options.allowDiverse,
	);
}

/**
 * Mapped values by Maileon field name as standard and custom fields; a gender is read as a word
 * ("Frau", "m") and kept only as m, f or d.
 */
export function splitMaileonValues(values: Readonly<Record<string, string>>, allowDiverse: boolean): MaileonFields {
	const standard: Record<string, string> = {};
	const custom: Record<string, string> = {};
	for (const name in values) {
		const value = values[name];
		if (!STANDARD_FIELD_SET.has(name)) custom[name] = value;
		else if (name !== 'GENDER') standard[name] = value;
		else {
			const gender = toMaileonGender(genderFromSalutation(value, { allowDiverse }), allowDiverse);
			if (gender !== undefined) standard.GENDER = gender;
		}
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
	for (const name in fields.standard) if (fields.standard[name].length > MAX_FIELD_LENGTH) return name;
	for (const name in fields.custom) if (fields.custom[name].length > MAX_FIELD_LENGTH) return name;
	return undefined;
}

// the Synchronize Many and Create or Update operations import these from here
export { contactsXml, contactXml } from './contactXml';
export { PERMISSIONS, permissionForConsent, type PermissionName } from './permissions';
