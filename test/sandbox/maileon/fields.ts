import schema from './schema.json';
import type { MaileonSettings } from './settings';

/** The field facts of maileon.md §5.1 and §6.8 the sandbox checks against; the data is `schema.json`. */
interface MaileonSchema {
	/** The reference file and sections the lists come from. */
	readonly source: string;
	/** Upper-case names of the writable standard fields. */
	readonly standardFields: readonly string[];
	/** Computed by Maileon; readable with `standard_field=`, ignored when written. */
	readonly readOnlyFields: readonly string[];
	/** Names a custom field may not have besides the standard field names (compared lower-case). */
	readonly reservedCustomFieldNames: readonly string[];
	/** Sync error code for a text standard field longer than 255 characters. */
	readonly lengthErrorCodes: Readonly<Record<string, number>>;
}

const SCHEMA: MaileonSchema = schema;

/** A writable standard field's name as Maileon spells it; only `canonicalStandardField` makes one. */
export type StandardField = string & { readonly __standardField: true };

const STANDARD_SET: ReadonlySet<string> = new Set(SCHEMA.standardFields);
const READ_ONLY_SET: ReadonlySet<string> = new Set(SCHEMA.readOnlyFields);
const RESERVED_CUSTOM_NAMES: ReadonlySet<string> = new Set(SCHEMA.reservedCustomFieldNames);

/** Custom field types (maileon.md §5.1), kept in TS so that `checkCustomField` covers each one. */
export const CUSTOM_FIELD_TYPES = ['string', 'integer', 'float', 'date', 'boolean'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export function isCustomFieldType(value: unknown): value is CustomFieldType {
	return typeof value === 'string' && (CUSTOM_FIELD_TYPES as readonly string[]).includes(value);
}

const MAX_TEXT = 255;
const GENDERS: readonly string[] = ['m', 'f'];
const GENDERS_WITH_DIVERSE: readonly string[] = ['m', 'f', 'd'];

/** One reason a contact is invalid: a sync error code (maileon.md §6.8) and the field it concerns. */
export interface FieldError {
	readonly code: number;
	readonly field: string;
	readonly message: string;
}

/** Canonical name of a writable standard field; `null` for read-only ones, undefined if unknown. */
export function canonicalStandardField(name: string): StandardField | null | undefined {
	if (STANDARD_SET.has(name)) return name as StandardField;
	const upper = name.trim().toUpperCase();
	if (STANDARD_SET.has(upper)) return upper as StandardField;
	if (READ_ONLY_SET.has(upper)) return null;
	return undefined;
}

const ASCII_DOMAIN =
	/^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;
const UNICODE_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const FORBIDDEN_IN_EMAIL = /[\s\u0000-\u001f\u007f"(),:;<>[\\\]]/;

/**
 * Pragmatic syntax check (sync error 3): one `@`, no whitespace or control characters, local
 * part ≤ 64 without leading, trailing or double dots, a dotted domain of valid labels whose
 * last label is not all digits. Non-ASCII letters are allowed (internationalised addresses).
 */
export function isValidEmail(email: string): boolean {
	if (email.length === 0 || email.length > 254) return false;
	const at = email.indexOf('@');
	if (at <= 0 || at !== email.lastIndexOf('@')) return false;
	const local = email.slice(0, at);
	const domain = email.slice(at + 1);
	if (local.length > 64 || FORBIDDEN_IN_EMAIL.test(email)) return false;
	if (
		local.charCodeAt(0) === 46 ||
		local.charCodeAt(local.length - 1) === 46 ||
		local.includes('..')
	)
		return false;
	if (/^\d*$/.test(domain.slice(domain.lastIndexOf('.') + 1))) return false;
	// the Unicode pattern is far slower, and nearly every domain is ASCII
	if (ASCII_DOMAIN.test(domain)) return true;
	const labels = domain.split('.');
	return (
		labels.length >= 2 && labels.every((label) => label.length <= 63 && UNICODE_LABEL.test(label))
	);
}

/** Validates one standard field value; `''` clears a field and is always valid. */
export function checkStandardField(
	name: StandardField,
	value: string,
	settings: Pick<MaileonSettings, 'acceptDiverseGender' | 'localeFormat'>,
): FieldError | undefined {
	if (value === '') return undefined;
	const lengthCode = SCHEMA.lengthErrorCodes[name];
	if (lengthCode !== undefined && isTooLong(value)) {
		return {
			code: lengthCode,
			field: name,
			message: `${name} is longer than ${MAX_TEXT} characters`,
		};
	}
	switch (name) {
		case 'BIRTHDAY':
			return isValidDate(value, true)
				? undefined
				: { code: 17, field: name, message: `Invalid BIRTHDAY "${value}"` };
		case 'NAMEDAY':
			return isValidDate(value, true)
				? undefined
				: { code: 18, field: name, message: `Invalid NAMEDAY "${value}"` };
		case 'GENDER': {
			const allowed = settings.acceptDiverseGender ? GENDERS_WITH_DIVERSE : GENDERS;
			return allowed.includes(value)
				? undefined
				: {
						code: 19,
						field: name,
						message: `Invalid GENDER "${value}", expected ${allowed.join(', ')}`,
					};
		}
		case 'LOCALE':
			return isValidLocale(value, settings.localeFormat)
				? undefined
				: { code: 20, field: name, message: `Invalid LOCALE "${value}"` };
		default:
			return undefined;
	}
}

/** Validates one custom field value against the registry (errors 21–27). */
export function checkCustomField(
	name: string,
	value: string,
	type: CustomFieldType | undefined,
): FieldError | undefined {
	if (type === undefined) {
		return { code: 21, field: name, message: `No custom field named "${name}"` };
	}
	if (value === '') return undefined;
	switch (type) {
		case 'boolean':
			return /^(true|false|0|1)$/i.test(value)
				? undefined
				: { code: 22, field: name, message: `Invalid boolean "${value}" in ${name}` };
		case 'float':
			return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) && Number.isFinite(Number(value))
				? undefined
				: { code: 23, field: name, message: `Invalid float "${value}" in ${name}` };
		case 'integer': {
			const n = Number(value);
			return /^[+-]?\d+$/.test(value) && n >= -2147483648 && n <= 2147483647
				? undefined
				: { code: 25, field: name, message: `Invalid integer "${value}" in ${name}` };
		}
		case 'date':
			return isValidDate(value, true)
				? undefined
				: { code: 27, field: name, message: `Invalid date "${value}" in ${name}` };
		case 'string':
			return isTooLong(value)
				? { code: 26, field: name, message: `${name} is longer than ${MAX_TEXT} characters` }
				: undefined;
	}
}

/** More than 255 characters (code points; a UTF-16 length up to 255 cannot be more). */
function isTooLong(value: string): boolean {
	if (value.length <= MAX_TEXT) return false;
	let count = 0;
	for (const _ of value) if (++count > MAX_TEXT) return true;
	return false;
}

/** Stored form of a valid custom value: dates lose their time part, booleans become `true`/`false`. */
export function normaliseCustomValue(type: CustomFieldType, value: string): string {
	if (value === '') return value;
	if (type === 'date') return value.slice(0, 10);
	if (type === 'boolean') return /^(true|1)$/i.test(value) ? 'true' : 'false';
	return value;
}

/** Why a custom field name is not allowed (maileon.md §5.1), or undefined if it is. */
export function checkCustomFieldName(name: string): string | undefined {
	if (name.length < 3 || name.length > 64) {
		return `Custom field name "${name}" must have 3 to 64 characters`;
	}
	if (canonicalStandardField(name) !== undefined && name === name.toUpperCase()) {
		return `Custom field name "${name}" is a standard field name`;
	}
	if (RESERVED_CUSTOM_NAMES.has(name.toLowerCase())) {
		return `Custom field name "${name}" is reserved`;
	}
	return undefined;
}

/** `yyyy-MM-dd`, optionally with ` HH:mm:ss`, naming a real calendar day. */
export function isValidDate(value: string, allowTime: boolean): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(value);
	if (!match || (!allowTime && match[4] !== undefined)) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	if (
		date.getUTCFullYear() !== year ||
		date.getUTCMonth() !== month - 1 ||
		date.getUTCDate() !== day
	)
		return false;
	if (match[4] === undefined) return true;
	return Number(match[4]) < 24 && Number(match[5]) < 60 && Number(match[6]) < 60;
}

function isValidLocale(value: string, format: MaileonSettings['localeFormat']): boolean {
	if (format !== 'xx_XX' && /^[a-z]{2}$/.test(value)) return true;
	return format !== 'xx' && /^[a-z]{2}_[A-Z]{2}$/.test(value);
}
