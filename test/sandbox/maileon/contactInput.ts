import type { SandboxRequest } from '../framework/types';
import { canonicalStandardField } from './fields';
import type { StandardField } from './fields';
import {
	hasBody,
	HttpError,
	isRecord,
	JSON_MEDIA_TYPE,
	mediaTypeOf,
	parseJsonText,
	parseXmlText,
	XML_MEDIA_TYPE,
} from './http';
import {
	childElement,
	childElements,
	childText,
	scanXml,
	scanXmlBytes,
	XmlSyntaxError,
} from './xml';
import type { XmlElement, XmlHandler } from './xml';

/** A contact as a request carries it (maileon.md §5.2, §5.3); `null` is an explicit empty value. */
export interface ContactInput {
	readonly email?: string;
	readonly externalId?: string;
	/** Maileon id, used by `prefer_maileon_id`. */
	readonly id?: string;
	readonly standardFields: Map<StandardField, string | null>;
	readonly customFields: Map<string, string | null>;
}

export function emptyContactInput(): ContactInput {
	return { standardFields: new Map(), customFields: new Map() };
}

/**
 * Body of a single-contact endpoint: XML `<contact>` or JSON (maileon.md §3: both media
 * types are accepted there); an empty body is an empty contact.
 */
export function readContactBody(request: SandboxRequest): ContactInput {
	if (!hasBody(request)) return emptyContactInput();
	const type = mediaTypeOf(request);
	if (type === XML_MEDIA_TYPE) {
		const root = parseXmlText(request.body.toString('utf8'));
		if (root.name !== 'contact') {
			throw new HttpError(400, `Expected a <contact> element, got <${root.name}>`);
		}
		return contactFromXml(root);
	}
	if (type === JSON_MEDIA_TYPE || type === 'application/json') {
		return contactFromJson(parseJsonText(request.body.toString('utf8'), 'xml'));
	}
	throw new HttpError(
		415,
		`Unsupported media type ${type ?? '(none)'}, expected ${XML_MEDIA_TYPE} or ${JSON_MEDIA_TYPE}`,
	);
}

interface FieldBuilder {
	custom: boolean;
	name: string | undefined;
	value: string | null;
	nil: boolean;
}

interface ContactBuilder {
	email?: string;
	externalId?: string;
	id?: string;
	standardFields: Map<StandardField, string | null>;
	customFields: Map<string, string | null>;
}

/**
 * Reads a `<contacts>` document (maileon.md §6.8) straight into contact inputs, without a
 * tree: the same result as `contactFromXml` per `<contact>`, at a fraction of the garbage.
 * The bytes are read as they are where `scanXmlBytes` can; other documents are decoded first.
 */
export function readContactsXml(body: Buffer): ContactInput[] {
	try {
		const reader = contactsReader();
		if (scanXmlBytes(body, reader.handler)) return reader.contacts;
		const text = contactsReader();
		scanXml(body.toString('utf8'), text.handler);
		return text.contacts;
	} catch (error) {
		if (error instanceof XmlSyntaxError) {
			throw new HttpError(400, `Malformed XML: ${error.message}`);
		}
		throw error;
	}
}

function contactsReader(): { readonly handler: XmlHandler; readonly contacts: ContactInput[] } {
	const contacts: ContactInput[] = [];
	const path: string[] = [];
	let contact: ContactBuilder | undefined;
	let section: 'standard' | 'custom' | undefined;
	let field: FieldBuilder | undefined;
	// one builder serves every <field> in turn: its values are copied out when the field closes
	const fieldBuilder: FieldBuilder = { custom: false, name: undefined, value: null, nil: false };
	let buffer = '';
	return {
		contacts,
		handler: {
			open(name, attributes) {
				const lower = name.toLowerCase();
				path.push(lower);
				buffer = '';
				switch (path.length) {
					case 1:
						if (lower !== 'contacts') {
							throw new HttpError(400, `Expected a <contacts> element, got <${name}>`);
						}
						break;
					case 2:
						if (lower === 'contact') {
							contact = { standardFields: new Map(), customFields: new Map() };
						}
						break;
					case 3:
						section =
							lower === 'standard_fields'
								? 'standard'
								: lower === 'custom_fields'
									? 'custom'
									: undefined;
						break;
					case 4:
						if (contact && section && lower === 'field') {
							field = fieldBuilder;
							field.custom = section === 'custom';
							field.name = undefined;
							field.value = null;
							field.nil = false;
						}
						break;
					case 5:
						if (field && lower === 'value') field.nil = attributes.nil === 'true';
						break;
				}
			},
			text(value) {
				buffer = buffer === '' ? value : buffer + value;
			},
			close() {
				const depth = path.length;
				const lower = path.pop();
				const value = buffer;
				buffer = '';
				if (depth === 3 && contact) {
					if (lower === 'email') contact.email ??= value.trim() || undefined;
					else if (lower === 'external_id') contact.externalId ??= value.trim() || undefined;
					else if (lower === 'id') contact.id ??= value.trim() || undefined;
					else if (lower === 'standard_fields' || lower === 'custom_fields') section = undefined;
				} else if (depth === 5 && field) {
					if (lower === 'name') field.name ??= value.trim();
					else if (lower === 'value') field.value = field.nil ? null : value.trim();
				} else if (depth === 4 && field && contact) {
					if (!field.name) throw new HttpError(400, 'A <field> has no <name>');
					if (field.custom) contact.customFields.set(field.name, field.value);
					else {
						const standard = standardFieldName(field.name);
						if (standard) contact.standardFields.set(standard, field.value);
					}
					field = undefined;
				} else if (depth === 2 && contact && lower === 'contact') {
					contacts.push(contact);
					contact = undefined;
				}
			},
		},
	};
}

export function contactFromXml(element: XmlElement): ContactInput {
	const input: ContactInput = {
		email: childText(element, 'email') || undefined,
		externalId: childText(element, 'external_id') || undefined,
		id: childText(element, 'id') || undefined,
		standardFields: new Map(),
		customFields: new Map(),
	};
	const standard = childElement(element, 'standard_fields');
	if (standard) {
		for (const [name, value] of readXmlFields(standard)) {
			const field = standardFieldName(name);
			if (field) input.standardFields.set(field, value);
		}
	}
	const custom = childElement(element, 'custom_fields');
	if (custom) {
		for (const [name, value] of readXmlFields(custom)) input.customFields.set(name, value);
	}
	return input;
}

function readXmlFields(container: XmlElement): Array<[string, string | null]> {
	return childElements(container, 'field').map((field): [string, string | null] => {
		const name = childText(field, 'name');
		if (!name) throw new HttpError(400, 'A <field> has no <name>');
		const value = childElement(field, 'value');
		if (!value || value.attributes.nil === 'true') return [name, null];
		return [name, value.text.trim()];
	});
}

export function contactFromJson(body: unknown): ContactInput {
	if (!isRecord(body)) throw new HttpError(400, 'Expected a JSON object for the contact');
	const input: ContactInput = {
		email: optionalString(body.email, 'email'),
		externalId: optionalString(body.external_id, 'external_id'),
		id: optionalString(body.id, 'id'),
		standardFields: new Map(),
		customFields: new Map(),
	};
	for (const [name, value] of readJsonFields(body.standard_fields, 'standard_fields')) {
		const field = standardFieldName(name);
		if (field) input.standardFields.set(field, value);
	}
	for (const [name, value] of readJsonFields(body.custom_fields, 'custom_fields')) {
		input.customFields.set(name, value);
	}
	return input;
}

function readJsonFields(value: unknown, key: string): Array<[string, string]> {
	if (value === undefined) return [];
	if (!isRecord(value)) {
		throw new HttpError(400, `"${key}" must be an object mapping field names to values`);
	}
	return Object.entries(value).map(([name, v]): [string, string] => {
		// maileon.md §5.1: null is not allowed; omit the key to keep a value, send "" to clear it
		if (v === null) {
			throw new HttpError(400, `"${key}.${name}" must not be null; omit it or send ""`);
		}
		if (typeof v === 'string') return [name, v];
		if (typeof v === 'number' || typeof v === 'boolean') return [name, String(v)];
		throw new HttpError(400, `"${key}.${name}" must be a string, number or boolean`);
	});
}

function optionalString(value: unknown, key: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value.trim() || undefined;
	if (typeof value === 'number') return String(value);
	throw new HttpError(400, `"${key}" must be a string`);
}

/** Writable standard field, `undefined` for a read-only one (ignored); unknown names → `400`. */
function standardFieldName(name: string): StandardField | undefined {
	const field = canonicalStandardField(name);
	if (field === undefined) throw new HttpError(400, `Unknown standard field "${name}"`);
	return field ?? undefined;
}
