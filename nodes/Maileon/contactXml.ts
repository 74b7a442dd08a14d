import type { Contact } from '../shared/contact';
import { escapeXml } from '../shared/xml/build';
import type { MaileonFields } from './mapping';

function fieldsXml(tag: string, fields: Record<string, string>): string {
	let xml = '';
	for (const [name, value] of Object.entries(fields)) {
		xml += `<field><name>${escapeXml(name)}</name><value>${escapeXml(value)}</value></field>`;
	}
	return xml === '' ? '' : `<${tag}>${xml}</${tag}>`;
}

/** One `<contact>` of a bulk sync body (maileon.md §5.2), with the normalised address (§11 #2). */
export function contactXml(
	contact: Pick<Contact, 'key' | 'externalId'>,
	fields: MaileonFields,
): string {
	const externalId =
		contact.externalId !== undefined && contact.externalId !== ''
			? `<external_id>${escapeXml(contact.externalId)}</external_id>`
			: '';
	return `<contact><email>${escapeXml(contact.key)}</email>${externalId}${fieldsXml(
		'standard_fields',
		fields.standard,
	)}${fieldsXml('custom_fields', fields.custom)}</contact>`;
}

const CONTACTS_HEAD = '<?xml version="1.0" encoding="UTF-8"?><contacts>';
const CONTACTS_TAIL = '</contacts>';

/**
 * The `<contacts>` document of a bulk sync as UTF-8 bytes, written contact by contact: a body of
 * 1,000 contacts never exists as one string, which V8 would keep in its large-object space until a
 * full collection.
 */
export function contactsXml(contacts: readonly string[]): Buffer {
	let length = Buffer.byteLength(CONTACTS_HEAD) + Buffer.byteLength(CONTACTS_TAIL);
	for (const contact of contacts) length += Buffer.byteLength(contact, 'utf8');
	const bytes = Buffer.allocUnsafe(length);
	let offset = bytes.write(CONTACTS_HEAD, 0, 'latin1');
	for (const contact of contacts) offset += bytes.write(contact, offset, 'utf8');
	bytes.write(CONTACTS_TAIL, offset, 'latin1');
	return bytes;
}
