import type { Contact, Gender } from '../shared/contact';
import type { ConsentDecision, ConsentStatus } from '../shared/consent';
import { escapeXml } from '../shared/xml/build';
import { childElement, childElements, childText, type XmlElement } from '../shared/xml/element';
import { parseXmlDocument } from '../shared/xml/parse';
import { isRecord } from '../shared/values';

/** Permission codes of maileon.md §4.1. */
export const PERMISSIONS = {
	none: 1,
	soi: 2,
	coi: 3,
	doi: 4,
	doiPlus: 5,
	other: 6,
} as const;
export type PermissionName = keyof typeof PERMISSIONS;

const PERMISSION_NAMES: Record<number, string> = {
	1: 'none',
	2: 'soi',
	3: 'coi',
	4: 'doi',
	5: 'doi+',
	6: 'other',
};

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

/** Which Maileon permission a neutral consent status earns when the user picks "by consent". */
export function permissionForConsent(
	status: ConsentStatus | undefined,
	optInPermission: PermissionName,
): number {
	return status === 'optIn' ? PERMISSIONS[optInPermission] : PERMISSIONS.other;
}

/** Maileon takes m, f and (per its current docs, uncertain for bulk sync) d; anything else is left out. */
export function toMaileonGender(gender: Gender, allowDiverse: boolean): string | undefined {
	if (gender === 'm' || gender === 'f') return gender;
	if (gender === 'd' && allowDiverse) return 'd';
	return undefined;
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

function fieldsXml(tag: string, fields: Record<string, string>): string {
	let xml = '';
	for (const [name, value] of Object.entries(fields)) {
		xml += `<field><name>${escapeXml(name)}</name><value>${escapeXml(value)}</value></field>`;
	}
	return xml === '' ? '' : `<${tag}>${xml}</${tag}>`;
}

/** One `<contact>` of a bulk sync body (maileon.md §5.2). */
export function contactXml(
	contact: Pick<Contact, 'email' | 'externalId'>,
	fields: MaileonFields,
): string {
	const externalId =
		contact.externalId !== undefined && contact.externalId !== ''
			? `<external_id>${escapeXml(contact.externalId)}</external_id>`
			: '';
	return `<contact><email>${escapeXml(contact.email)}</email>${externalId}${fieldsXml(
		'standard_fields',
		fields.standard,
	)}${fieldsXml('custom_fields', fields.custom)}</contact>`;
}

export function contactsXml(contacts: readonly string[]): string {
	return `<?xml version="1.0" encoding="UTF-8"?><contacts>${contacts.join('')}</contacts>`;
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

function toInt(value: string | undefined): number {
	const parsed = Number.parseInt(value ?? '', 10);
	return Number.isFinite(parsed) ? parsed : 0;
}

function asText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (body instanceof Uint8Array) return new TextDecoder().decode(body);
	return '';
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

const MAX_ERROR_TEXT = 300;

/** The message of a Maileon error body (`<error><message>…</message></error>` or JSON), shortened. */
export function readMaileonError(body: unknown): string | undefined {
	const text = asText(body).trim();
	if (text === '') return undefined;
	let message: string | undefined;
	if (text.startsWith('<')) {
		try {
			const root = parseXmlDocument(text);
			message = childText(root, 'message') ?? (root.text.trim() || undefined);
		} catch {
			// an unparsable error body carries no message worth showing; the status code still does
			message = undefined;
		}
	} else if (text.startsWith('{')) {
		try {
			const parsed: unknown = JSON.parse(text);
			if (typeof parsed === 'object' && parsed !== null && 'message' in parsed) {
				message = String((parsed as { message: unknown }).message);
			}
		} catch {
			// as above: fall back to the status code alone
			message = undefined;
		}
	}
	return message === undefined ? undefined : message.slice(0, MAX_ERROR_TEXT);
}

export interface MaileonContact {
	id?: string;
	email?: string;
	externalId?: string;
	permission?: string;
	created?: string;
	updated?: string;
	standardFields: Record<string, string | null>;
	customFields: Record<string, string>;
}

function readFieldList(list: XmlElement | undefined): Record<string, string | null> {
	const fields: Record<string, string | null> = {};
	if (!list) return fields;
	for (const field of childElements(list, 'field')) {
		const name = childText(field, 'name');
		if (name === undefined) continue;
		const value = childElement(field, 'value');
		fields[name] = value === undefined || value.attributes.nil === 'true' ? null : value.text;
	}
	return fields;
}

/** A `<contact>` element as returned by the contact GET endpoints (maileon.md §5.4). */
export function readContact(element: XmlElement): MaileonContact {
	const permission = toInt(childText(element, 'permission'));
	const custom: Record<string, string> = {};
	for (const [name, value] of Object.entries(readFieldList(childElement(element, 'custom_fields')))) {
		if (value !== null) custom[name] = value;
	}
	return {
		id: childText(element, 'id'),
		email: childText(element, 'email'),
		externalId: childText(element, 'external_id'),
		permission: PERMISSION_NAMES[permission],
		created: childText(element, 'created'),
		updated: childText(element, 'updated'),
		standardFields: readFieldList(childElement(element, 'standard_fields')),
		customFields: custom,
	};
}

/** A whole response holding one `<contact>` or a `<contacts>` list. */
export function readContacts(body: unknown): MaileonContact[] {
	const root = parseXmlDocument(asText(body));
	if (root.name.toLowerCase() === 'contact') return [readContact(root)];
	return childElements(root, 'contact').map(readContact);
}

export interface Unsubscriber {
	email?: string;
	externalId?: string;
	contactId?: string;
	timestamp?: string;
	source?: string;
	mailingId?: string;
}

/** Items of `/reports/unsubscriptions`; unknown child names pass through untouched (maileon.md §14 #13). */
export function readUnsubscribers(body: unknown): Unsubscriber[] {
	const root = parseXmlDocument(asText(body));
	return childElements(root, 'unsubscriber').map((element) => {
		const contact = childElement(element, 'contact');
		return {
			email: contact ? childText(contact, 'email') : undefined,
			externalId: contact ? childText(contact, 'external_id') : undefined,
			contactId: contact ? childText(contact, 'id') : undefined,
			timestamp: childText(element, 'timestamp'),
			source: childText(element, 'source'),
			mailingId: childText(element, 'mailing_id'),
		};
	});
}

export interface CustomFieldDefinition {
	name: string;
	type: string;
}

export function readCustomFields(body: unknown): CustomFieldDefinition[] {
	const root = parseXmlDocument(asText(body));
	return childElements(root, 'custom_field').map((element) => ({
		name: childText(element, 'name') ?? '',
		type: childText(element, 'type') ?? 'string',
	}));
}

/** The number in a `/count` answer (`<count>12</count>`); `undefined` when the body holds none. */
export function readCount(body: unknown): number | undefined {
	const text = asText(body).trim();
	if (text === '') return undefined;
	const value = text.startsWith('<') ? parseXmlDocument(text).text.trim() : text;
	return /^\d+$/.test(value) ? Number(value) : undefined;
}

/** The id in the body of a single upsert's `201`; the element name is not documented (maileon.md §14 #8). */
export function readCreatedId(body: unknown): string | undefined {
	const text = asText(body).trim();
	if (text === '') return undefined;
	if (!text.startsWith('<')) return text;
	const root = parseXmlDocument(text);
	return root.text.trim() || childText(root, 'id');
}

/** Maileon reports timestamps as `yyyy-MM-dd HH:mm:ss`; read them as UTC epoch ms. */
export function parseMaileonTimestamp(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
	if (!match) return undefined;
	const [, year, month, day, hour, minute, second] = match.map(Number);
	return Date.UTC(year, month - 1, day, hour, minute, second);
}

function parseJsonText(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		// JSON.parse throws only for text that is not JSON, which carries nothing to read
		return undefined;
	}
}

export interface MaileonWebhook {
	id: string;
	url: string;
	event: string;
}

/** `GET /webhooks`: a JSON list of definitions (maileon.md §6.14). */
export function readWebhooks(body: unknown): MaileonWebhook[] {
	const parsed = parseJsonText(asText(body).trim() || '[]');
	const list = Array.isArray(parsed) ? parsed : isRecord(parsed) && Array.isArray(parsed.webhooks) ? parsed.webhooks : [];
	const webhooks: MaileonWebhook[] = [];
	for (const entry of list) {
		if (!isRecord(entry) || (typeof entry.id !== 'number' && typeof entry.id !== 'string')) continue;
		webhooks.push({
			id: String(entry.id),
			url: typeof entry.url === 'string' ? entry.url : '',
			event: typeof entry.event === 'string' ? entry.event : '',
		});
	}
	return webhooks;
}

/** The new id in the `201` of `POST /webhooks`: JSON `{"id": 1915}` or `<id>1915</id>` (maileon.md §14 #9). */
export function readWebhookId(body: unknown): string | undefined {
	const text = asText(body).trim();
	if (!text.startsWith('{')) return readCreatedId(text);
	const parsed = parseJsonText(text);
	const id = isRecord(parsed) ? parsed.id : undefined;
	return typeof id === 'number' || (typeof id === 'string' && id !== '') ? String(id) : undefined;
}

/** Events a webhook can report (maileon.md §6.14) and the event fields each asks Maileon to send. */
export const WEBHOOK_EVENTS = {
	unsubscription: { name: 'Unsubscription', eventFields: ['timestamp', 'msg_id'] },
	doi: { name: 'Double Opt-in Confirmation', eventFields: ['timestamp'] },
	bounce: { name: 'Bounce', eventFields: ['timestamp', 'msg_id'] },
	contact_field_change: {
		name: 'Contact Field Change',
		eventFields: ['timestamp', 'property', 'old_value', 'new_value'],
	},
} as const;
export type WebhookEventName = keyof typeof WEBHOOK_EVENTS;

export function isWebhookEventName(value: unknown): value is WebhookEventName {
	return typeof value === 'string' && Object.hasOwn(WEBHOOK_EVENTS, value);
}

/** What the node asks Maileon to put in the body of every call (maileon.md §6.14). */
export const WEBHOOK_STANDARD_FIELDS = ['email', 'external_id'];

/**
 * An email that travelled as a URL parameter: Maileon leaves its `+` unencoded, so it arrives as a
 * space (maileon.md §6.14, §10 #12). An address never holds whitespace, so every run of it was a `+`.
 */
export function restoreUrlEmail(value: string): string {
	return value.trim().replace(/\s+/g, '+');
}

function readText(value: unknown): string | undefined {
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

const EVENT_CONSENT: Partial<Record<WebhookEventName, Omit<ConsentDecision, 'at'> & { status: ConsentStatus }>> = {
	unsubscription: { action: 'unsubscribe', reason: 'unsubscribed in Maileon', status: 'optOut' },
	doi: { action: 'send', reason: 'confirmed the double opt-in mail', status: 'optIn' },
};

export interface WebhookEventItem {
	event: string;
	email: string | null;
	externalId: string | null;
	/** ISO 8601 when Maileon's `yyyy-MM-dd HH:mm:ss` could be read, else as sent. */
	timestamp: string | null;
	/** The consent change the event stands for, shaped like the contact items of this package. */
	consent?: ConsentDecision & { status: ConsentStatus };
	/** The body as Maileon sent it. */
	data: Record<string, unknown>;
	[key: string]: unknown;
}

/**
 * One webhook call as an item. The flat JSON body is preferred; URL parameters fill in what it lacks
 * (an email among them had its `+` turned into a space on the way).
 */
export function readWebhookEvent(
	event: string,
	body: unknown,
	query: Record<string, unknown>,
	receivedAt: number,
): WebhookEventItem {
	const data = isRecord(body) ? body : {};
	const queryEmail = readText(query.email);
	const email = readText(data.email) ?? (queryEmail === undefined ? undefined : restoreUrlEmail(queryEmail));
	const rawTimestamp = readText(data.timestamp) ?? readText(query.timestamp);
	const at = parseMaileonTimestamp(rawTimestamp);
	const item: WebhookEventItem = {
		event,
		email: email ?? null,
		externalId: readText(data.external_id) ?? readText(query.external_id) ?? null,
		timestamp: at === undefined ? (rawTimestamp ?? null) : new Date(at).toISOString(),
		data,
	};
	const consent = isWebhookEventName(event) ? EVENT_CONSENT[event] : undefined;
	// Maileon calls within seconds of the event, so the arrival time is a safe stand-in for a missing stamp
	if (consent) item.consent = { ...consent, at: at ?? receivedAt };
	return item;
}
