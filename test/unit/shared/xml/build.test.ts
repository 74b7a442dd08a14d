import {
	escapeXml,
	xmlDocument,
	xmlElement,
	type XmlMarkup,
} from '../../../../nodes/shared/xml/build';
import { encodeText } from '../../../../nodes/shared/xml/encoding';
import { childText } from '../../../../nodes/shared/xml/element';
import { parseXmlDocument } from '../../../../nodes/shared/xml/parse';

function field(name: string, value: string): XmlMarkup {
	return xmlElement('field', [xmlElement('name', name), xmlElement('value', value)]);
}

describe('escapeXml', () => {
	it('escapes the five characters with a meaning in XML', () => {
		expect(escapeXml(`Müller & Söhne <"GmbH"> 'Co'`)).toBe(
			'Müller &amp; Söhne &lt;&quot;GmbH&quot;&gt; &apos;Co&apos;',
		);
	});

	it.each([
		['NUL', '\u0000'],
		['a vertical tab', '\u000b'],
		['an escape character', '\u001b'],
		['a lone high surrogate', '\uD800'],
		['a lone low surrogate', '\uDC00'],
		['U+FFFE', '\uFFFE'],
		['U+FFFF', '\uFFFF'],
	])('drops %s, which XML 1.0 cannot carry', (_case, character) => {
		expect(escapeXml(`a${character}b`)).toBe('ab');
	});

	it('keeps tab, line feed, carriage return and surrogate pairs', () => {
		expect(escapeXml('a\tb\nc\rd😀')).toBe('a\tb\nc\rd😀');
	});

	it('returns text without special characters unchanged', () => {
		expect(escapeXml('Jürgen Weiß')).toBe('Jürgen Weiß');
	});
});

describe('xmlElement', () => {
	it('builds the contact shape of a bulk request', () => {
		const contact = xmlElement('contact', [
			xmlElement('email', 'anna@example.org'),
			xmlElement('external_id', 'K-1001'),
			xmlElement('standard_fields', [field('FIRSTNAME', 'Anna'), field('GENDER', 'f')]),
			xmlElement('custom_fields', [field('ImportAPI', 'true')]),
		]);
		expect(contact).toBe(
			'<contact><email>anna@example.org</email><external_id>K-1001</external_id>' +
				'<standard_fields><field><name>FIRSTNAME</name><value>Anna</value></field>' +
				'<field><name>GENDER</name><value>f</value></field></standard_fields>' +
				'<custom_fields><field><name>ImportAPI</name><value>true</value></field></custom_fields></contact>',
		);
	});

	it.each([
		['empty text', ''],
		['no children', []],
		['only left-out children', [undefined, null, false]],
	] as const)('writes an element with %s as self-closing', (_case, content) => {
		expect(xmlElement('titel', content)).toBe('<titel/>');
	});

	it('leaves out children that are null, undefined or false', () => {
		const title: string | undefined = undefined;
		expect(
			xmlElement('adresse', [
				xmlElement('email', 'a@example.org'),
				title && xmlElement('titel', title),
			]),
		).toBe('<adresse><email>a@example.org</email></adresse>');
	});

	it('escapes text content', () => {
		expect(xmlElement('name', 'A & <B>')).toBe('<name>A &amp; &lt;B&gt;</name>');
	});

	it('writes attributes escaped, keeping line breaks as character references', () => {
		expect(
			xmlElement('adressen', [], { anzahl: 2, quelle: 'A & "B"\nC', leer: '', testlauf: false }),
		).toBe('<adressen anzahl="2" quelle="A &amp; &quot;B&quot;&#10;C" leer="" testlauf="false"/>');
	});

	it('leaves out attributes that are null or undefined', () => {
		expect(xmlElement('a', 'x', { code: undefined, name: null })).toBe('<a>x</a>');
	});

	it.each(['1abc', 'a b', '', '<a>', 'a/b'])('rejects the element name %p', (name) => {
		expect(() => xmlElement(name, 'x')).toThrow(
			`Expected \`name\` to be an XML name, got ${JSON.stringify(name)}.`,
		);
	});

	it('accepts names with umlauts, digits, dots, dashes and colons', () => {
		expect(xmlElement('straße_2.x-y:z', 'a')).toBe('<straße_2.x-y:z>a</straße_2.x-y:z>');
	});

	it('rejects an invalid attribute name', () => {
		expect(() => xmlElement('a', 'x', { 'b c': '1' })).toThrow(
			'Expected `attributes` to be an XML name, got "b c".',
		);
	});
});

describe('xmlDocument', () => {
	it.each([
		['utf-8', 'UTF-8'],
		['windows-1252', 'windows-1252'],
		['iso-8859-1', 'ISO-8859-1'],
	] as const)('declares %s as %s', (encoding, label) => {
		expect(xmlDocument(xmlElement('a', 'x'), { encoding })).toBe(
			`<?xml version="1.0" encoding="${label}"?>\n<a>x</a>`,
		);
	});

	it('declares UTF-8 by default', () => {
		expect(xmlDocument(xmlElement('a', 'x'))).toBe(
			'<?xml version="1.0" encoding="UTF-8"?>\n<a>x</a>',
		);
	});

	it('rejects an unknown encoding', () => {
		expect(() => xmlDocument(xmlElement('a'), { encoding: 'utf-16' as 'utf-8' })).toThrow(
			"Expected `encoding` to be 'utf-8', 'windows-1252' or 'iso-8859-1', got \"utf-16\".",
		);
	});

	it('round-trips special characters through Windows-1252 bytes and the parser', () => {
		const value = 'Weiß & Söhne <€> „Zitat“ – 😀 ł\ttab';
		const document = xmlDocument(
			xmlElement('adressen', [xmlElement('name', value, { v: value })]),
			{
				encoding: 'windows-1252',
			},
		);
		const parsed = parseXmlDocument(
			encodeText(document, 'windows-1252', { unencodable: 'charRef' }),
		);
		expect({ text: childText(parsed, 'name'), attribute: parsed.children[0].attributes.v }).toEqual(
			{
				text: value,
				attribute: value,
			},
		);
	});
});
