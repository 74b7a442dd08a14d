import { attributeValue, childElement, childElements, childText, flattenFields } from '../../../../nodes/shared/xml/element';
import type { XmlElement } from '../../../../nodes/shared/xml/element';

function element(
	name: string,
	text = '',
	children: XmlElement[] = [],
	attributes: Record<string, string> = {},
): XmlElement {
	return { name, attributes, text, children };
}

const record = element('ADRESSE', '', [
	element('ADRNR', ' 104711 '),
	element('Name', 'Müller'),
	element('nachname', 'Beispiel'),
	element('TITEL', ''),
	element('KOMMUNIKATION', '', [
		element('KOMMUNIKATIONSEINTRAG', '', [element('KOMMART', 'T'), element('KOMMWERT', '0123')]),
		element('KOMMUNIKATIONSEINTRAG', '', [
			element('KOMMART', 'E'),
			element('KOMMWERT', 'a@example.org'),
		]),
	]),
	element('name', 'Zweiter'),
]);

describe('childText', () => {
	it('matches child names case-insensitively and trims the text', () => {
		expect(childText(record, 'adrnr')).toBe('104711');
	});

	it('prefers earlier names over later ones', () => {
		expect(childText(record, 'nachname', 'name')).toBe('Beispiel');
	});

	it('takes the first child when a name repeats', () => {
		expect(childText(record, 'name')).toBe('Müller');
	});

	it('returns an empty string for an empty child', () => {
		expect(childText(record, 'titel')).toBe('');
	});

	it('returns undefined when no child has any of the names', () => {
		expect(childText(record, 'email', 'e-mail')).toBeUndefined();
	});
});

describe('childElement', () => {
	it('returns the matching child element', () => {
		expect(childElement(record, 'kommunikation')?.children).toHaveLength(2);
	});
});

describe('childElements', () => {
	it('returns all matching children in document order', () => {
		const entries = childElements(
			childElement(record, 'kommunikation') as XmlElement,
			'kommunikationseintrag',
		);
		expect(entries.map((entry) => childText(entry, 'kommwert'))).toEqual(['0123', 'a@example.org']);
	});
});

describe('attributeValue', () => {
	const customer = element('customer', '', [], { code: 'K1001', Email: 'mari@mets.ee' });

	it.each([
		['an exact name', 'code', 'K1001'],
		['a name in another case', 'EMAIL', 'mari@mets.ee'],
	])('finds %s', (_case, name, expected) => {
		expect(attributeValue(customer, name)).toBe(expected);
	});

	it('returns undefined for a missing attribute', () => {
		expect(attributeValue(customer, 'closed')).toBeUndefined();
	});

	it('does not read inherited object properties', () => {
		expect(attributeValue(customer, 'toString', 'constructor')).toBeUndefined();
	});
});

describe('flattenFields', () => {
	it('maps leaf children to their trimmed text under their original names', () => {
		expect(flattenFields(record)).toEqual({
			ADRNR: '104711',
			Name: 'Müller',
			nachname: 'Beispiel',
			TITEL: '',
			name: 'Zweiter',
		});
	});

	it('keeps the first of two leaves with the same name', () => {
		const duplicate = element('a', '', [element('x', '1'), element('x', '2')]);
		expect(flattenFields(duplicate)).toEqual({ x: '1' });
	});

	it('keeps a field named __proto__ as a plain own property', () => {
		const fields = flattenFields(element('a', '', [element('__proto__', 'x')]));
		expect({ keys: Object.keys(fields), prototype: Object.getPrototypeOf(fields) }).toEqual({
			keys: ['__proto__'],
			prototype: Object.prototype,
		});
	});
});
