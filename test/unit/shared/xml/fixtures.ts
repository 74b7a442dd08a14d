import { encodeText, type TargetEncoding } from '../../../../nodes/shared/xml/encoding';
import {
	iterateRecords,
	type RecordOptions,
	type RecordSource,
	type XmlElement,
} from '../../../../nodes/shared/xml/records';

export interface AddressFields {
	adrnr: string;
	anrede: string;
	titel: string;
	vorname: string;
	name: string;
	email: string;
	newsletter: string;
}

const DEFAULT_ADDRESS: AddressFields = {
	adrnr: '104711',
	anrede: 'Frau',
	titel: 'Dr.',
	vorname: 'Jürgen',
	name: 'Müller-Lüdenscheidt',
	email: 'j.mueller@example.de',
	newsletter: 'J',
};

/** The fields of an `address()` record with the same overrides. */
export function addressFields(overrides: Partial<AddressFields> = {}): AddressFields {
	return { ...DEFAULT_ADDRESS, ...overrides };
}

/** One `<adresse>` record in the shape of kufer.md §2.1; values are written as given (pre-escaped). */
export function address(overrides: Partial<AddressFields> = {}): string {
	const fields = addressFields(overrides);
	const lines = Object.entries(fields).map(([name, value]) => `    <${name}>${value}</${name}>`);
	return `  <adresse>\r\n${lines.join('\r\n')}\r\n  </adresse>\r\n`;
}

/** A whole export document around `records`; the declaration names `encoding` unless it is null. */
export function addressExport(records: string[], encoding: string | null = 'windows-1252'): string {
	const declaration = encoding === null ? '' : `<?xml version="1.0" encoding="${encoding}"?>\r\n`;
	return `${declaration}<adressen exportdatum="23.11.2025 12:00" anzahl="${records.length}">\r\n${records.join('')}</adressen>\r\n`;
}

/** `count` generated addresses with German and Estonian names, as one document. */
export function generatedExport(count: number): string {
	const firstNames = ['Jürgen', 'Käthe', 'Sören', 'Õie', 'Mari', 'Zoë'];
	const lastNames = ['Weiß', 'Großmann', 'Mets', 'Schäfer', 'Nußbaum'];
	const records: string[] = [];
	for (let index = 0; index < count; index++) {
		records.push(
			address({
				adrnr: String(100000 + index),
				vorname: firstNames[index % firstNames.length],
				name: lastNames[index % lastNames.length],
				email: `person.${index}@example.de`,
				newsletter: ['J', 'K', 'N', ''][index % 4],
			}),
		);
	}
	return addressExport(records);
}

export function encode(text: string, encoding: TargetEncoding = 'windows-1252'): Uint8Array {
	return encodeText(text, encoding, { unencodable: 'charRef' });
}

export function utf16(text: string, endianness: 'le' | 'be', withBom = true): Uint8Array {
	const units = (withBom ? '\uFEFF' : '') + text;
	const bytes = new Uint8Array(units.length * 2);
	for (let index = 0; index < units.length; index++) {
		const unit = units.charCodeAt(index);
		const [first, second] =
			endianness === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff];
		bytes[index * 2] = first;
		bytes[index * 2 + 1] = second;
	}
	return bytes;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
	const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		joined.set(part, offset);
		offset += part.length;
	}
	return joined;
}

/** Hands `bytes` over in pieces of `size` bytes, like a file stream with a tiny buffer. */
export async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
	for (let offset = 0; offset < bytes.length; offset += size) {
		yield bytes.slice(offset, offset + size);
	}
}

/** Hands `bytes` over in two pieces split at `at`. */
export async function* splitAt(bytes: Uint8Array, at: number): AsyncGenerator<Uint8Array> {
	yield bytes.slice(0, at);
	yield bytes.slice(at);
}

export async function collect(
	source: RecordSource,
	options?: RecordOptions,
): Promise<XmlElement[]> {
	const elements: XmlElement[] = [];
	for await (const record of iterateRecords(source, options)) elements.push(record.element);
	return elements;
}

/** Collects records until the iterator throws; returns both so a test can check each. */
export async function collectUntilError(
	source: RecordSource,
	options?: RecordOptions,
): Promise<{ elements: XmlElement[]; error: unknown }> {
	const elements: XmlElement[] = [];
	try {
		for await (const record of iterateRecords(source, options)) elements.push(record.element);
	} catch (error) {
		return { elements, error };
	}
	return { elements, error: undefined };
}
