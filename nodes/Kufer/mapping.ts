import { mergeConsent, type ConsentInput, type ConsentOrigin, type ConsentPolicy, type ConsentStatus } from '../shared/consent';
import {
	buildContact,
	findEmailProblem,
	genderFromSalutation,
	normaliseEmailKey,
	splitEmails,
	type Contact,
	type Gender,
} from '../shared/contact';
import { splitNameList } from '../shared/n8n/properties';
import type { XmlElement } from '../shared/xml/element';
import type { KuferDateReader } from './dates';

/** Logical fields of a KUFER address record (kufer.md §2.1, §3). */
export type KuferField =
	| 'id'
	| 'salutation'
	| 'gender'
	| 'title'
	| 'firstName'
	| 'lastName'
	| 'email'
	| 'status'
	| 'statusDate'
	| 'changed';

export type ElementNames = Readonly<Record<KuferField, readonly string[]>>;

/**
 * Element names per field with the aliases of kufer.md §2.1, matched case-insensitively; an
 * earlier name wins when a record has several. All of them are assumptions (kufer.md §7 #1).
 */
export const DEFAULT_ELEMENT_NAMES: ElementNames = {
	id: ['adrnr'],
	// NAME_TITEL is the salutation in KUFER's registration format, not a title (kufer.md §5 #1)
	salutation: ['anrede', 'name_titel'],
	gender: ['geschlecht'],
	title: ['titel'],
	firstName: ['vorname'],
	// `name` is the surname (kufer.md §5 #2)
	lastName: ['name', 'nachname'],
	email: ['email', 'e-mail'],
	status: ['newsletter'],
	statusDate: ['newsletterdatum'],
	changed: ['geaendert'],
};

export const DEFAULT_RECORD_NAME = 'adresse';

/** Communication entries of the registration format (kufer.md §1.5 b): KOMMART `E` is an e-mail. */
const COMMUNICATION = 'kommunikation';
const COMMUNICATION_ENTRY = 'kommunikationseintrag';
const COMMUNICATION_KIND = 'kommart';
const COMMUNICATION_VALUE = 'kommwert';
const EMAIL_KIND = 'E';

/** Newsletter status letters (kufer.md §1.2); anything else is no permission (§3.3, §7 #4). */
const STATUSES: Readonly<Record<string, ConsentStatus>> = {
	J: 'optIn',
	K: 'relationship',
	N: 'optOut',
	'': 'none',
};

/**
 * Geschlecht letters (kufer.md §1.5 b): `F` is a company and has no gender. `D` (diverse) is not
 * in any public KUFER file; it is accepted as the obvious letter for it.
 */
const GENDER_LETTERS: Readonly<Record<string, Gender>> = {
	M: 'm',
	W: 'f',
	F: 'unknown',
	D: 'd',
};

export interface MappingOptions {
	readonly names: ElementNames;
	readonly dates: KuferDateReader;
	/** Whether custom field values in KUFER's date and decimal formats are converted (kufer.md §3.3). */
	readonly convertValues: boolean;
	/** Whether an unusable Geschlecht value makes the record invalid (else the gender is dropped). */
	readonly rejectInvalidGender: boolean;
	/** Decides between several status elements of one record: the most restrictive wins. */
	readonly policy?: ConsentPolicy;
	readonly warn: (message: string) => void;
}

export interface MappedRecord {
	readonly ok: true;
	readonly contact: Contact;
	readonly consent: ConsentInput;
	/** The status as KUFER wrote it, trimmed and upper-cased. */
	readonly status: string;
	/** Further valid addresses of the record, which are not used (kufer.md §7 #12). */
	readonly otherEmails: string[];
	/** `geaendert`, epoch milliseconds. */
	readonly changedAt: number | undefined;
}

export interface InvalidRecord {
	readonly ok: false;
	readonly reason: string;
	readonly email?: string;
	readonly externalId?: string;
	/** The record's status, which counts for its addresses even though the record is not used. */
	readonly consent: ConsentInput;
	/** Normalised keys of every address the record names. */
	readonly keys: readonly string[];
}

/** Status letter → neutral consent input; `raw` keeps the letter for reasons. */
export function consentFromStatus(text: string | undefined, at?: number): ConsentInput {
	const raw = (text ?? '').trim().toUpperCase();
	const status: ConsentStatus = Object.hasOwn(STATUSES, raw) ? STATUSES[raw] : 'unknown';
	return at === undefined ? { status, raw } : { status, raw, at };
}

/**
 * Where a record's status comes from: the address number (`adrnr`) KUFER shows for it, or, for a
 * record without one, its position in the export.
 */
export function originOf(addressNumber: string | undefined, record: number): ConsentOrigin {
	return { system: 'KUFER', record: detach(addressNumber === undefined ? `record ${record}` : `address ${addressNumber}`) };
}

/** The KUFER letter for a neutral status, for messages and the item's source info. */
export function describeStatus(raw: string): string {
	return raw === '' ? 'empty' : raw;
}

/** Maps the names of a parameter ("name, nachname") onto lower-cased element names. */
export function readNameList(text: string): string[] {
	return splitNameList(text).map((name) => name.toLowerCase());
}

type Classified = { readonly field: KuferField; readonly rank: number } | 'communication' | null;

/**
 * Maps one record element to a contact. Mapped elements become the contact's standard fields and
 * consent; every other leaf element is kept as a custom field under its own name.
 */
export class RecordMapper {
	// element names repeat in every record: classify each spelling once
	private readonly classes = new Map<string, Classified>();
	private readonly byName = new Map<string, { field: KuferField; rank: number }>();
	private readonly pool = new StringPool();

	constructor(private readonly options: MappingOptions) {
		for (const field of Object.keys(options.names) as KuferField[]) {
			options.names[field].forEach((name, rank) => {
				if (!this.byName.has(name)) this.byName.set(name, { field, rank });
			});
		}
	}

	map(element: XmlElement, record: number): MappedRecord | InvalidRecord {
		const found: Partial<Record<KuferField, { rank: number; text: string }>> = {};
		const fields: Record<string, string> = {};
		const emails: Array<{ rank: number; text: string }> = [];
		const statuses: string[] = [];
		const fromCommunication: string[] = [];
		let badReference: string | undefined;
		for (const child of element.children) {
			const kind = this.classify(child.name);
			if (child.problem !== undefined) {
				const where = `<${child.name}> holds ${child.problem}`;
				if (kind === null) {
					this.options.warn(`Record ${record}: ${where}; it was kept as written.`);
				} else {
					badReference ??= `The element ${where}; write "&amp;" for an ampersand`;
				}
			}
			if (kind === 'communication') {
				readCommunication(child, fromCommunication);
			} else if (kind === null) {
				if (child.children.length === 0 && !Object.hasOwn(fields, child.name)) {
					const value = this.pool.share(this.convert(child.text.trim(), child.name, record));
					if (value !== undefined) fields[child.name] = value;
				}
			} else if (kind.field === 'email') {
				emails.push({ rank: kind.rank, text: child.text });
			} else if (kind.field === 'status') {
				// every status element counts: the most restrictive one decides
				statuses.push(child.text);
			} else {
				const previous = found[kind.field];
				if (previous === undefined || kind.rank < previous.rank) {
					found[kind.field] = { rank: kind.rank, text: child.text.trim() };
				}
			}
		}
		const text = (field: KuferField): string | undefined => found[field]?.text;
		// Array.prototype.sort is stable: among equal names the document order stays
		emails.sort((a, b) => a.rank - b.rank);
		const candidates = emails.flatMap((email) => splitEmails(email.text));
		for (const value of fromCommunication) candidates.push(value);
		const externalId = text('id') || undefined;
		const statusAt = this.readDate(text('statusDate'), 'statusDate', record);
		const changedAt = this.readDate(text('changed'), 'changed', record);
		const consent = this.readConsent(statuses, statusAt);
		consent.origin = originOf(externalId, record);

		const email = pickEmail(candidates);
		const rejected = (reason: string, shown: string | undefined): InvalidRecord =>
			invalid(reason, shown, externalId, consent, keysOf(candidates));
		if (badReference !== undefined) return rejected(badReference, email.chosen?.trim());
		const built = buildContact({
			email: email.chosen,
			externalId: detachOptional(externalId),
			salutation: this.pool.share(text('salutation')),
			title: this.pool.share(text('title')),
			firstName: this.pool.share(text('firstName')),
			lastName: this.pool.share(text('lastName')),
			fields,
		});
		if (!built.ok) return rejected(built.detail, built.email);
		const contact = built.contact;
		const address = detach(contact.email);
		contact.key = contact.key === contact.email ? address : detach(contact.key);
		contact.email = address;

		const genderText = text('gender');
		if (genderText) {
			const gender = readGender(genderText);
			if (gender !== undefined) {
				// Geschlecht is more precise than the salutation; F (a company) clears it
				contact.gender = gender;
			} else if (this.options.rejectInvalidGender) {
				return rejected(`The gender "${genderText}" is not M, W, F or D`, contact.email);
			} else {
				this.options.warn(
					`Record ${record}: the gender "${genderText}" is not M, W, F or D and was left out.`,
				);
			}
		}

		return {
			ok: true,
			contact,
			consent,
			status: consent.raw ?? '',
			otherEmails: email.others,
			changedAt,
		};
	}

	private readConsent(statuses: readonly string[], at: number | undefined): ConsentInput {
		let consent = consentFromStatus(statuses[0], at);
		for (let index = 1; index < statuses.length; index++) {
			consent = mergeConsent(consent, consentFromStatus(statuses[index], at), this.options.policy);
		}
		return consent;
	}

	private classify(name: string): Classified {
		const known = this.classes.get(name);
		if (known !== undefined) return known;
		// a namespace prefix (`k:email`) does not change what an element means
		const lower = localName(name).toLowerCase();
		const kind: Classified =
			lower === COMMUNICATION ? 'communication' : (this.byName.get(lower) ?? null);
		this.classes.set(name, kind);
		return kind;
	}

	private readDate(
		text: string | undefined,
		field: KuferField,
		record: number,
	): number | undefined {
		if (!text) return undefined;
		const at = this.options.dates.readInstant(text);
		if (at !== undefined) return at;
		this.options.warn(
			`Record ${record}: the ${this.options.names[field][0] ?? field} "${text}" is not a date in the form dd.mm.yyyy and was left out.`,
		);
		return undefined;
	}

	/** Custom field values: `dd.mm.yyyy[ HH:MM[:SS]]` → ISO 8601, decimal comma → dot (kufer.md §3.3). */
	private convert(value: string, name: string, record: number): string | undefined {
		if (!this.options.convertValues || value === '') return value;
		const code = value.charCodeAt(0);
		// both formats start with a digit (or a minus); most values are words and leave here
		if (!((code >= 48 && code <= 57) || code === 45)) return value;
		if (DECIMAL_COMMA.test(value)) return value.replace(/\./g, '').replace(',', '.');
		const date = this.options.dates.read(value);
		if (date === undefined) return value;
		if (date === null) {
			this.options.warn(
				`Record ${record}: the date "${value}" in <${name}> is not a real date and was left out.`,
			);
			return undefined;
		}
		return this.options.dates.toIso(date);
	}
}

// "35,00", "-1.234,5": the decimal comma of KUFER's money values (kufer.md §1.5 a)
const DECIMAL_COMMA = /^-?\d{1,3}(?:\.\d{3})*,\d+$|^-?\d+,\d+$/;

function readGender(text: string): Gender | undefined {
	const letter = text.toUpperCase();
	if (Object.hasOwn(GENDER_LETTERS, letter)) return GENDER_LETTERS[letter];
	// a written-out word ("männlich", "Frau") is still clear; a single F is a company above
	const gender = genderFromSalutation(text);
	return gender === 'unknown' ? undefined : gender;
}

function localName(name: string): string {
	const colon = name.indexOf(':');
	return colon === -1 ? name : name.slice(colon + 1);
}

function readCommunication(element: XmlElement, candidates: string[]): void {
	for (const entry of element.children) {
		if (localName(entry.name).toLowerCase() !== COMMUNICATION_ENTRY) continue;
		let kind: string | undefined;
		let value: string | undefined;
		for (const part of entry.children) {
			const name = localName(part.name).toLowerCase();
			if (name === COMMUNICATION_KIND) kind = part.text.trim().toUpperCase();
			else if (name === COMMUNICATION_VALUE) value = part.text.trim();
		}
		if (kind === EMAIL_KIND && value) candidates.push(value);
	}
}

/** The first valid address of a record, and the other valid ones (kufer.md §7 #12). */
function pickEmail(candidates: readonly string[]): {
	chosen: string | undefined;
	others: string[];
} {
	let chosen: string | undefined;
	const keys = new Set<string>();
	const others: string[] = [];
	for (const candidate of candidates) {
		const key = normaliseEmailKey(candidate);
		if (keys.has(key) || findEmailProblem(key) !== undefined) continue;
		keys.add(key);
		if (chosen === undefined) chosen = candidate;
		else others.push(detach(candidate.trim()));
	}
	// no valid one: hand the first over so the reason names the bad value
	return { chosen: chosen ?? candidates[0], others };
}

/**
 * A copy that does not point into the decoded chunk it was cut from: V8 keeps a whole 64 KiB chunk
 * alive for any slice of 13 or more characters, and an export keeps a slice of nearly every chunk.
 * The JSON round trip is the cheapest way to a flat copy of exactly the text (a concatenation
 * followed by `slice` leaves a slice of the copy, 32 bytes more per value).
 */
export function detach(text: string): string {
	return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** Longest value shared through the pool; longer ones are rarely repeated. */
const POOL_MAX_LENGTH = 64;
/** Distinct values kept; later new values are only copied. */
const POOL_LIMIT = 50_000;

/** Repeated values (salutations, titles, first names, towns) are shared instead of copied per record. */
class StringPool {
	private readonly strings = new Map<string, string>();

	share(text: string | undefined): string | undefined {
		if (text === undefined || text === '') return undefined;
		if (text.length > POOL_MAX_LENGTH) return detach(text);
		const known = this.strings.get(text);
		if (known !== undefined) return known;
		const copy = detach(text);
		if (this.strings.size < POOL_LIMIT) this.strings.set(copy, copy);
		return copy;
	}
}

/** Normalised keys of the addresses a record names, valid or not, each once. */
function keysOf(candidates: readonly string[]): string[] {
	const keys: string[] = [];
	for (const candidate of candidates) {
		const key = normaliseEmailKey(candidate);
		if (key !== '' && !keys.includes(key)) keys.push(detach(key));
	}
	return keys;
}

// reasons quote the record's values: flat copies, so 10,000 invalid records keep no chunk alive
function invalid(
	reason: string,
	email: string | undefined,
	externalId: string | undefined,
	consent: ConsentInput,
	keys: readonly string[],
): InvalidRecord {
	return {
		ok: false,
		reason: detach(reason),
		email: detachOptional(email),
		externalId: detachOptional(externalId),
		consent,
		keys,
	};
}

function detachOptional(text: string | undefined): string | undefined {
	return text === undefined || text === '' ? undefined : detach(text);
}
