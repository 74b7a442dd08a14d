import { SaxesParser } from 'saxes';

import { encodeText } from '../../../../nodes/shared/xml/encoding';
import { chunksOf, collect } from './fixtures';

/** An element tree in the shape the record iterator yields. */
interface Tree {
	name: string;
	attributes: Record<string, string>;
	text: string;
	children: Tree[];
}

function createRandom(seed: number): (limit: number) => number {
	let state = seed;
	return (limit) => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return Math.floor((state / 2_147_483_648) * limit);
	};
}

const NAMES = ['vorname', 'Name', 'email', 'k:ort', 'NEWSLETTER', 'a_b', 'x-y.z', 'Straße'];
const PIECES = [
	'Jürgen', 'Weiß', 'a&amp;b', '&lt;tag&gt;', '&quot;q&quot;', '&apos;', '&#252;', '&#xE4;', '&#x1F600;', ' ', '  ',
	'\r\n', '\n', '\t', '[x]', '>', 'Õie', '€', '"', "'", '<![CDATA[<raw> & ]]>', '<!-- note -->', '<?pi data?>',
];

/**
 * A well-formed document in the shape of an address export: records of leaves and small groups,
 * with references, CDATA, comments, processing instructions, CRLF, attributes and empty elements.
 */
function generateDocument(random: (limit: number) => number): string {
	const pick = <T>(list: readonly T[]): T => list[random(list.length)];
	const attributes = (): string => {
		let text = '';
		const count = random(3);
		for (let index = 0; index < count; index++) {
			const quote = random(2) === 0 ? '"' : "'";
			const value = pick(['1', 'a&amp;b', 'x\ty', 'line\r\nend', '&#65;', quote === '"' ? "it's" : 'say "hi"']);
			text += ` at${index}${random(2) === 0 ? ' = ' : '='}${quote}${value}${quote}`;
		}
		return text;
	};
	const leaf = (): string => {
		const name = pick(NAMES);
		if (random(6) === 0) return `<${name}${attributes()}/>`;
		let content = '';
		const count = random(4);
		for (let index = 0; index < count; index++) content += pick(PIECES);
		return `<${name}${attributes()}>${content}</${name}>`;
	};
	const layout = (): string => pick(['', '\n    ', '\r\n  ', ' ', '\t']);
	const record = (): string => {
		let body = '';
		const count = random(6);
		for (let index = 0; index < count; index++) {
			body += layout();
			if (random(5) === 0) {
				let group = '';
				for (let inner = random(3); inner >= 0; inner--) group += layout() + leaf();
				body += `<gruppe${attributes()}>${group}${layout()}</gruppe>`;
			} else {
				body += leaf();
			}
		}
		return `<adresse${attributes()}>${body}${layout()}</adresse>`;
	};
	let records = '';
	for (let count = 1 + random(8); count > 0; count--) records += `${layout()}${record()}`;
	const head = random(2) === 0 ? '<?xml version="1.0" encoding="UTF-8"?>\n' : '';
	return `${head}<!-- export -->\n<adressen anzahl="x">${records}\n</adressen>\n`;
}

/** The records (elements at depth 2) as saxes reads them, with the iterator's rule for layout whitespace. */
function readWithSaxes(xml: string): Tree[] {
	const parser = new SaxesParser();
	const records: Tree[] = [];
	const open: Tree[] = [];
	const append = (text: string): void => {
		const top = open.at(-1);
		if (top !== undefined) top.text += text;
	};
	parser.on('opentag', (tag) => {
		if (open.length === 0 && records.length === 0 && tag.name === 'adressen') {
			open.push({ name: tag.name, attributes: {}, text: '', children: [] });
			return;
		}
		const element: Tree = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, text: '', children: [] };
		open.at(-1)?.children.push(element);
		if (open.length === 1) records.push(element);
		open.push(element);
	});
	parser.on('closetag', () => {
		const element = open.pop() as Tree;
		// whitespace between child elements is layout; the generator writes no mixed content
		if (element.children.length > 0 && element.text.trim() === '') element.text = '';
	});
	parser.on('text', append);
	parser.on('cdata', append);
	parser.on('error', (error) => {
		throw error;
	});
	parser.write(xml).close();
	return records;
}

describe('the XML record iterator compared with saxes', () => {
	it.each([[1], [2], [3]])('reads 100 generated documents like saxes (seed %i)', async (seed) => {
		const random = createRandom(seed);
		for (let round = 0; round < 100; round++) {
			const xml = generateDocument(random);
			const bytes = encodeText(xml, 'utf-8');
			// small random chunks put every kind of token across a chunk boundary sooner or later
			const records = await collect(chunksOf(bytes, 1 + random(40)), { recordName: 'adresse' });

			expect({ xml, records: JSON.parse(JSON.stringify(records)) as Tree[] }).toEqual({ xml, records: readWithSaxes(xml) });
		}
	});
});
