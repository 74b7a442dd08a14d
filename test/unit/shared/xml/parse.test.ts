import { encodeText } from '../../../../nodes/shared/xml/encoding';
import { childText } from '../../../../nodes/shared/xml/element';
import { parseXmlDocument } from '../../../../nodes/shared/xml/parse';

const SYNC_REPORT = `<?xml version="1.0" encoding="UTF-8"?>
<report>
  <success>true</success>
  <count_contacts>3</count_contacts>
  <count_invalid_contacts>1</count_invalid_contacts>
  <invalid_contacts>
    <contact>
      <email>anna@@example</email>
      <external_id>K-1003</external_id>
      <error code="3"><error_field>email</error_field></error>
    </contact>
  </invalid_contacts>
</report>`;

describe('parseXmlDocument', () => {
	it('parses a small response into the tree of its root', () => {
		const report = parseXmlDocument(SYNC_REPORT);
		const contact = report.children[3].children[0];
		expect({
			root: report.name,
			success: childText(report, 'success'),
			email: childText(contact, 'email'),
			errorCode: contact.children[2].attributes.code,
		}).toEqual({ root: 'report', success: 'true', email: 'anna@@example', errorCode: '3' });
	});

	it('reads a self-closing root with attributes', () => {
		expect(parseXmlDocument('<result type="5" desc="Unauthorized"/>')).toEqual({
			name: 'result',
			attributes: { type: '5', desc: 'Unauthorized' },
			text: '',
			children: [],
		});
	});

	it('reads the text of a root without children', () => {
		expect(parseXmlDocument('<err>token required</err>').text).toBe('token required');
	});

	it('decodes bytes in the declared encoding', () => {
		const bytes = encodeText(
			'<?xml version="1.0" encoding="ISO-8859-1"?><a>Weiß</a>',
			'windows-1252',
		);
		expect(parseXmlDocument(bytes).text).toBe('Weiß');
	});

	it('skips a leading byte order mark in a string', () => {
		expect(parseXmlDocument('\uFEFF<a>x</a>').text).toBe('x');
	});

	it('rejects a DOCTYPE before building any element', () => {
		expect(() => parseXmlDocument('<!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>')).toThrow(
			'The XML document contains a DOCTYPE declaration; DTDs and entities are not allowed for security reasons',
		);
	});

	it('rejects a document larger than maxBytes', () => {
		expect(() => parseXmlDocument(`<a>${'x'.repeat(100)}</a>`, { maxBytes: 100 })).toThrow(
			'The XML document is larger than 100 bytes (`maxBytes`).',
		);
	});

	it('rejects nesting deeper than maxDepth', () => {
		expect(() => parseXmlDocument('<a><b><c/></b></a>', { maxDepth: 2 })).toThrow(
			'The XML document nests elements deeper than 2 levels (`maxDepth`) (near character 6).',
		);
	});

	it('names the byte near a problem in a byte input', () => {
		expect(() => parseXmlDocument(encodeText('<a>Grüße</b>', 'windows-1252'))).toThrow(
			'The XML document has </b> where </a> should be (near byte 8).',
		);
	});

	it.each([
		['an empty string', '', 'The XML document has no root element (near character 0).'],
		[
			'a truncated document',
			'<a><b>',
			'The XML document ends before <b> is closed (near character 6).',
		],
		[
			'a second root',
			'<a/><b/>',
			'The XML document has more than one root element (near character 4).',
		],
	])('rejects %s', (_case, text, message) => {
		expect(() => parseXmlDocument(text)).toThrow(message);
	});

	it.each([
		['maxBytes', { maxBytes: 0 }, 'Expected `maxBytes` to be a positive integer, got 0.'],
		[
			'maxDepth',
			{ maxDepth: Number.NaN },
			'Expected `maxDepth` to be a positive integer, got NaN.',
		],
	])('rejects an invalid %s', (_case, options, message) => {
		expect(() => parseXmlDocument('<a/>', options)).toThrow(message);
	});

	it('rejects input that is neither text nor bytes', () => {
		expect(() => parseXmlDocument({} as string)).toThrow(
			'Expected `input` to be a string or a Uint8Array.',
		);
	});
});
