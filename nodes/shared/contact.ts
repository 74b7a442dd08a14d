import { decodePunycode } from './punycode';
import { formatValue } from './values';

export type Gender = 'm' | 'f' | 'd' | 'unknown';

export type InvalidReason =
	| 'missingEmail'
	| 'invalidEmail'
	| 'invalidGender'
	| 'fieldTooLong'
	| 'missingRequired'
	| 'controlCharacter';

export interface Contact {
	/** As given, trimmed and without invisible characters; original casing kept, for reports. */
	email: string;
	/** The normalised address ({@link normaliseEmailKey}): the match key and what targets send. */
	key: string;
	externalId?: string;
	/** Original salutation text, e.g. "Frau". */
	salutation?: string;
	gender: Gender;
	title?: string;
	firstName?: string;
	lastName?: string;
	organization?: string;
	/** Custom fields, name → value. */
	fields: Record<string, string>;
	tags: string[];
}

/** Loose input from any source; every value is narrowed here, nothing is trusted. */
export interface ContactInput {
	email?: unknown;
	externalId?: unknown;
	salutation?: unknown;
	gender?: unknown;
	title?: unknown;
	firstName?: unknown;
	lastName?: unknown;
	organization?: unknown;
	fields?: unknown;
	tags?: unknown;
}

export type ContactTextField =
	| 'externalId'
	| 'salutation'
	| 'title'
	| 'firstName'
	| 'lastName'
	| 'organization';

export interface ContactOptions {
	/**
	 * Longest accepted name, title, custom field value or tag, in UTF-16 code units. The node
	 * supplies the platform's limit.
	 * @default Infinity
	 */
	readonly maxFieldLength?: number;
	/**
	 * Fields that must not be empty (the email always must).
	 * @default []
	 */
	readonly required?: readonly ContactTextField[];
	/**
	 * Whether "diverse" salutations and gender values map to `'d'` (else to `'unknown'`).
	 * @default true
	 */
	readonly allowDiverse?: boolean;
	/**
	 * Whether a gender value that is present but not recognised makes the record invalid; when false
	 * the gender is dropped and the contact kept.
	 * @default false
	 */
	readonly rejectUnknownGender?: boolean;
}

export type ContactResult =
	| { ok: true; contact: Contact }
	| { ok: false; reason: InvalidReason; detail: string; email?: string };

const TEXT_FIELDS: readonly ContactTextField[] = [
	'externalId',
	'salutation',
	'title',
	'firstName',
	'lastName',
	'organization',
];

// RFC 5321 §4.5.3.1 limits, counted in octets; the domain-label limit comes from RFC 1035.
const MAX_EMAIL_OCTETS = 254;
const MAX_LOCAL_OCTETS = 64;

const NON_ASCII = /[\u0080-\uffff]/;
// anything beyond printable ASCII, or a punycode label: the address needs the full normalisation
const NEEDS_NORMALISING = /[^\x20-\x7e]|(?:^|[.@])xn--/i;
const PUNYCODE = /(?:^|[.@])xn--/i;
const INVISIBLE = /\p{Cf}/u;
const INVISIBLE_ALL = /\p{Cf}/gu;
// \p{C} covers NUL and other controls, zero-width format characters and lone surrogates.
const CONTROL_OR_SPACE = /[\p{C}\p{Z}\s]/u;
const LOCAL_PART = /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~.-]+$/u;
const LABEL = '[\\p{L}\\p{M}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]{0,61}[\\p{L}\\p{M}\\p{N}])?';
const DOMAIN = new RegExp(`^(?:${LABEL}\\.)+${LABEL}$`, 'u');
const DIGITS_ONLY = /^[0-9]+$/;
const EMAIL_SEPARATORS = /[;,\r\n]+/u;
const BLANKS = /\s+/u;
const TAG_SEPARATORS = /[;,\r\n]+/;

// One options object usually serves a whole run of 100,000 records: check it once.
const validatedOptions = new WeakSet<ContactOptions>();
const NO_OPTIONS: ContactOptions = Object.freeze({});

// Words, not any source's codes: a node's mapping turns its codes into these or into a gender.
const SALUTATION_WORDS: ReadonlyArray<[Gender, string]> = [
	['m', 'herr herrn hr mr mister monsieur härra m male männlich'],
	['f', 'frau fr fräulein frl mrs ms miss madame mme proua pr w f female weiblich'],
	['d', 'divers diverse d'],
];

const SALUTATIONS: ReadonlyMap<string, Gender> = new Map(
	SALUTATION_WORDS.flatMap(([gender, words]) =>
		words.split(' ').map((word): [string, Gender] => [word, gender]),
	),
);

/**
 * An address as a person wrote it, made comparable. The single normalisation of the package, used
 * for match keys, de-duplication, the suppression ledger's hash and what targets send: trimmed,
 * invisible characters removed (see {@link cleanEmail}), Unicode NFC, an internationalised domain in
 * its Unicode form (`xn--` labels decoded), lower-cased. `info@Müller.de`, `info@xn--mller-kva.de`
 * and the NFD spelling all give `info@müller.de`. Changing it orphans every stored ledger entry.
 */
export function normaliseEmailKey(raw: string): string {
	// the common case: printable ASCII and no punycode label, where lower-casing is all there is to do
	if (!NEEDS_NORMALISING.test(raw)) return raw.trim().toLowerCase();
	const text = cleanEmail(raw).normalize('NFC').toLowerCase();
	const at = text.lastIndexOf('@');
	if (at <= 0 || at === text.length - 1) return text;
	return `${text.slice(0, at + 1)}${toUnicodeDomain(text.slice(at + 1))}`;
}

/**
 * The spelling of an address kept for people (reports, the source's own files): trimmed, with
 * format characters (zero-width spaces and joiners, soft hyphens, byte order marks, direction marks)
 * removed, as they are invisible, never part of an address and often pasted along with one.
 */
export function cleanEmail(raw: string): string {
	return (INVISIBLE.test(raw) ? raw.replace(INVISIBLE_ALL, '') : raw).trim();
}

/** Each `xn--` label in its Unicode form, then NFC and lower case; a label that fails to decode stays. */
function toUnicodeDomain(domain: string): string {
	if (!PUNYCODE.test(`.${domain}`)) return domain;
	return domain
		.split('.')
		.map((label) => {
			if (!label.startsWith('xn--')) return label;
			const decoded = decodePunycode(label.slice(4));
			return decoded === undefined || decoded === '' ? label : decoded.normalize('NFC').toLowerCase();
		})
		.join('.');
}

/**
 * Trims an address, removes invisible characters and derives its match key; `undefined` when the
 * value is not a string or nothing is left.
 */
export function normaliseEmail(raw: unknown): { email: string; key: string } | undefined {
	if (typeof raw !== 'string') return undefined;
	const email = cleanEmail(raw);
	if (email === '') return undefined;
	return { email, key: normaliseEmailKey(email) };
}

/**
 * Why an address is not acceptable, as a phrase that follows the address ("has more than one @"),
 * or `undefined` when it is. A pragmatic RFC 5322 subset: dot-atom local part (no quoted strings),
 * domain names only (no IP literals), non-ASCII letters allowed (RFC 6531), lengths in UTF-8
 * octets.
 */
export function findEmailProblem(key: string): string | undefined {
	if (key.length === 0) return 'is empty';
	// checked first so a 10 KB value never reaches the patterns below
	if (key.length > MAX_EMAIL_OCTETS) return `is longer than ${MAX_EMAIL_OCTETS} characters`;
	if (CONTROL_OR_SPACE.test(key)) return 'contains spaces or control characters';
	const at = key.indexOf('@');
	if (at === -1) return 'has no @';
	if (key.indexOf('@', at + 1) !== -1) return 'has more than one @';
	if (at === 0) return 'has nothing before the @';
	if (at === key.length - 1) return 'has nothing after the @';
	// no mailbox needs it, and a spreadsheet opening a back-sync file would run it as a formula
	if (key.startsWith('=')) return 'starts with =';
	const isAscii = !NON_ASCII.test(key);
	if (!isAscii && countUtf8Octets(key) > MAX_EMAIL_OCTETS) {
		return `is longer than ${MAX_EMAIL_OCTETS} bytes`;
	}
	const local = key.slice(0, at);
	if ((isAscii ? local.length : countUtf8Octets(local)) > MAX_LOCAL_OCTETS) {
		return `has more than ${MAX_LOCAL_OCTETS} characters before the @`;
	}
	if (key.includes('..')) return 'contains consecutive dots';
	if (local.startsWith('.') || local.endsWith('.')) return 'starts or ends with a dot before the @';
	if (!LOCAL_PART.test(local)) return 'has characters that are not allowed before the @';
	const domain = key.slice(at + 1);
	const lastDot = domain.lastIndexOf('.');
	if (lastDot === -1) return 'has no top-level domain';
	if (!DOMAIN.test(domain)) return 'has an invalid domain';
	const topLevel = domain.slice(lastDot + 1);
	if (topLevel.length < 2 || DIGITS_ONLY.test(topLevel)) return 'has an invalid top-level domain';
	return undefined;
}

/** Whether `key` is an acceptable address; see {@link findEmailProblem} for the rules. */
export function isValidEmail(key: string): boolean {
	return findEmailProblem(key) === undefined;
}

/**
 * Splits a field holding several addresses (separated by `;`, `,`, line breaks, or spaces between
 * words that each hold an `@`). Words without one stay with their neighbours: in "leer zeichen@x.de"
 * the space is inside one broken address, and "zeichen@x.de" is somebody else's.
 */
export function splitEmails(field: string): string[] {
	if (typeof field !== 'string') return [];
	const emails: string[] = [];
	for (const part of field.split(EMAIL_SEPARATORS)) {
		const words = part.split(BLANKS).filter((word) => word !== '');
		if (words.every((word) => word.includes('@'))) emails.push(...words);
		else emails.push(words.join(' '));
	}
	return emails;
}

/**
 * The run warning for contacts whose gender a platform did not take; `rule` says what it takes.
 * Names the first few contacts.
 */
export function describeGenderLeftOut(emails: readonly string[], rule: string): string {
	const shown = emails.slice(0, 5).join(', ');
	const more = emails.length > 5 ? ` and ${emails.length - 5} more` : '';
	return `The gender of ${emails.length} contact(s) was left out, as ${rule}: ${shown}${more}.`;
}

/**
 * Maps a salutation or gender word (German, English, French, Estonian; case, a trailing dot and
 * surrounding spaces ignored) to a gender. Anything else, e.g. "Firma" or "Familie", is
 * `'unknown'`.
 */
export function genderFromSalutation(
	value: unknown,
	options?: { readonly allowDiverse?: boolean },
): Gender {
	if (typeof value !== 'string') return 'unknown';
	let word = value.trim();
	if (word.endsWith('.')) word = word.slice(0, -1).trimEnd();
	if (NON_ASCII.test(word)) word = word.normalize('NFC');
	const gender = SALUTATIONS.get(word.toLowerCase()) ?? 'unknown';
	if (gender === 'd' && options?.allowDiverse === false) return 'unknown';
	return gender;
}

/**
 * Narrows a loose record into a {@link Contact}, or says why it cannot be one. Strings are trimmed,
 * numbers become text, empty values are dropped. Never throws for bad data; throws only for bad
 * options.
 */
export function buildContact(
	input: ContactInput,
	options: ContactOptions = NO_OPTIONS,
): ContactResult {
	const maxFieldLength = options.maxFieldLength ?? Infinity;
	const required = options.required ?? [];
	if (!validatedOptions.has(options)) {
		validateOptions(maxFieldLength, required, options);
		validatedOptions.add(options);
	}

	const normalised = normaliseEmail(input.email);
	if (normalised === undefined) {
		return { ok: false, reason: 'missingEmail', detail: 'The record has no email address' };
	}
	const problem = findEmailProblem(normalised.key);
	if (problem !== undefined) {
		const shown = showValue(normalised.email);
		return {
			ok: false,
			reason: 'invalidEmail',
			detail: `The email address "${shown}" ${problem}`,
			email: shown,
		};
	}
	const { email, key } = normalised;

	const contact: Contact = { email, key, gender: 'unknown', fields: readFields(input.fields), tags: [] };
	for (const name of TEXT_FIELDS) {
		const value = readText(input[name]);
		if (value !== undefined) contact[name] = value;
	}
	for (const name of required) {
		if (contact[name] === undefined) {
			return {
				ok: false,
				reason: 'missingRequired',
				detail: `The required field "${name}" is empty`,
				email,
			};
		}
	}
	readTags(input.tags, contact.tags);

	const controlled = findControlCharacter(contact);
	if (controlled !== undefined) {
		return {
			ok: false,
			reason: 'controlCharacter',
			detail: `The field "${controlled}" contains a control character`,
			email,
		};
	}

	const tooLong = findTooLongField(contact, maxFieldLength);
	if (tooLong !== undefined) {
		return {
			ok: false,
			reason: 'fieldTooLong',
			detail: `The field "${tooLong.name}" is longer than ${maxFieldLength} characters (${tooLong.length})`,
			email,
		};
	}

	const genderText = readText(input.gender);
	// our own 'unknown' comes back when a contact item is read again: the source decided "no gender"
	// (a company, say), so the salutation must not bring one back
	if (genderText?.toLowerCase() === 'unknown') return { ok: true, contact };
	if (genderText !== undefined) {
		contact.gender = genderFromSalutation(genderText, options);
		if (contact.gender === 'unknown' && options.rejectUnknownGender === true) {
			return {
				ok: false,
				reason: 'invalidGender',
				detail: `The gender "${showValue(genderText)}" is not recognised`,
				email,
			};
		}
	} else if (contact.salutation !== undefined) {
		contact.gender = genderFromSalutation(contact.salutation, options);
	}
	return { ok: true, contact };
}

function validateOptions(
	maxFieldLength: number,
	required: readonly ContactTextField[],
	options: ContactOptions,
): void {
	if (
		typeof maxFieldLength !== 'number' ||
		!(maxFieldLength === Infinity || (Number.isInteger(maxFieldLength) && maxFieldLength > 0))
	) {
		throw new TypeError(
			`Expected \`maxFieldLength\` to be a positive integer, got ${formatValue(maxFieldLength)}.`,
		);
	}
	if (!Array.isArray(required)) {
		throw new TypeError(`Expected \`required\` to be an array, got ${formatValue(required)}.`);
	}
	for (const name of required) {
		if (!TEXT_FIELDS.includes(name)) {
			throw new TypeError(
				`Expected \`required\` to list only ${TEXT_FIELDS.join(', ')}, got ${formatValue(name)}.`,
			);
		}
	}
	for (const name of ['allowDiverse', 'rejectUnknownGender'] as const) {
		const value = options[name];
		if (value !== undefined && typeof value !== 'boolean') {
			throw new TypeError(`Expected \`${name}\` to be a boolean, got ${formatValue(value)}.`);
		}
	}
}

// Counts without encoding: the length limits run for every record of a 100,000-contact export.
function countUtf8Octets(text: string): number {
	let octets = 0;
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		if (unit < 0x80) octets += 1;
		else if (unit < 0x800) octets += 2;
		// a surrogate pair is one code point of four octets, counted as two halves of two
		else if (unit >= 0xd800 && unit <= 0xdfff) octets += 2;
		else octets += 3;
	}
	return octets;
}

function readText(value: unknown): string | undefined {
	if (typeof value === 'string') {
		const text = value.trim();
		return text === '' ? undefined : text;
	}
	// ids and numeric custom fields often arrive as numbers from JSON sources
	if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'bigint') {
		return String(value);
	}
	if (typeof value === 'boolean') return String(value);
	return undefined;
}

/**
 * The custom fields with trimmed names and values, empty ones left out. A plain object that holds only
 * such fields already (a contact item read again, a source's own mapping) is taken as it is: every
 * contact of a run would otherwise hold a copy of it.
 */
function readFields(value: unknown): Record<string, string> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
	const source = value as Record<string, unknown>;
	if (isCanonicalFields(source)) return source as Record<string, string>;
	const target: Record<string, string> = {};
	for (const rawName in source) {
		if (!Object.hasOwn(source, rawName)) continue;
		const name = rawName.trim();
		if (name === '') continue;
		const text = readText(source[rawName]);
		// plain assignment on purpose: for the name "__proto__" it is a no-op, as a string cannot
		// become a prototype, so no such field and no polluted prototype
		if (text !== undefined) target[name] = text;
	}
	return target;
}

function isCanonicalFields(source: Record<string, unknown>): boolean {
	if (Object.getPrototypeOf(source) !== Object.prototype) return false;
	for (const name in source) {
		const value = source[name];
		if (!Object.hasOwn(source, name) || name === '__proto__' || name === '' || name.trim() !== name) return false;
		if (typeof value !== 'string' || value === '' || value.trim() !== value) return false;
	}
	return true;
}

function readTags(value: unknown, target: string[]): void {
	const items = typeof value === 'string' ? value.split(TAG_SEPARATORS) : value;
	if (!Array.isArray(items)) return;
	for (const item of items) {
		const tag = readText(item);
		if (tag !== undefined && !target.includes(tag)) target.push(tag);
	}
}

function findTooLongField(
	contact: Contact,
	maxLength: number,
): { name: string; length: number } | undefined {
	if (maxLength === Infinity) return undefined;
	for (const name of TEXT_FIELDS) {
		const value = contact[name];
		if (value !== undefined && value.length > maxLength) return { name, length: value.length };
	}
	for (const name in contact.fields) {
		const length = contact.fields[name].length;
		if (length > maxLength) return { name, length };
	}
	for (const tag of contact.tags) {
		if (tag.length > maxLength) return { name: 'tags', length: tag.length };
	}
	return undefined;
}

// Names never hold NUL or other controls; tabs and line breaks pass in custom fields and tags only.
// the control characters (\p{Cc}) spelled out: a plain class is tested in half the time
// eslint-disable-next-line no-control-regex -- finding control characters is what they are for
const NAME_CONTROL = /[\0-\x1F\x7F-\x9F]/;
// eslint-disable-next-line no-control-regex -- as above
const FIELD_CONTROL = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/;

function findControlCharacter(contact: Contact): string | undefined {
	for (const name of TEXT_FIELDS) {
		const value = contact[name];
		if (value !== undefined && NAME_CONTROL.test(value)) return name;
	}
	for (const name in contact.fields) {
		if (FIELD_CONTROL.test(name) || FIELD_CONTROL.test(contact.fields[name])) return name;
	}
	return contact.tags.some((tag) => FIELD_CONTROL.test(tag)) ? 'tags' : undefined;
}

// Reasons end up in the run report: keep bad values short and make invisible characters visible.
function showValue(value: string): string {
	const short = value.length > 80 ? `${value.slice(0, 80)}…` : value;
	return short.replace(
		/\p{C}/gu,
		(char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
	);
}
