import type { ConsentInput, ConsentOrigin, ConsentStatus } from '../shared/consent';
import type { ContactInput } from '../shared/contact';
import { xmlElement, type XmlMarkup } from '../shared/xml/build';
import {
	childElement,
	childElements,
	detach,
	setOwnProperty,
	type XmlElement,
} from '../shared/xml/element';
import { parseDirectoDate, parseRecordTs, toInstant } from './time';

export type DirectoComponent = 'customer' | 'contact';

export interface Datafield {
	content: string;
	param: string;
}

/** A customer or contact as the nodes output it: Directo's attributes as written, plus its datafields by code. */
export interface DirectoRecord {
	code: string;
	ts?: string;
	closed?: string;
	datafields: Record<string, Datafield>;
	[attribute: string]: string | Record<string, Datafield> | undefined;
}

// Attributes whose values repeat across cards (country, city, class, …): one shared copy per value
// keeps a run of 100,000 cards small. Unique values (names, addresses, codes) are not pooled.
const POOLED_ATTRIBUTES = new Set([
	'address2',
	'address3',
	'class',
	'closed',
	'country',
	'county',
	'currency',
	'payterm',
	'salesman',
	'vatregion',
	'customercode',
	'sex',
]);
const POOL_SIZE = 20_000;
const pool = new Map<string, string>();

function pooled(value: string): string {
	const known = pool.get(value);
	if (known !== undefined) return known;
	const copy = detach(value);
	if (pool.size >= POOL_SIZE) pool.clear();
	pool.set(copy, copy);
	return copy;
}

/**
 * Reads one `<customer>` or `<contact>`: its attributes, and its `<datafields><data code content
 * param/></datafields>` (directo.md §4.2). A repeated datafield code keeps its first entry. Values
 * are detached from the document's text, so a kept record does not keep its chunk alive.
 */
export function readRecord(element: XmlElement): DirectoRecord {
	const record: DirectoRecord = { code: '', datafields: {} };
	for (const [name, value] of Object.entries(element.attributes)) {
		// a hostile "__proto__" attribute must not become the prototype
		if (name === 'datafields' || name === '__proto__') continue;
		record[name] = POOLED_ATTRIBUTES.has(name) ? pooled(value) : detach(value);
	}
	record.code = detach(element.attributes.code ?? '');
	const container = childElement(element, 'datafields');
	for (const data of container ? childElements(container, 'data') : []) {
		const code = (data.attributes.code ?? '').trim();
		if (code === '' || Object.hasOwn(record.datafields, code)) continue;
		record.datafields[code] = {
			content: pooled(data.attributes.content ?? ''),
			param: pooled(data.attributes.param ?? ''),
		};
	}
	return record;
}

export function attribute(record: DirectoRecord, name: string): string {
	const value = record[name];
	return typeof value === 'string' ? value.trim() : '';
}

/** `closed="1"` is how a card goes inactive (§3, §10). */
export function isClosed(record: DirectoRecord): boolean {
	return attribute(record, 'closed') === '1';
}

/** Whether the record's class is one of `classes` (case-insensitive); an empty list matches all. */
export function hasClass(record: DirectoRecord, classes: readonly string[]): boolean {
	if (classes.length === 0) return true;
	const own = attribute(record, 'class').toLowerCase();
	return classes.some((name) => name.toLowerCase() === own);
}

// Words Directo users put into a yes/no datafield; Estonian `jah`/`ei` besides English (seed 002).
const YES = new Set(['yes', 'y', 'jah', 'ja', 'true', '1']);
const NO = new Set(['no', 'n', 'ei', 'nein', 'false', '0']);

export type MissingConsent = 'none' | 'relationship';

export interface ConsentMapping {
	/** What the cards are: the consent's origin names the card as "customer C001" or "contact 12". */
	readonly component: DirectoComponent;
	/** Code of the yes/no datafield. */
	readonly datafield: string;
	/** Status of a record without that datafield (or with an empty one). */
	readonly whenMissing: MissingConsent;
	readonly timeZone: string;
}

/**
 * The `OPTIN` datafield as neutral consent (seed 002: content yes/no, its date in the parameter):
 * yes = opt-in at that date, no = opt-out, empty or missing = the configured default, anything else
 * unknown (the core then skips it, naming the value).
 */
export function readOptIn(record: DirectoRecord, mapping: ConsentMapping): ConsentInput {
	return { ...readOptInStatus(record, mapping), origin: originOf(record, mapping) };
}

function originOf(record: DirectoRecord, mapping: ConsentMapping): ConsentOrigin {
	return { system: 'Directo', record: `${mapping.component} ${record.code}` };
}

function readOptInStatus(record: DirectoRecord, mapping: ConsentMapping): ConsentInput {
	const field = record.datafields[mapping.datafield];
	const content = field?.content.trim() ?? '';
	if (content === '') return { status: mapping.whenMissing };
	const word = content.toLowerCase();
	const status: ConsentStatus = YES.has(word) ? 'optIn' : NO.has(word) ? 'optOut' : 'unknown';
	const input: ConsentInput = { status, raw: `${mapping.datafield}=${content}` };
	const date = parseDirectoDate(field?.param);
	const at = date === undefined ? undefined : toInstant(date, mapping.timeZone);
	if (at !== undefined) input.at = at;
	return input;
}

const CONSENT_CACHE_SIZE = 10_000;

/**
 * `readOptIn` for a whole run: cards with the same content and date share the status, date and
 * raw text, as a customer base repeats a few thousand opt-in dates; each card adds its own origin.
 */
export function createOptInReader(
	mapping: ConsentMapping,
): (record: DirectoRecord) => ConsentInput {
	const cache = new Map<string, ConsentInput>();
	return (record) => {
		const field = record.datafields[mapping.datafield];
		const key = field === undefined ? '' : `${field.content}\u0000${field.param}`;
		let known = cache.get(key);
		if (known === undefined) {
			known = Object.freeze(readOptInStatus(record, mapping));
			if (cache.size >= CONSENT_CACHE_SIZE) cache.clear();
			cache.set(key, known);
		}
		return { ...known, origin: originOf(record, mapping) };
	};
}

export type NameMapping = 'organization' | 'person';

export interface ContactMapping {
	/** What a customer's `name` is: the company (the representative becomes the person), or the person. */
	readonly customerName: NameMapping;
	/** Field names for `address1..3`, whose meaning depends on the database (§10). */
	readonly addressFields: readonly [string, string, string];
	/** Whether the customer class becomes a tag. */
	readonly classAsTag: boolean;
	/** Datafield codes whose content becomes a tag. */
	readonly tagDatafields: readonly string[];
	/** Further attributes copied into `fields` under their own name. */
	readonly extraAttributes: readonly string[];
	/** The consent datafield: it becomes the consent decision, not a field. */
	readonly consentDatafield: string;
}

// Kept small on purpose: every field is held once per contact of a run; more via "Extra Attributes".
const CUSTOMER_FIELDS = ['country'];
const CONTACT_FIELDS = ['customercode'];
const ADDRESS_ATTRIBUTES = ['address1', 'address2', 'address3'];

/** "Mari Mets" → first name "Mari", last name "Mets"; one word is a last name. */
export function splitPersonName(name: string): { firstName?: string; lastName?: string } {
	const words = name
		.trim()
		.split(/\s+/)
		.filter((word) => word !== '');
	if (words.length === 0) return {};
	if (words.length === 1) return { lastName: words[0] };
	return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] };
}

function copyFields(
	record: DirectoRecord,
	names: readonly string[],
	fields: Record<string, string>,
): void {
	for (const name of names) {
		const value = attribute(record, name);
		if (value !== '') setOwnProperty(fields, name, value);
	}
}

function readFieldsAndTags(record: DirectoRecord, mapping: ContactMapping, own: readonly string[]) {
	const fields: Record<string, string> = {};
	copyFields(record, own, fields);
	ADDRESS_ATTRIBUTES.forEach((name, index) => {
		const value = attribute(record, name);
		const target = mapping.addressFields[index];
		if (value !== '' && target !== '') setOwnProperty(fields, target, value);
	});
	copyFields(record, mapping.extraAttributes, fields);
	for (const [code, field] of Object.entries(record.datafields)) {
		if (code !== mapping.consentDatafield && field.content.trim() !== '') {
			setOwnProperty(fields, code, field.content.trim());
		}
	}
	const tags: string[] = [];
	const recordClass = attribute(record, 'class');
	if (mapping.classAsTag && recordClass !== '') tags.push(recordClass);
	for (const code of mapping.tagDatafields) {
		const content = record.datafields[code]?.content.trim() ?? '';
		if (content !== '') tags.push(content);
	}
	return { fields, tags };
}

/** A customer card as contact input for one address of its email field. */
export function customerToContact(
	record: DirectoRecord,
	email: string,
	mapping: ContactMapping,
): ContactInput {
	const { fields, tags } = readFieldsAndTags(record, mapping, CUSTOMER_FIELDS);
	const name = attribute(record, 'name');
	const person =
		mapping.customerName === 'person'
			? splitPersonName(name)
			: splitPersonName(attribute(record, 'contact'));
	return {
		email,
		externalId: record.code,
		organization: mapping.customerName === 'organization' && name !== '' ? name : undefined,
		firstName: person.firstName,
		lastName: person.lastName,
		fields,
		tags,
	};
}

/** Contacts carry first and last name and `sex` (1 female, 0 male) (§5). */
export function contactToContact(
	record: DirectoRecord,
	email: string,
	mapping: ContactMapping,
): ContactInput {
	const { fields, tags } = readFieldsAndTags(record, mapping, CONTACT_FIELDS);
	const fallback = splitPersonName(attribute(record, 'name'));
	const sex = attribute(record, 'sex');
	return {
		email,
		externalId: record.code,
		firstName: attribute(record, 'firstname') || fallback.firstName,
		lastName: attribute(record, 'lastname') || fallback.lastName,
		gender: sex === '1' ? 'f' : sex === '0' ? 'm' : undefined,
		fields,
		tags,
	};
}

/** Whether `ts` of the record is at or after `since` (both Directo wall time). */
export function isChangedSince(record: DirectoRecord, since: number | undefined): boolean {
	if (since === undefined) return true;
	const ts = parseRecordTs(record.ts);
	return ts !== undefined && ts >= since;
}

/**
 * Customer attributes that both the write schema (`xml_IN_kliendid.xsd`) and the read schema
 * (`ws_kliendid.xsd`) have; copies of both are in github 5dvision/directo `resources/xsd/`. The read
 * shows every one of them, so one missing from a read card is empty.
 */
const READ_AND_WRITE_ATTRIBUTES = [
	'name',
	'object',
	'address1',
	'address2',
	'address3',
	'deliveryaddress1',
	'deliveryaddress2',
	'deliveryaddress3',
	'county',
	'country',
	'contact',
	'phone',
	'email',
	'regno',
	'vatregno',
	'loyaltycard',
	'class',
	'comment',
	'payterm',
	'priceformula',
	'specialpriceformula',
	'discount',
	'creditlimit',
	'deliveryinvoice',
	'salesman',
	'currency',
	'closed',
];

/**
 * Attributes only the write schema `xml_IN_kliendid.xsd` has: XML Direct's customer read does not
 * return them, so a card read there cannot carry them back (`session_id` is Directo's own and never
 * sent; `vatzone` is read as `vatregion`).
 */
const WRITE_ONLY_ATTRIBUTES: readonly string[] = [
	'notice',
	'birthday',
	'gender',
	'type',
	'deliveryname',
	'deliverymode',
	'alert',
	'factoring',
	'fax',
	'language',
	'bank',
	'bankaccount',
	'url',
	'status',
	'accountmanager',
	'dealtype',
	'destination',
	'firstname',
	'lastname',
	'vatcode',
	'extcode',
	'deliveryterm',
	'rikeinvoice',
];

export interface DatafieldWrite {
	/** The `xmldata` to send with `xd_update=1`. */
	readonly xml: string;
	/** Write-schema attributes the read does not return, which the write therefore clears. */
	readonly unread: readonly string[];
}

/** The write-only attributes a read returned on any of its cards: its interface shows them. */
export function collectReturnedAttributes(record: DirectoRecord, returned: Set<string>): void {
	for (const name of WRITE_ONLY_ATTRIBUTES) if (record[name] !== undefined) returned.add(name);
}

/**
 * The write of one datafield. Directo changes a datafield only by replacing the whole card
 * (`xd_update=1`: "post the whole document (it is overwritten)"; the partial `xd_customer_update=1`
 * covers only name, email and phone; wiki en/xml_direct/alustamine/tehnilised_nouded). So the card
 * goes back with every write-schema attribute the read returned and every datafield, and `unread`
 * names what the read's interface (`returned`) does not show at all; the output's
 * `vatregion` is the input's `vatzone`, and computed values such as `balance` are left out.
 */
export function datafieldWrite(
	record: DirectoRecord,
	change: { code: string; content: string; param: string },
	returned: ReadonlySet<string>,
): DatafieldWrite {
	const attributes: Record<string, string> = { code: record.code };
	for (const name of [...READ_AND_WRITE_ATTRIBUTES, ...WRITE_ONLY_ATTRIBUTES]) {
		const value = record[name];
		if (typeof value === 'string') attributes[name] = value;
	}
	// an attribute the interface returns on other cards is empty where a card lacks it
	const unread = WRITE_ONLY_ATTRIBUTES.filter((name) => !returned.has(name));
	const vatRegion = record.vatregion;
	if (typeof vatRegion === 'string') attributes.vatzone = vatRegion;
	const datafields: Record<string, Datafield> = { ...record.datafields, [change.code]: change };
	const data: XmlMarkup[] = Object.entries(datafields).map(([code, field]) =>
		xmlElement('data', '', { code, content: field.content, param: field.param }),
	);
	const xml = xmlElement('customers', [
		xmlElement('customer', [xmlElement('datafields', data)], attributes),
	]);
	return { xml, unread };
}

export interface WriteResult {
	type: string;
	desc: string;
	code?: string;
}

// Result types of a write (directo.md §6); 0 and 30 mean the card was written.
const RESULT_TYPES: Readonly<Record<string, string>> = {
	'0': 'OK',
	'5': 'unauthorized',
	'8': 'invalid XML',
	'9': 'import error',
	'11': 'duplicate',
	'12': 'missing identifier',
	'13': 'missing customer code or registry code',
	'14': 'update not allowed',
	'17': 'insert failed',
	'30': 'created or updated (linked)',
	'99': 'no processable XML',
};

export function isWriteSuccess(result: WriteResult): boolean {
	return result.type === '0' || result.type === '30';
}

export function describeResultType(type: string): string {
	return RESULT_TYPES[type] ?? `result type ${type}`;
}

/** The `<Result Type Desc …/>` entries of a write answer. */
export function readWriteResults(root: XmlElement): WriteResult[] {
	const entries =
		root.name.toLowerCase() === 'result' ? [root] : childElements(root, 'Result', 'result');
	return entries.map((entry) => {
		const read = (name: string): string | undefined =>
			entry.attributes[name] ?? entry.attributes[name.toLowerCase()];
		const result: WriteResult = {
			type: (read('Type') ?? '').trim(),
			desc: (read('Desc') ?? '').trim(),
		};
		const docid = read('docid');
		if (docid !== undefined) result.code = docid;
		return result;
	});
}
