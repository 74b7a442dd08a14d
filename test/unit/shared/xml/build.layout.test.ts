import { xmlDocument, xmlElement } from '../../../../nodes/shared/xml/build';

describe('xmlElement with a line layout', () => {
	it('puts each child on its own line and the end tag on a new line', () => {
		const root = xmlElement(
			'adressen',
			[xmlElement('adresse', [xmlElement('email', 'a@example.org')]), xmlElement('adresse', 'x')],
			{ anzahl: 2 },
			{ lineBreak: '\n', indent: '  ' },
		);

		expect(xmlDocument(root)).toBe(
			'<?xml version="1.0" encoding="UTF-8"?>\n<adressen anzahl="2">\n  <adresse><email>a@example.org</email></adresse>\n  <adresse>x</adresse>\n</adressen>',
		);
	});

	it('leaves out children that are false or empty and closes an element without children at once', () => {
		expect(
			xmlElement('adressen', [false, null, undefined], { anzahl: 0 }, { lineBreak: '\r\n' }),
		).toBe('<adressen anzahl="0"/>');
		expect(xmlElement('a', [xmlElement('b', 'c'), false], undefined, { lineBreak: '\r\n' })).toBe(
			'<a>\r\n<b>c</b>\r\n</a>',
		);
	});

	it.each([
		[{ lineBreak: '\t' }, "Expected `lineBreak` to be '\\n' or '\\r\\n', got \"\\t\"."],
		[{ lineBreak: '\n', indent: '<x/>' }, 'Expected `indent` to be spaces or tabs, got "<x/>".'],
	])('refuses the layout %j', (layout, message) => {
		expect(() => xmlElement('a', [xmlElement('b', 'c')], undefined, layout as never)).toThrow(
			message,
		);
	});
});
