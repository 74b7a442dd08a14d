import { childElement, childElements, childText, type XmlElement } from '../shared/xml/element';
import { parseXmlDocument } from '../shared/xml/parse';
import { PERMISSION_NAMES } from './permissions';

/** A whole number in an answer; 0 when there is none. */
export function toInt(value: string | undefined): number {
	const parsed = Number.parseInt(value ?? '', 10);
	return Number.isFinite(parsed) ? parsed : 0;
}

/** A response body as text (n8n hands XML answers over as a string or a buffer). */
export function asText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (body instanceof Uint8Array) return new TextDecoder().decode(body);
	return '';
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

/** JSON text as a value; `undefined` for text that is not JSON. */
export function parseJsonText(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		// JSON.parse throws only for text that is not JSON, which carries nothing to read
		return undefined;
	}
}
