/**
 * Byte encodings of KUFER fixture files, written here rather than taken from `nodes/` so that the
 * fixtures check the node's decoder instead of mirroring it (kufer.md §3.1, §6).
 */

/** How a fixture file is encoded and what its XML declaration says. */
export type FixtureEncoding =
	/** UTF-8, declared, no BOM. */
	| 'utf-8'
	/** UTF-8 with a byte order mark, declared. */
	| 'utf-8-bom'
	/** UTF-8 without declaration and BOM. */
	| 'utf-8-undeclared'
	/** Windows-1252, declared (the project default, kufer.md §2.1). */
	| 'windows-1252'
	/** Windows-1252 bytes without declaration (the reader must fall back from UTF-8). */
	| 'windows-1252-undeclared'
	/** ISO-8859-1, declared; only characters up to U+00FF. */
	| 'iso-8859-1'
	/** Declared ISO-8859-1 but written as Windows-1252, so 0x80–0x9F bytes (€ „ “ –) occur (kufer.md §5 #5). */
	| 'iso-8859-1-with-c1'
	/** Declared UTF-8 but written as Windows-1252: invalid UTF-8 bytes (kufer.md §3.1 #5). */
	| 'utf-8-declared-invalid'
	/** UTF-16 little endian with BOM (not expected from KUFER, harmless to support). */
	| 'utf-16le-bom';

export const FIXTURE_ENCODINGS: readonly FixtureEncoding[] = [
	'utf-8',
	'utf-8-bom',
	'utf-8-undeclared',
	'windows-1252',
	'windows-1252-undeclared',
	'iso-8859-1',
	'iso-8859-1-with-c1',
	'utf-8-declared-invalid',
	'utf-16le-bom',
];

// windows-1252 0x80–0x9F; undefined bytes stay their C1 code point (WHATWG)
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** Label written into the XML declaration, or `undefined` for none. */
export function declaredLabel(encoding: FixtureEncoding): string | undefined {
	switch (encoding) {
		case 'utf-8':
		case 'utf-8-bom':
		case 'utf-8-declared-invalid':
			return 'UTF-8';
		case 'windows-1252':
			return 'windows-1252';
		case 'iso-8859-1':
		case 'iso-8859-1-with-c1':
			return 'ISO-8859-1';
		case 'utf-16le-bom':
			return 'UTF-16';
		default:
			return undefined;
	}
}

/** Whether a fixture in this encoding can carry € „ “ – (the 0x80–0x9F characters of Windows-1252). */
export function carriesWindowsPunctuation(encoding: FixtureEncoding): boolean {
	return encoding !== 'iso-8859-1';
}

function encodeSingleByte(text: string, withHigh: boolean): Uint8Array {
	const bytes = new Uint8Array(text.length);
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) {
			bytes[index] = code;
			continue;
		}
		const high = withHigh ? WINDOWS_1252_HIGH.indexOf(text[index]) : -1;
		if (high === -1) {
			throw new Error(`The fixture text holds "${text[index]}", which this encoding cannot write.`);
		}
		bytes[index] = 0x80 + high;
	}
	return bytes;
}

/** The bytes of a whole fixture document (declaration already in `text`). */
export function encodeFixture(text: string, encoding: FixtureEncoding): Uint8Array {
	switch (encoding) {
		case 'utf-8':
		case 'utf-8-undeclared':
			return new TextEncoder().encode(text);
		case 'utf-8-bom':
			return concat(new Uint8Array([0xef, 0xbb, 0xbf]), new TextEncoder().encode(text));
		case 'iso-8859-1':
			return encodeSingleByte(text, false);
		case 'utf-16le-bom': {
			const bytes = new Uint8Array(2 + text.length * 2);
			bytes[0] = 0xff;
			bytes[1] = 0xfe;
			for (let index = 0; index < text.length; index++) {
				const code = text.charCodeAt(index);
				bytes[2 + index * 2] = code & 0xff;
				bytes[3 + index * 2] = code >> 8;
			}
			return bytes;
		}
		default:
			return encodeSingleByte(text, true);
	}
}

/** Decodes what `encodeFixture` wrote, for the drop folder and the round-trip checks. */
export function decodeFixture(
	bytes: Uint8Array,
	encoding: 'utf-8' | 'windows-1252' | 'iso-8859-1',
): string {
	if (encoding === 'utf-8') {
		const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
	}
	let text = '';
	for (const byte of bytes) {
		text +=
			byte >= 0x80 && byte <= 0x9f && encoding === 'windows-1252'
				? WINDOWS_1252_HIGH[byte - 0x80]
				: String.fromCharCode(byte);
	}
	return text;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
	const length = parts.reduce((sum, part) => sum + part.length, 0);
	const joined = new Uint8Array(length);
	let offset = 0;
	for (const part of parts) {
		joined.set(part, offset);
		offset += part.length;
	}
	return joined;
}
