import { childText, el, parseXml, renderXml } from './xml';

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
