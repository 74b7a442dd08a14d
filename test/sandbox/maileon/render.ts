import { queryValues } from '../framework/types';
import type { Query } from '../framework/types';
import { canonicalStandardField } from './fields';
import { formatTimestamp } from './http';
import type { MaileonState, StoredContact, SubscriberRow, UnsubscriptionRow } from './state';
import type { SyncReport } from './sync';
import { el } from './xml';
import type { XmlNode } from './xml';

/** Which fields a contact read returns: only those named by `standard_field` / `custom_field` (maileon.md §5.4). */
export interface FieldSelection {
	readonly standard: readonly string[];
	readonly custom: readonly string[];
}

export function readFieldSelection(query: Query): FieldSelection {
	return {
		standard: queryValues(query, 'standard_field'),
		custom: queryValues(query, 'custom_field'),
	};
}

/** maileon.md §5.4; an empty requested standard field is `<value nil="true"/>`, empty custom ones are left out. */
export function renderContact(
	state: MaileonState,
	contact: StoredContact,
	selection: FieldSelection,
): XmlNode {
	if (contact.anonymised) {
		const children = [el('id', contact.id)];
		if (contact.externalId !== undefined) children.push(el('external_id', contact.externalId));
		return el('contact', children, { anonymous: 'true' });
	}
	const children: XmlNode[] = [el('id', contact.id)];
	if (contact.email !== undefined) children.push(el('email', contact.email));
	children.push(el('external_id', contact.externalId ?? ''));
	children.push(el('permission', contact.permission));
	children.push(el('created', formatTimestamp(contact.created)));
	children.push(el('updated', formatTimestamp(contact.updated)));
	if (selection.standard.length > 0) {
		children.push(
			el(
				'standard_fields',
				selection.standard.map((name) => {
					const value = standardValue(state, contact, name);
					return el('field', [
						el('name', name),
						value === undefined ? el('value', undefined, { nil: 'true' }) : el('value', value),
					]);
				}),
			),
		);
	}
	const custom = selection.custom.filter((name) => contact.customFields.has(name));
	if (custom.length > 0) {
		children.push(
			el(
				'custom_fields',
				custom.map((name) =>
					el('field', [el('name', name), el('value', contact.customFields.get(name) ?? '')]),
				),
			),
		);
	}
	return el('contact', children);
}

function standardValue(
	state: MaileonState,
	contact: StoredContact,
	name: string,
): string | undefined {
	switch (name.toUpperCase()) {
		case 'PERMISSION_STATUS':
			return contact.permission === 1 ? 'none' : 'available';
		case 'SENDOUT_STATUS':
			return contact.permission === 1 ? 'blocked' : 'allowed';
		case 'CUSTOM_SOURCE':
			return contact.source;
		case 'CHECKSUM':
			return state.checksum(contact);
		default: {
			const field = canonicalStandardField(name);
			return field ? contact.standardFields.get(field) : undefined;
		}
	}
}

/** Report of `POST /contacts` (maileon.md §6.8); one `<error>` per invalid contact, as the Java client reads it. */
export function renderSyncReport(rootName: string, report: SyncReport): XmlNode {
	return el(rootName, [
		el('success', report.success),
		el('count_contacts', report.countContacts),
		el('count_new_contacts', report.countNewContacts),
		el('count_existing_contacts', report.countExistingContacts),
		el('count_unsubscribed_contacts', report.countUnsubscribedContacts),
		el('count_invalid_contacts', report.countInvalidContacts),
		el(
			'invalid_contacts',
			report.invalidContacts.map((c) => {
				const children: XmlNode[] = [];
				if (c.email !== undefined) children.push(el('email', c.email));
				if (c.externalId !== undefined) children.push(el('external_id', c.externalId));
				children.push(el('error', [el('error_field', c.field)], { code: String(c.code) }));
				return el('contact', children);
			}),
		),
	]);
}

function reportContact(row: { contactId: number; externalId?: string; email?: string }): XmlNode {
	const children: XmlNode[] = [el('id', row.contactId)];
	if (row.externalId !== undefined) children.push(el('external_id', row.externalId));
	if (row.email !== undefined) children.push(el('email', row.email));
	return el('contact', children);
}

/** maileon.md §6.11. */
export function renderUnsubscriber(row: UnsubscriptionRow): XmlNode {
	const children: XmlNode[] = [el('timestamp', formatTimestamp(row.timestamp)), reportContact(row)];
	if (row.mailingId !== undefined) children.push(el('mailing_id', row.mailingId));
	children.push(el('source', row.source));
	return el('unsubscriber', children);
}

export function renderSubscriber(row: SubscriberRow): XmlNode {
	return el('subscriber', [
		el('timestamp', formatTimestamp(row.timestamp)),
		reportContact(row),
		el('permission', row.permission),
	]);
}
