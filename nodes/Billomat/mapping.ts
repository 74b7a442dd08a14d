import { createHash } from 'node:crypto';

import { splitEmails, type ContactInput } from '../shared/contact';
import type { ConsentInput } from '../shared/consent';
import { isRecord } from '../shared/values';

export type BillomatRecord = Record<string, unknown>;

export interface BillomatList {
	items: BillomatRecord[];
	/** `@page`, `@per_page`, `@total`; `undefined` when the answer did not carry them. */
	page?: number;
	perPage?: number;
	total?: number;
}

// billomat.md §6 and §7.3: every scalar is a string; these fields are read as what they mean.
const BOOLEAN_FIELDS: ReadonlySet<string> = new Set([
	'archived',
	'dig_exclude',
	'enable_customerportal',
	'facturx_fields_enabled',
]);
const NUMBER_FIELDS: ReadonlySet<string> = new Set([
	'number',
	'number_length',
	'revenue_gross',
	'revenue_net',
	'reduction',
	'discount_rate',
	'discount_days',
	'due_days',
	'reminder_due_days',
	'offer_validity_days',
	'count',
]);
const DATE_FIELDS: ReadonlySet<string> = new Set(['created', 'updated', 'sepa_mandate_date']);
// Nested collections known to arrive as "" when empty (billomat.md §6.4, §7.3).
const NESTED_FIELDS: ReadonlySet<string> = new Set(['client-property-values']);
// billomat.md §6.6: "0001-01-01T00:00:00+01:00" means "not set".
const UNSET_DATE = /^0001-01-01/;
const NUMERIC = /^-?\d+(?:\.\d+)?$/;

/**
 * A collection in any of Billomat's forms as an array: a list, one item given as an object, or
 * nothing (`""`, `null`, missing) (billomat.md §6.2–6.3).
 */
export function toArray(value: unknown): BillomatRecord[] {
	if (Array.isArray(value)) return value.filter(isRecord);
	return isRecord(value) ? [value] : [];
}

function readCount(value: unknown): number | undefined {
	const count = typeof value === 'string' || typeof value === 'number' ? Number(value) : NaN;
	return Number.isInteger(count) && count >= 0 ? count : undefined;
}

/**
 * Reads a list answer such as `{"clients": {"client": […], "@page": "1", "@per_page": "100",
 * "@total": "2"}}`, also when the list is `""`, the item key is missing, or one item comes as an
 * object (billomat.md §5, §6). Of several item keys the first one present is read.
 */
export function readList(
	body: unknown,
	listKey: string,
	itemKeys: string | readonly string[],
): BillomatList {
	const wrapper = isRecord(body) ? body[listKey] : undefined;
	if (!isRecord(wrapper)) return { items: [] };
	const itemKey = (typeof itemKeys === 'string' ? [itemKeys] : itemKeys).find(
		(key) => wrapper[key] !== undefined,
	);
	return {
		items: itemKey === undefined ? [] : toArray(wrapper[itemKey]),
		page: readCount(wrapper['@page']),
		perPage: readCount(wrapper['@per_page']),
		total: readCount(wrapper['@total']),
	};
}

/** The object of a single answer such as `{"client": {…}}`; `undefined` when there is none. */
export function readItem(body: unknown, itemKey: string): BillomatRecord | undefined {
	const item = isRecord(body) ? body[itemKey] : undefined;
	return isRecord(item) ? item : undefined;
}

function normaliseValue(name: string, value: unknown): unknown {
	if (NESTED_FIELDS.has(name) && (value === '' || value === null)) return [];
	if (isRecord(value)) {
		// a nested collection: {"client-property-value": {…} | […]}
		const keys = Object.keys(value).filter((key) => !key.startsWith('@'));
		if (keys.length === 1) return toArray(value[keys[0]]).map(normaliseRecord);
		return normaliseRecord(value);
	}
	if (typeof value !== 'string') return value;
	if (BOOLEAN_FIELDS.has(name)) return value === '' ? null : value === '1';
	if (NUMBER_FIELDS.has(name)) {
		if (value === '') return null;
		return NUMERIC.test(value) ? Number(value) : value;
	}
	if (DATE_FIELDS.has(name)) return value === '' || UNSET_DATE.test(value) ? null : value;
	return value;
}

/**
 * One record with Billomat's string encoding undone where the meaning is known: flags become
 * booleans, amounts and counts numbers, unset dates `null`, nested collections arrays. IDs stay
 * strings; unknown fields pass through unchanged.
 */
export function normaliseRecord(record: BillomatRecord): BillomatRecord {
	const result: BillomatRecord = {};
	for (const [name, value] of Object.entries(record)) result[name] = normaliseValue(name, value);
	return result;
}

/** A record's text field, trimmed; `undefined` when empty or not text. */
export function readText(record: BillomatRecord, name: string): string | undefined {
	const value = record[name];
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	return text === '' ? undefined : text;
}

/** Billomat writes booleans as `1` / `0` (billomat.md §2). */
export function toBillomatValue(value: unknown): string {
	if (typeof value === 'boolean') return value ? '1' : '0';
	if (value === undefined || value === null) return '';
	return String(value);
}

/** A write body `{"<root>": {…}}` with every value in Billomat's string form. */
export function toWriteBody(root: string, fields: Record<string, unknown>): Record<string, Record<string, string>> {
	const body: Record<string, string> = {};
	for (const [name, value] of Object.entries(fields)) {
		if (value !== undefined) body[name] = toBillomatValue(value);
	}
	return { [root]: body };
}

/**
 * The text of a Billomat error answer: `{"errors": {"error": "…" | ["…", …]}}` or
 * `<errors><error>…</error></errors>` (billomat.md §11).
 */
export function readBillomatError(body: unknown): string | undefined {
	let messages: string[] = [];
	if (isRecord(body) && isRecord(body.errors)) {
		const error = body.errors.error;
		messages = (Array.isArray(error) ? error : [error]).filter((text): text is string => typeof text === 'string');
	} else if (typeof body === 'string') {
		messages = [...body.matchAll(/<error>([\s\S]*?)<\/error>/g)].map((match) => decodeXmlText(match[1]));
	}
	const text = messages.map((message) => message.trim()).filter((message) => message !== '').join('; ');
	return text === '' ? undefined : text.slice(0, 300);
}

function decodeXmlText(text: string): string {
	return text
		.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');
}

// Academic titles that German salutations carry ("Herr Dr.", "Frau Prof. Dr.").
const TITLE_WORDS: ReadonlySet<string> = new Set([
	'prof',
	'dr',
	'dipl',
	'mag',
	'ing',
	'med',
	'dent',
	'vet',
	'rer',
	'nat',
	'phil',
	'jur',
	'oec',
	'pol',
	'habil',
	'h',
	'c',
]);

function isTitleWord(token: string): boolean {
	const parts = token.toLowerCase().split(/[.-]/).filter((part) => part !== '');
	return parts.length > 0 && token.includes('.') && parts.every((part) => TITLE_WORDS.has(part));
}

/** Splits "Herr Dr." into salutation "Herr" and title "Dr."; either may be missing. */
export function splitSalutation(value: string | undefined): { salutation?: string; title?: string } {
	if (value === undefined) return {};
	const words: string[] = [];
	const titles: string[] = [];
	for (const token of value.split(/\s+/)) {
		if (token === '') continue;
		(isTitleWord(token) ? titles : words).push(token);
	}
	const result: { salutation?: string; title?: string } = {};
	if (words.length > 0) result.salutation = words.join(' ');
	if (titles.length > 0) result.title = titles.join(' ');
	return result;
}

/** Client fields a newsletter import reads; also what the trigger's fingerprint covers. */
export const NEWSLETTER_FIELDS = [
	'id',
	'email',
	'salutation',
	'title',
	'first_name',
	'last_name',
	'name',
	'street',
	'zip',
	'city',
	'state',
	'country_code',
	'client_number',
	'customfield',
	'archived',
] as const;

/** The part of a client an import keeps while the rest of the scan runs (100,000 clients fit). */
export type ClientSummary = Partial<Record<(typeof NEWSLETTER_FIELDS)[number], string>> & {
	id: string;
	/** Values of client properties embedded in the answer, by property name. */
	properties?: Record<string, string>;
};

/** Keeps the newsletter fields of a raw client and any embedded property values. */
export function summariseClient(client: BillomatRecord): ClientSummary {
	const summary: ClientSummary = { id: readText(client, 'id') ?? '' };
	for (const name of NEWSLETTER_FIELDS) {
		const value = readText(client, name);
		if (value !== undefined) summary[name] = value;
	}
	// embedded values (billomat.md §16 #7) spare the requests per property; "" means "none"
	if (Object.hasOwn(client, 'client-property-values')) {
		const embedded = client['client-property-values'];
		summary.properties = readPropertyValues(isRecord(embedded) ? toArray(embedded['client-property-value']) : []);
	}
	return summary;
}

/** Property values by property name (billomat.md §8: items carry `name` and `value`). */
export function readPropertyValues(values: readonly BillomatRecord[]): Record<string, string> {
	const result: Record<string, string> = {};
	for (const value of values) {
		const name = readText(value, 'name');
		if (name !== undefined) result[name] = readText(value, 'value') ?? '';
	}
	return result;
}

/** A SHA-256 digest of the newsletter fields, short enough to keep one per client in static data. */
export function fingerprintClient(client: BillomatRecord): string {
	const values = NEWSLETTER_FIELDS.map((name) => readText(client, name) ?? '');
	return createHash('sha256').update(JSON.stringify(values)).digest('base64url').slice(0, 16);
}

export type ConsentSource = 'all' | 'tag' | 'property';

export interface ConsentRule {
	source: ConsentSource;
	/** Tag that means "may receive the newsletter" (source `tag`). */
	tag: string;
	/** Property name and the value that means consent (source `property`). */
	property: string;
	propertyValue: string;
	/** Tag that means "opted out"; empty to ignore. */
	optOutTag: string;
}

function sameText(a: string | undefined, b: string): boolean {
	return a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The neutral consent of one client under the user's rule. An opt-out tag always wins; anything
 * the rule does not recognise as consent is `none`, which the core skips. Tags and properties carry
 * no date, so neither does the consent; its origin is the client (`id`), also for its contact persons.
 */
export function consentOfClient(
	rule: ConsentRule,
	client: { id?: string; tags: readonly string[]; properties: Record<string, string> },
): ConsentInput {
	const consent = decideClientConsent(rule, client);
	if (client.id !== undefined) consent.origin = { system: 'Billomat', record: `client ${client.id}` };
	return consent;
}

function decideClientConsent(
	rule: ConsentRule,
	client: { tags: readonly string[]; properties: Record<string, string> },
): ConsentInput {
	if (rule.optOutTag !== '' && client.tags.some((tag) => sameText(tag, rule.optOutTag))) {
		return { status: 'optOut', raw: `tag "${rule.optOutTag}"` };
	}
	if (rule.source === 'all') return { status: 'relationship', raw: 'Billomat client' };
	if (rule.source === 'tag') {
		return client.tags.some((tag) => sameText(tag, rule.tag))
			? { status: 'optIn', raw: `tag "${rule.tag}"` }
			: { status: 'none' };
	}
	const value = client.properties[rule.property];
	return sameText(value, rule.propertyValue)
		? { status: 'optIn', raw: `property "${rule.property}"` }
		: { status: 'none' };
}

export interface ContactSource {
	client: ClientSummary;
	tags: readonly string[];
	properties: Record<string, string>;
	/** A contact person of the client (billomat.md §10); absent for the client itself. */
	person?: BillomatRecord;
}

/**
 * The canonical contact inputs of a client or one of its contact persons, one per address in the
 * email field. Names and address come from the person when it has them, else from the client.
 */
export function toContactInputs(source: ContactSource): ContactInput[] {
	const { client, person } = source;
	const own = (name: (typeof NEWSLETTER_FIELDS)[number]): string | undefined =>
		person === undefined ? client[name] : readText(person, name);
	const { salutation, title } = splitSalutation(own('salutation'));
	const fields: Record<string, string> = { ...source.properties };
	const put = (name: string, value: string | undefined) => {
		if (value !== undefined) fields[name] = value;
	};
	const hasOwnAddress =
		person !== undefined && (['street', 'zip', 'city'] as const).some((name) => own(name) !== undefined);
	const address = (name: 'street' | 'zip' | 'city' | 'state' | 'country_code') =>
		hasOwnAddress ? own(name) : client[name];
	put('address', address('street'));
	put('zip', address('zip'));
	put('city', address('city'));
	put('state', address('state'));
	put('country', address('country_code'));
	put('clientNumber', client.client_number);
	put('customfield', client.customfield);
	const personId = person === undefined ? undefined : readText(person, 'id');
	const base: ContactInput = {
		externalId: personId === undefined ? client.id : `${client.id}-${personId}`,
		salutation,
		title: own('title') ?? title,
		firstName: own('first_name'),
		lastName: own('last_name'),
		organization: person === undefined ? client.name : (readText(person, 'name') ?? client.name),
		fields,
		tags: [...source.tags],
	};
	const emails = splitEmails(own('email') ?? '');
	if (emails.length > 0) return emails.map((email) => ({ ...base, email }));
	// a client without an address is reported as invalid; a person without one is simply no recipient
	return person === undefined ? [{ ...base, email: undefined }] : [];
}
