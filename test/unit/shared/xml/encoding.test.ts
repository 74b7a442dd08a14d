import {
	createDecoder,
	decodeBytes,
	detectEncoding,
	encodeText,
} from '../../../../nodes/shared/xml/encoding';
import { XmlError } from '../../../../nodes/shared/xml/error';
import { concat, encode, utf16 } from './fixtures';

const ascii = (text: string): Uint8Array => encodeText(text, 'utf-8');
const utf8 = (text: string): Uint8Array => encodeText(text, 'utf-8');
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const SAMPLE = '<a>Jürgen Weiß, Õie Mäe, Straße</a>';

function decodeInChunks(bytes: Uint8Array, sizes: number[]): string {
	const decoder = createDecoder();
	let text = '';
	let offset = 0;
	for (const size of sizes) {
		text += decoder.write(bytes.subarray(offset, offset + size));
		offset += size;
	}
	return text + decoder.write(bytes.subarray(offset)) + decoder.end();
}

describe('detectEncoding', () => {
	it.each([
		['a UTF-8 BOM', concat(BOM, ascii('<a/>')), { encoding: 'utf-8', bomLength: 3, source: 'bom' }],
		['a UTF-16LE BOM', utf16('<a/>', 'le'), { encoding: 'utf-16le', bomLength: 2, source: 'bom' }],
		['a UTF-16BE BOM', utf16('<a/>', 'be'), { encoding: 'utf-16be', bomLength: 2, source: 'bom' }],
		['no declaration', ascii('<a/>'), { encoding: 'utf-8', bomLength: 0, source: 'none' }],
		[
			'a declaration without encoding',
			ascii('<?xml version="1.0"?><a/>'),
			{ encoding: 'utf-8', bomLength: 0, source: 'none' },
		],
	])('detects the encoding of a document with %s', (_case, head, expected) => {
		expect(detectEncoding(head)).toEqual(expected);
	});

	it.each([
		['UTF-8', 'utf-8'],
		['utf-8', 'utf-8'],
		['utf8', 'utf-8'],
		['ISO-8859-1', 'windows-1252'],
		['iso-8859-1', 'windows-1252'],
		['latin1', 'windows-1252'],
		['Windows-1252', 'windows-1252'],
		['cp1252', 'windows-1252'],
		['CP1252', 'windows-1252'],
		['us-ascii', 'windows-1252'],
		['US-ASCII', 'windows-1252'],
	])('reads the declared label %s as %s', (label, encoding) => {
		const head = ascii(`<?xml version="1.0" encoding="${label}"?>\n<a/>`);
		expect(detectEncoding(head)).toEqual({
			encoding,
			bomLength: 0,
			source: 'declaration',
			declared: label,
		});
	});

	it('reads an encoding declared in single quotes', () => {
		const head = ascii("<?xml version='1.0' encoding='ISO-8859-1' standalone='yes'?><a/>");
		expect(detectEncoding(head).declared).toBe('ISO-8859-1');
	});

	it('lets a BOM win over the declared encoding', () => {
		const head = concat(BOM, ascii('<?xml version="1.0" encoding="windows-1252"?><a/>'));
		expect(detectEncoding(head).encoding).toBe('utf-8');
	});

	it('detects UTF-16LE without BOM from the bytes of "<?"', () => {
		const head = utf16('<?xml version="1.0" encoding="UTF-16"?><a/>', 'le', false);
		expect(detectEncoding(head)).toEqual({
			encoding: 'utf-16le',
			bomLength: 0,
			source: 'declaration',
			declared: 'UTF-16',
		});
	});

	it('reads a declared UTF-16 in single-byte text as UTF-8', () => {
		const head = ascii('<?xml version="1.0" encoding="UTF-16"?><a/>');
		expect(detectEncoding(head).encoding).toBe('utf-8');
	});

	it('rejects an encoding it cannot decode', () => {
		const head = ascii('<?xml version="1.0" encoding="Shift_JIS"?><a/>');
		expect(() => detectEncoding(head)).toThrow(
			'The XML declaration names the encoding "Shift_JIS", which is not supported; supported are UTF-8, UTF-16, ISO-8859-1 and Windows-1252.',
		);
	});
});

describe('decodeBytes', () => {
	it.each([
		['UTF-8 without BOM', utf8(`<?xml version="1.0" encoding="UTF-8"?>${SAMPLE}`)],
		['UTF-8 with BOM', concat(BOM, utf8(`<?xml version="1.0" encoding="UTF-8"?>${SAMPLE}`))],
		['UTF-8 without declaration', utf8(SAMPLE)],
		['UTF-16LE with BOM', utf16(SAMPLE, 'le')],
		['UTF-16BE with BOM', utf16(SAMPLE, 'be')],
		['ISO-8859-1', encode(`<?xml version="1.0" encoding="ISO-8859-1"?>${SAMPLE}`, 'iso-8859-1')],
		[
			'Windows-1252',
			encode(`<?xml version="1.0" encoding="windows-1252"?>${SAMPLE}`, 'windows-1252'),
		],
		['Windows-1252 without declaration', encode(SAMPLE, 'windows-1252')],
	])('keeps umlauts, ß and õ from %s', (_case, bytes) => {
		expect(decodeBytes(bytes)).toContain(SAMPLE);
	});

	it('reads € „ “ ” – — from Windows-1252 bytes', () => {
		const bytes = concat(
			ascii('<?xml version="1.0" encoding="windows-1252"?><a>'),
			new Uint8Array([0x80, 0x84, 0x93, 0x94, 0x96, 0x97]),
			ascii('</a>'),
		);
		expect(decodeBytes(bytes)).toContain('<a>€„“”–—</a>');
	});

	it('decodes bytes 0x80–0x9F of a file declared ISO-8859-1 as Windows-1252', () => {
		const bytes = concat(
			ascii('<?xml version="1.0" encoding="ISO-8859-1"?><a>'),
			new Uint8Array([0x84, 0x4b, 0xe4, 0x73, 0x65, 0x93, 0x20, 0x35, 0x80, 0x20, 0x96]),
			ascii('</a>'),
		);
		expect(decodeBytes(bytes)).toContain('<a>„Käse“ 5€ –</a>');
	});

	it('keeps the five unassigned Windows-1252 bytes as the C1 controls of the same value', () => {
		const bytes = concat(
			ascii('<a>'),
			new Uint8Array([0x81, 0x8d, 0x8f, 0x90, 0x9d]),
			ascii('</a>'),
		);
		expect(decodeBytes(bytes)).toBe('<a>\u0081\u008d\u008f\u0090\u009d</a>');
	});

	it('names the byte offset of the first invalid byte in a document declared UTF-8', () => {
		const bytes = encode('<?xml version="1.0" encoding="UTF-8"?><a>Müller</a>', 'windows-1252');
		expect(() => decodeBytes(bytes)).toThrow(
			'The XML document is declared as UTF-8 but byte 42 (0xFC) is not valid UTF-8.',
		);
	});

	it('names the byte order mark when a UTF-8 BOM document holds invalid bytes', () => {
		const bytes = concat(BOM, encode('<a>Müller</a>', 'windows-1252'));
		expect(() => decodeBytes(bytes)).toThrow(
			'The XML document is marked as UTF-8 by its byte order mark but byte 7 (0xFC) is not valid UTF-8.',
		);
	});

	it('throws an XmlError with the code "encoding" for invalid UTF-8', () => {
		const bytes = encode('<?xml version="1.0" encoding="utf-8"?><a>ß</a>', 'windows-1252');
		expect(() => decodeBytes(bytes)).toThrow(expect.objectContaining({ code: 'encoding' }));
	});

	it('names a multi-byte sequence cut off at the end of the document', () => {
		const bytes = concat(
			ascii('<?xml version="1.0" encoding="UTF-8"?><a>'),
			new Uint8Array([0xe2, 0x82]),
		);
		expect(() => decodeBytes(bytes)).toThrow(
			'The XML document is declared as UTF-8 but byte 41 (0xE2) is not valid UTF-8.',
		);
	});

	it('decodes a document declared UTF-8 as Windows-1252 with a warning when fallback is chosen', () => {
		const warnings: string[] = [];
		const bytes = encode('<?xml version="1.0" encoding="UTF-8"?><a>Müller</a>', 'windows-1252');
		const text = decodeBytes(bytes, {
			invalidUtf8: 'fallback',
			onWarning: (w) => warnings.push(w),
		});
		expect({ text, warnings }).toEqual({
			text: '<?xml version="1.0" encoding="UTF-8"?><a>Müller</a>',
			warnings: [
				'The XML document is declared as UTF-8 but byte 42 (0xFC) is not valid UTF-8; it was decoded as Windows-1252.',
			],
		});
	});

	it('keeps a U+FFFD that is really in a valid UTF-8 document', () => {
		expect(decodeBytes(utf8('<?xml version="1.0" encoding="UTF-8"?><a>\uFFFD</a>'))).toContain(
			'<a>\uFFFD</a>',
		);
	});

	it('rejects an unknown invalidUtf8 option', () => {
		expect(() => decodeBytes(ascii('<a/>'), { invalidUtf8: 'ignore' as 'error' })).toThrow(
			"Expected `invalidUtf8` to be 'error' or 'fallback', got \"ignore\".",
		);
	});

	it('throws XmlError instances', () => {
		const bytes = encode('<?xml version="1.0" encoding="UTF-8"?><a>ä</a>', 'windows-1252');
		expect(() => decodeBytes(bytes)).toThrow(XmlError);
	});
});

describe('createDecoder', () => {
	const documents: Array<[string, Uint8Array]> = [
		[
			'UTF-8 with 2-, 3- and 4-byte characters',
			concat(BOM, utf8('<?xml version="1.0" encoding="UTF-8"?><a>Jürgen € 😀 Õie</a>')),
		],
		['UTF-16LE', utf16('<a>Jürgen € 😀</a>', 'le')],
		['UTF-16BE', utf16('<a>Jürgen € 😀</a>', 'be')],
		['Windows-1252', encode('<?xml version="1.0" encoding="windows-1252"?><a>Jürgen € „x“</a>')],
		['undeclared Windows-1252', encode('<a>Jürgen € „x“ Weiß</a>')],
	];

	it.each(documents)('decodes %s split into two chunks at every byte', (_case, bytes) => {
		const whole = decodeBytes(bytes);
		for (let at = 0; at <= bytes.length; at++) {
			expect([at, decodeInChunks(bytes, [at])]).toEqual([at, whole]);
		}
	});

	it.each(documents)('decodes %s fed one byte at a time', (_case, bytes) => {
		expect(
			decodeInChunks(
				bytes,
				Array.from({ length: bytes.length }, () => 1),
			),
		).toBe(decodeBytes(bytes));
	});

	it('names the absolute byte offset when the invalid byte arrives in a later chunk', () => {
		const bytes = encode('<?xml version="1.0" encoding="UTF-8"?><a>abcdef Weiß</a>');
		expect(() => decodeInChunks(bytes, [20, 20, 5])).toThrow(
			'The XML document is declared as UTF-8 but byte 51 (0xDF) is not valid UTF-8.',
		);
	});

	it('names the lead byte when an invalid sequence starts in the previous chunk', () => {
		const bytes = concat(
			ascii('<?xml version="1.0" encoding="UTF-8"?><a>'),
			new Uint8Array([0xe2, 0x41]),
		);
		expect(() => decodeInChunks(bytes, [42, 1])).toThrow(
			'The XML document is declared as UTF-8 but byte 41 (0xE2) is not valid UTF-8.',
		);
	});

	it('switches to Windows-1252 at the first invalid byte when no encoding is declared', () => {
		const bytes = encode(`<a>${'x'.repeat(5000)}</a><b>Grüße € „</b>`);
		expect(decodeInChunks(bytes, [1024, 1024, 1024])).toBe(
			`<a>${'x'.repeat(5000)}</a><b>Grüße € „</b>`,
		);
	});

	it('switches a document declared UTF-8 to Windows-1252 mid-stream with a warning when fallback is chosen', () => {
		const warnings: string[] = [];
		const decoder = createDecoder({ invalidUtf8: 'fallback', onWarning: (w) => warnings.push(w) });
		const bytes = concat(
			utf8('<?xml version="1.0" encoding="UTF-8"?><a>Jürgen</a>'),
			encode('<b>Weiß</b>'),
		);
		const text =
			decoder.write(bytes.subarray(0, 30)) + decoder.write(bytes.subarray(30)) + decoder.end();
		expect({ text, warnings }).toEqual({
			text: '<?xml version="1.0" encoding="UTF-8"?><a>Jürgen</a><b>Weiß</b>',
			warnings: [
				'The XML document is declared as UTF-8 but byte 58 (0xDF) is not valid UTF-8; the rest was decoded as Windows-1252.',
			],
		});
	});

	it('reports the detected encoding once the head is read', () => {
		const decoder = createDecoder();
		decoder.write(ascii('<?xml version="1.0" encoding="ISO-8859-1"?>'));
		expect(decoder.detected).toEqual({
			encoding: 'windows-1252',
			bomLength: 0,
			source: 'declaration',
			declared: 'ISO-8859-1',
		});
	});

	it('counts the bytes it was given', () => {
		const decoder = createDecoder();
		decoder.write(ascii('<a>'));
		decoder.write(ascii('x</a>'));
		expect(decoder.bytesRead).toBe(8);
	});
});

describe('encodeText', () => {
	it.each([
		['€', 0x80],
		['‚', 0x82],
		['ƒ', 0x83],
		['„', 0x84],
		['…', 0x85],
		['†', 0x86],
		['‡', 0x87],
		['ˆ', 0x88],
		['‰', 0x89],
		['Š', 0x8a],
		['‹', 0x8b],
		['Œ', 0x8c],
		['Ž', 0x8e],
		['‘', 0x91],
		['’', 0x92],
		['“', 0x93],
		['”', 0x94],
		['•', 0x95],
		['–', 0x96],
		['—', 0x97],
		['˜', 0x98],
		['™', 0x99],
		['š', 0x9a],
		['›', 0x9b],
		['œ', 0x9c],
		['ž', 0x9e],
		['Ÿ', 0x9f],
	])('writes %s as Windows-1252 byte %i', (character, byte) => {
		expect(Array.from(encodeText(character, 'windows-1252'))).toEqual([byte]);
	});

	it.each(['windows-1252', 'iso-8859-1'] as const)(
		'writes umlauts, ß and õ as single bytes in %s',
		(encoding) => {
			expect(Array.from(encodeText('äöüÄÖÜßõ', encoding))).toEqual([
				0xe4, 0xf6, 0xfc, 0xc4, 0xd6, 0xdc, 0xdf, 0xf5,
			]);
		},
	);

	it('writes UTF-8 without BOM', () => {
		expect(Array.from(encodeText('ä€', 'utf-8'))).toEqual([0xc3, 0xa4, 0xe2, 0x82, 0xac]);
	});

	it.each([
		['an emoji in Windows-1252', '😀', 'windows-1252', '&#x1F600;'],
		['the euro sign in ISO-8859-1', '€', 'iso-8859-1', '&#x20AC;'],
		['a Polish letter in Windows-1252', 'ł', 'windows-1252', '&#x142;'],
	] as const)(
		'writes %s as a character reference when asked',
		(_case, text, encoding, expected) => {
			expect(new TextDecoder().decode(encodeText(text, encoding, { unencodable: 'charRef' }))).toBe(
				expected,
			);
		},
	);

	it('writes "?" for characters the encoding cannot hold by default', () => {
		expect(new TextDecoder().decode(encodeText('a😀b€', 'iso-8859-1'))).toBe('a?b?');
	});

	it('writes "?" for a lone surrogate even when character references are asked for', () => {
		expect(
			new TextDecoder().decode(encodeText('a\uD800b', 'windows-1252', { unencodable: 'charRef' })),
		).toBe('a?b');
	});

	it('writes C1 controls as character references in ISO-8859-1, which readers take for Windows-1252', () => {
		expect(
			new TextDecoder().decode(encodeText('\u0080', 'iso-8859-1', { unencodable: 'charRef' })),
		).toBe('&#x80;');
	});

	it('round-trips every Windows-1252 character through decodeBytes', () => {
		const bytes = Uint8Array.from({ length: 256 }, (_value, index) => index);
		const text = decodeBytes(concat(ascii('<?xml version="1.0" encoding="windows-1252"?>'), bytes));
		expect(Array.from(encodeText(text, 'windows-1252').subarray(45))).toEqual(Array.from(bytes));
	});

	it('rejects an unknown target encoding', () => {
		expect(() => encodeText('a', 'latin9' as 'utf-8')).toThrow(
			"Expected `encoding` to be 'utf-8', 'windows-1252' or 'iso-8859-1', got \"latin9\".",
		);
	});

	it('rejects an unknown unencodable option', () => {
		expect(() => encodeText('a', 'utf-8', { unencodable: 'drop' as 'replace' })).toThrow(
			"Expected `unencodable` to be 'charRef' or 'replace', got \"drop\".",
		);
	});
});
