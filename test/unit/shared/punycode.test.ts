import { decodePunycode } from '../../../nodes/shared/punycode';

describe('decodePunycode', () => {
	it.each([
		['mller-kva', 'müller'],
		['bcher-kva', 'bücher'],
		['zca', 'ß'],
		['fiqs8s', '中国'],
		['abc-', 'abc'],
	])('decodes %s to %s', (encoded, label) => {
		expect(decodePunycode(encoded)).toBe(label);
	});

	it.each([['mller-kv!'], ['99999999999999999999']])('refuses %s', (encoded) => {
		expect(decodePunycode(encoded)).toBeUndefined();
	});

	it('decodes what the URL parser encodes, for generated labels', () => {
		const letters = 'aäbcdeéfghijklmnoöpqrsßtuüvwxyzçñøåæ中文ąčę';
		let seed = 7;
		const next = (limit: number): number => {
			seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
			return seed % limit;
		};
		for (let round = 0; round < 300; round++) {
			let label = '';
			const length = 1 + next(12);
			for (let index = 0; index < length; index++) label += letters[next(letters.length)];
			const host = new URL(`http://${label}.de/`).hostname;
			const ascii = host.slice(0, -3);
			const decoded = ascii.startsWith('xn--') ? decodePunycode(ascii.slice(4)) : ascii;
			expect(decoded).toBe(label.normalize('NFC'));
		}
	});
});
