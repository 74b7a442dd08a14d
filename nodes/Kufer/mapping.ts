import {
	mergeConsent,
	type ConsentInput,
	type ConsentOrigin,
	type ConsentPolicy,
	type ConsentStatus,
} from '../shared/consent';
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
	return {
		system: 'KUFER',
		record: detach(addressNumber === undefined ? `record ${record}` : `address ${addressNumber}`),
	};
}

/** The KUFER letter for a neutral status, for messages and the item's source info. */
export function describeStatus(raw: string): string {
	return raw === '' ? 'empty' : raw;
}

/** Maps the names of a parameter ("name, nachname") onto lower-cased element names. */
export function readNameList(text: string): string[] {
	return splitNameList(text).map((name) => name.toLowerCase());
}

/** Where a field's value waits while a record is read; the e-mail and status fields collect lists. */
const SLOTS: Readonly<Record<Exclude<KuferField, 'email' | 'status'>, number>> = {
	id: 0,
	salutation: 1,
	gender: 2,
	title: 3,
	firstName: 4,
	lastName: 5,
	statusDate: 6,
	changed: 7,
};
const SLOT_COUNT = 8;

interface FieldName {
	readonly field: KuferField;
	readonly rank: number;
	/** Position in the record's values; -1 for the e-mail and status fields. */
	readonly slot: number;
}

type Classified = FieldName | 'communication' | null;

/**
 * Maps one record element to a contact. Mapped elements become the contact's standard fields and
 * consent; every other leaf element is kept as a custom field under its own name.
 */
export class RecordMapper {
	// element names repeat in every record: classify each spelling once
	private readonly classes = new Map<string, Classified>();
	private readonly byName = new Map<string, FieldName>();
	private readonly pool = new StringPool();
	/** The current record's value per slot, and the rank of the name it came from. */
	private readonly values: Array<string | undefined> = new Array<undefined>(SLOT_COUNT);
	private readonly ranks: number[] = new Array<number>(SLOT_COUNT).fill(0);

	constructor(private readonly options: MappingOptions) {
		for (const field of Object.keys(options.names) as KuferField[]) {
			const slot = field === 'email' || field === 'status' ? -1 : SLOTS[field];
			options.names[field].forEach((name, rank) => {
				if (!this.byName.has(name)) this.byName.set(name, { field, rank, slot });
			});
		}
	}

	map(element: XmlElement, record: number): MappedRecord | InvalidRecord {
		const values = this.values;
		const ranks = this.ranks;
		values.fill(undefined);
		const fields: Record<string, string> = {};
		// most records have one e-mail and one status element: lists only for more
		let email: string | undefined;
		let emailRank = 0;
		let moreEmails: Array<{ rank: number; text: string }> | undefined;
		let status: string | undefined;
		let moreStatuses: string[] | undefined;
		let fromCommunication: string[] | undefined;
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
				readCommunication(child, (fromCommunication ??= []));
			} else if (kind === null) {
				if (child.children.length === 0 && !Object.hasOwn(fields, child.name)) {
					const value = this.pool.share(this.convert(child.text.trim(), child.name, record));
					if (value !== undefined) fields[child.name] = value;
				}
			} else if (kind.slot !== -1) {
				const slot = kind.slot;
				if (values[slot] === undefined || kind.rank < ranks[slot]) {
					values[slot] = child.text.trim();
					ranks[slot] = kind.rank;
				}
			} else if (kind.field === 'email') {
				if (email === undefined) {
					email = child.text;
					emailRank = kind.rank;
				} else {
					(moreEmails ??= [{ rank: emailRank, text: email }]).push({
						rank: kind.rank,
						text: child.text,
					});
				}
			} else if (status === undefined) {
				status = child.text;
			} else {
				// every status element counts: the most restrictive one decides
				(moreStatuses ??= [status]).push(child.text);
			}
		}
		const candidates = emailCandidates(email, moreEmails);
		if (fromCommunication !== undefined) {
			for (const value of fromCommunication) candidates.push(value);
		}
		const externalId = values[SLOTS.id] || undefined;
		const statusAt = this.readDate(values[SLOTS.statusDate], 'statusDate', record);
		const changedAt = this.readDate(values[SLOTS.changed], 'changed', record);
		const consent =
			moreStatuses === undefined
				? consentFromStatus(status, statusAt)
				: this.readConsent(moreStatuses, statusAt);
		consent.origin = originOf(externalId, record);

		const others: string[] = [];
		const chosen = pickEmail(candidates, others);
		if (badReference !== undefined) {
			return invalid(badReference, chosen?.trim(), externalId, consent, keysOf(candidates));
		}
		const built = buildContact({
			email: chosen,
			externalId: detachOptional(externalId),
			salutation: this.pool.share(values[SLOTS.salutation]),
			title: this.pool.share(values[SLOTS.title]),
			firstName: this.pool.share(values[SLOTS.firstName]),
			lastName: this.pool.share(values[SLOTS.lastName]),
			fields,
		});
		if (!built.ok) {
			return invalid(built.detail, built.email, externalId, consent, keysOf(candidates));
		}
		const contact = built.contact;
		const address = detach(contact.email);
		contact.key = contact.key === contact.email ? address : detach(contact.key);
		contact.email = address;

		const genderText = values[SLOTS.gender];
		if (genderText) {
			const gender = readGender(genderText);
			if (gender !== undefined) {
				// Geschlecht is more precise than the salutation; F (a company) clears it
				contact.gender = gender;
			} else if (this.options.rejectInvalidGender) {
				return invalid(
					`The gender "${genderText}" is not M, W, F or D`,
					contact.email,
					externalId,
					consent,
					keysOf(candidates),
				);
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
			otherEmails: others,
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
		const at = this.options.dates.instantOf(text);
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

/** The addresses of the e-mail elements, the earlier name first, each in document order. */
function emailCandidates(
	first: string | undefined,
	more: Array<{ rank: number; text: string }> | undefined,
): string[] {
	if (more === undefined) return first === undefined ? [] : splitEmails(first);
	// Array.prototype.sort is stable: among equal names the document order stays
	more.sort((a, b) => a.rank - b.rank);
	const candidates: string[] = [];
	for (const email of more) {
		for (const value of splitEmails(email.text)) candidates.push(value);
	}
	return candidates;
}

/**
 * The first valid address of a record; the other valid ones go to `others` (kufer.md §7 #12).
 * With no valid one, the first is handed over, so the reason names the bad value.
 */
function pickEmail(candidates: readonly string[], others: string[]): string | undefined {
	// one address is the chosen one, valid or not
	if (candidates.length < 2) return candidates[0];
	let chosen: string | undefined;
	const keys = new Set<string>();
	for (const candidate of candidates) {
		const key = normaliseEmailKey(candidate);
		if (keys.has(key) || findEmailProblem(key) !== undefined) continue;
		keys.add(key);
		if (chosen === undefined) chosen = candidate;
		else others.push(detach(candidate.trim()));
	}
	return chosen ?? candidates[0];
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
