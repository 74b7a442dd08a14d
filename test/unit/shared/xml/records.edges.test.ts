import { iterateRecords } from '../../../../nodes/shared/xml/records';
import { XmlError } from '../../../../nodes/shared/xml/error';
import { collect, collectUntilError } from './fixtures';

describe('iterateRecords at the edges of an export', () => {
	it('matches a record element with a namespace prefix by its local name', async () => {
		const xml = '<k:adressen xmlns:k="urn:k"><k:adresse><k:email>a@example.de</k:email></k:adresse></k:adressen>';

		const records = await collect(xml, { recordName: 'adresse' });

		expect(records.map((record) => record.name)).toEqual(['k:adresse']);
	});

	it('stops with noRecords when no element below the root is named like a record', async () => {
		const { error } = await collectUntilError('<adressen><person/><kunde/></adressen>', { recordName: 'adresse' });

		expect(error).toBeInstanceOf(XmlError);
		expect(error).toMatchObject({
			code: 'noRecords',
			message: 'The XML document has no <adresse> element below its root <adressen>, which holds <person>, <kunde>.',
		});
	});

	it('stops with noRecords when the root is itself the record', async () => {
		const { error } = await collectUntilError('<adresse><email>a@example.de</email></adresse>', { recordName: 'adresse' });

		expect(error).toMatchObject({
			code: 'noRecords',
			message: 'The root element <adresse> is itself a record; the records must be inside one root element.',
		});
	});

	it('reads a root without children as a document without records', async () => {
		expect(await collect('<adressen anzahl="0"/>', { recordName: 'adresse' })).toEqual([]);
	});

	it.each([
		['a stray &', '<r><a><n>Meier & Co</n></a></r>', 'Meier & Co', 'an "&" that starts no reference'],
		['&#0;', '<r><a><n>x&#0;</n></a></r>', 'x&#0;', 'the reference "&#0;", which names no XML character'],
		['&#xFFFE;', '<r><a><n>x&#xFFFE;</n></a></r>', 'x&#xFFFE;', 'the reference "&#xFFFE;", which names no XML character'],
	])('keeps %s as written and marks the element', async (_, xml, text, problem) => {
		const [record] = await collect(xml, { recordName: 'a' });

		expect(record.children[0]).toMatchObject({ text, problem });
	});

	it('marks no element whose references are all valid', async () => {
		const [record] = await collect('<r><a><n>Meier &amp; Co &#252;</n></a></r>', { recordName: 'a' });

		expect(record.children[0]).toEqual({ name: 'n', attributes: {}, text: 'Meier & Co ü', children: [] });
	});

	it('warns once when a document declared windows-1252 holds UTF-8 sequences', async () => {
		const warnings: string[] = [];
		const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><r><a>Jürgen Müller</a></r>';

		for await (const record of iterateRecords(Buffer.from(xml, 'utf8'), { recordName: 'a', onWarning: (warning) => warnings.push(warning) })) {
			expect(record.element.text).toBe('JÃ¼rgen MÃ¼ller');
		}

		expect(warnings).toEqual([
			'The XML document is declared as ISO-8859-1 but byte 50 starts a UTF-8 character ("ü" read as "Ã¼"). If names show characters such as "Ã¼", the file is UTF-8: change its encoding declaration to UTF-8 or export it again, then check the addresses with umlauts.',
		]);
	});

	it.each([0, 1, 2, 3, 4, 5, 6, 7])('finds the first UTF-8 character after long ASCII and single-byte text, %i bytes into a word', async (shift) => {
		const warnings: string[] = [];
		const head = '<?xml version="1.0" encoding="windows-1252"?><r>';
		// single-byte letters first (ä, ß, ö: no UTF-8 sequence), then one UTF-8 ü after a run of ASCII
		const bytes = Buffer.concat([
			Buffer.from(`${head}<a>${'x'.repeat(shift)}`, 'latin1'),
			Buffer.from([0xe4, 0x20, 0xdf, 0x41, 0xf6]),
			Buffer.from(`${'y'.repeat(37)}`, 'latin1'),
			Buffer.from('ü', 'utf8'),
			Buffer.from('</a></r>', 'latin1'),
		]);
		const at = Buffer.byteLength(`${head}<a>`) + shift + 5 + 37;

		for await (const record of iterateRecords(bytes, { recordName: 'a', onWarning: (warning) => warnings.push(warning) })) {
			expect(record.element.text.endsWith('Ã¼')).toBe(true);
		}

		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toContain(`byte ${at} starts a UTF-8 character`);
	});
});
