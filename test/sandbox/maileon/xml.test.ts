import { childText, el, parseXml, renderXml, scanXml, scanXmlBytes } from './xml';
import type { XmlHandler } from './xml';

describe('parseXml', () => {
	it('reads a document with declaration, comments, CDATA and entities', () => {
		const root = parseXml(
			'\ufeff<?xml version="1.0"?>\n<!-- sync --><contact><email><![CDATA[a&b@example.org]]></email>' +
				'<name>M&#252;ller &amp; S&#xF6;hne &lt;GmbH&gt;</name></contact>',
		);

		expect(childText(root, 'email')).toBe('a&b@example.org');
		expect(childText(root, 'name')).toBe('Müller & Söhne <GmbH>');
	});

	it('reads attributes in single and double quotes, with > inside a value', () => {
		const root = parseXml(`<value nil="true" note='a > b'/>`);

		expect(root.attributes).toEqual({ nil: 'true', note: 'a > b' });
	});

	it.each([
		[
			'a DOCTYPE',
			'<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>',
			'DOCTYPE and entity declarations are not accepted at offset 0',
		],
		['a mismatched end tag', '<a><b></a>', 'End tag </a> does not match <b> at offset 6'],
		['an unclosed element', '<a><b></b>', 'Element <a> is not closed at offset 10'],
		['two roots', '<a/><b/>', 'More than one root element at offset 4'],
		['no element', '   ', 'No root element at offset 0'],
	])('rejects %s', (_title, source, message) => {
		expect(() => parseXml(source)).toThrow(message);
	});

	it('writes what it reads back unchanged', () => {
		const text = renderXml(
			el('contact', [el('email', 'a+b@example.org'), el('name', '"Ä" & <b>'), el('empty')]),
		);

		const root = parseXml(text);

		expect(childText(root, 'email')).toBe('a+b@example.org');
		expect(childText(root, 'name')).toBe('"Ä" & <b>');
		expect(root.children.map((c) => c.name)).toEqual(['email', 'name', 'empty']);
	});
});

function recorder(): { events: string[]; handler: XmlHandler } {
	const events: string[] = [];
	return {
		events,
		handler: {
			open: (name, attributes) => events.push(`<${name} ${JSON.stringify(attributes)}`),
			text: (text) => events.push(`text ${text}`),
			close: (name) => events.push(`</${name}`),
		},
	};
}

describe('scanXmlBytes', () => {
	it('gives the events scanXml gives for a plain document', () => {
		const source =
			'<?xml version="1.0" encoding="UTF-8"?>\n<Contacts>\n <contact><email>a@example.org</email>' +
			'<empty/><name>M&#252;ller &amp; Söhne 🙂</name><x></x></contact>\n</Contacts>\n';
		const text = recorder();
		const bytes = recorder();

		scanXml(source, text.handler);
		const read = scanXmlBytes(Buffer.from(source, 'utf8'), bytes.handler);

		expect(read).toBe(true);
		expect(bytes.events).toEqual(text.events);
		expect(bytes.events).toContain('text Müller & Söhne 🙂');
	});

	it('decodes repeated, long and stray-byte runs as scanXml decodes the text', () => {
		const source = Buffer.concat([
			Buffer.from('<a><b>true</b><b>true</b><b>ü</b><b>'),
			Buffer.from([0xfc, 0x61]),
			Buffer.from('</b><b>ü</b><b>a-value-longer-than-the-short-text-limit</b><b>true</b></a>'),
		]);
		const text = recorder();
		const bytes = recorder();

		scanXml(source.toString('utf8'), text.handler);
		scanXmlBytes(source, bytes.handler);

		expect(bytes.events).toEqual(text.events);
		expect(bytes.events).toContain('text \ufffda');
	});

	it.each([
		['a byte order mark', '\ufeff<a/>'],
		['a comment', '<a><!-- c --></a>'],
		['CDATA', '<a><![CDATA[x]]></a>'],
		['an attribute', '<a><b nil="true"/></a>'],
		['a space in an end tag', '<a></a >'],
		['a non-ASCII tag name', '<ä/>'],
		['a mismatched end tag', '<a><b></a>'],
		['an unclosed element', '<a><b></b>'],
		['two roots', '<a/><b/>'],
		['text outside the root', '<a/>x'],
		['no element', '   '],
	])('leaves a document with %s to scanXml', (_title, source) => {
		expect(scanXmlBytes(Buffer.from(source, 'utf8'), recorder().handler)).toBe(false);
	});
});
