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

export function contactsXml(contacts: readonly string[]): string {
	return `<?xml version="1.0" encoding="UTF-8"?><contacts>${contacts.join('')}</contacts>`;
}
