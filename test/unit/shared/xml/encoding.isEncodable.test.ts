import { encodeText, isEncodable } from '../../../../nodes/shared/xml/encoding';

describe('isEncodable', () => {
	it.each([
		['ASCII', 'anna@example.org', 'iso-8859-1', true],
		['umlauts in ISO-8859-1', 'jürgen@müller.de', 'iso-8859-1', true],
		['the euro sign in ISO-8859-1', '35 €', 'iso-8859-1', false],
		['the euro sign in Windows-1252', '„35 €“ –', 'windows-1252', true],
		['U+0080, which Windows-1252 has no byte for', '\u0080', 'windows-1252', false],
		['Hungarian ő in Windows-1252', 'kő', 'windows-1252', false],
		['Hungarian ő in UTF-8', 'kő', 'utf-8', true],
		['an emoji in UTF-8', '😀', 'utf-8', true],
		['an emoji in Windows-1252', '😀', 'windows-1252', false],
		['a lone surrogate in UTF-8', '\ud800x', 'utf-8', false],
	] as const)('says %s is %s', (_name, text, encoding, expected) => {
		expect(isEncodable(text, encoding)).toBe(expected);
	});

	it('agrees with encodeText: what it accepts is written without a replacement', () => {
		for (const text of ['jürgen', '„€“', 'kő', 'Ÿ']) {
			const bytes = encodeText(text, 'windows-1252', { unencodable: 'replace' });
			expect(isEncodable(text, 'windows-1252')).toBe(!bytes.includes(0x3f));
		}
	});
});
