import {
	childText,
	flattenFields,
	iterateRecordBatches,
	iterateRecords,
	type XmlElement,
	type XmlRoot,
} from '../../../../nodes/shared/xml/records';
import {
	address,
	addressExport,
	addressFields,
	chunksOf,
	collect,
	collectUntilError,
	encode,
	generatedExport,
	splitAt,
} from './fixtures';

const DTD_MESSAGE =
	'The XML document contains a DOCTYPE declaration; DTDs and entities are not allowed for security reasons';

/** Records as plain objects, so whole runs can be compared. */
function plain(elements: readonly XmlElement[]): unknown {
	return elements.map((element) => JSON.parse(JSON.stringify(element)));
}

describe('iterateRecords', () => {
	it('yields each record with its fields', async () => {
		const xml = addressExport([address(), address({ adrnr: '104712', vorname: 'Ben' })]);
		const records = await collect(encode(xml));
		expect(records.map((record) => flattenFields(record))).toEqual([
			addressFields(),
			addressFields({ adrnr: '104712', vorname: 'Ben' }),
		]);
	});

	it('numbers records from 1 and hands the same root to each', async () => {
		const xml = addressExport([address(), address(), address()]);
		const seen: Array<{ index: number; root: XmlRoot }> = [];
		for await (const { index, root } of iterateRecords(xml, { recordName: 'adresse' })) {
			seen.push({ index, root });
		}
		expect(seen.map(({ index }) => index)).toEqual([1, 2, 3]);
		expect(new Set(seen.map(({ root }) => root)).size).toBe(1);
	});

	it('exposes the root name, attributes and detected encoding', async () => {
		const roots: XmlRoot[] = [];
		for await (const record of iterateRecords(encode(addressExport([address()])))) {
			roots.push(record.root);
		}
		expect(roots).toEqual([
			{
				name: 'adressen',
				attributes: { exportdatum: '23.11.2025 12:00', anzahl: '1' },
				encoding: 'windows-1252',
				recordName: 'adresse',
			},
		]);
	});

	it('calls onRoot for a document without records', async () => {
		const roots: XmlRoot[] = [];
		const records = await collect('<adressen anzahl="0"></adressen>', {
			onRoot: (root) => roots.push(root),
		});
		expect({ records, roots }).toEqual({
			records: [],
			roots: [
				{
					name: 'adressen',
					attributes: { anzahl: '0' },
					encoding: undefined,
					recordName: undefined,
				},
			],
		});
	});

	it.each(['adresse', 'ADRESSE', 'Adresse', ' adresse '])(
		'matches the record name %p case-insensitively',
		async (recordName) => {
			const xml =
				'<ADRESSEN><ADRESSE><NAME>A</NAME></ADRESSE><Adresse><NAME>B</NAME></Adresse></ADRESSEN>';
			const records = await collect(xml, { recordName });
			expect(records.map((record) => childText(record, 'name'))).toEqual(['A', 'B']);
		},
	);

	it('finds named records at any depth, outermost first', async () => {
		const xml =
			'<transport><customers><customer code="K1"><customer code="inner"/></customer></customers>' +
			'<customer code="K2"/></transport>';
		const records = await collect(xml, { recordName: 'customer' });
		expect(records.map((record) => record.attributes.code)).toEqual(['K1', 'K2']);
	});

	it('detects the most frequent child of the root as the record element', async () => {
		const xml =
			'<export><kopf><datum>1</datum></kopf><adresse><n>A</n></adresse><adresse><n>B</n></adresse><fuss/></export>';
		const records = await collect(xml);
		expect(records.map((record) => childText(record, 'n'))).toEqual(['A', 'B']);
	});

	it('detects the repeated child of a single wrapper element as the record element', async () => {
		const xml =
			'<transport><customers><customer code="K1"/><customer code="K2"/></customers></transport>';
		const records = await collect(xml);
		expect(records.map((record) => record.attributes.code)).toEqual(['K1', 'K2']);
	});

	it('detects the only child of the root as the record element', async () => {
		const records = await collect(addressExport([address()]));
		expect(records.map((record) => record.name)).toEqual(['adresse']);
	});

	it('asks for recordName when the head of the document shows no element below the root', async () => {
		const xml = `<adressen>${'<!-- padding -->'.repeat(70000)}<adresse/></adressen>`;
		await expect(collect(xml)).rejects.toThrow(
			'The XML document has no element below its root within its first 1 MiB; set `recordName`.',
		);
	});

	it.each([
		['CDATA', '<name><![CDATA[Müller & <Söhne>]]></name>', 'Müller & <Söhne>'],
		['CDATA next to text', '<name>A <![CDATA[&]]> B</name>', 'A & B'],
		['an empty element', '<name></name>', ''],
		['a self-closing element', '<name/>', ''],
		['a self-closing element with a space', '<name />', ''],
		['a comment inside the value', '<name>Mül<!-- x -->ler</name>', 'Müller'],
		['a processing instruction inside the value', '<name>Mül<?pi x?>ler</name>', 'Müller'],
		['the five predefined entities', '<name>&lt;&gt;&amp;&quot;&apos;</name>', '<>&"\''],
		['decimal character references', '<name>M&#252;ller</name>', 'Müller'],
		['hexadecimal character references', '<name>M&#xFC;ller &#x1F600;</name>', 'Müller 😀'],
		['an unknown entity as written', '<name>A&nbsp;B</name>', 'A&nbsp;B'],
		['a stray ampersand as written', '<name>Müller & Co</name>', 'Müller & Co'],
		['a reference to a character XML forbids as written', '<name>a&#0;b</name>', 'a&#0;b'],
		[
			'CR and CRLF inside a value as LF',
			'<name>Zeile 1\r\nZeile 2\rZeile 3</name>',
			'Zeile 1\nZeile 2\nZeile 3',
		],
		['a value between tabs', '<name>\t Müller \t</name>', 'Müller'],
	])('reads %s', async (_case, field, expected) => {
		const xml = `<adressen><adresse>${field}</adresse></adressen>`;
		const [record] = await collect(xml, { recordName: 'adresse' });
		expect(childText(record, 'name')).toBe(expected);
	});

	it('keeps untrimmed text in the element', async () => {
		const [record] = await collect('<r><a><name> x\r\n</name></a></r>', { recordName: 'a' });
		expect(record.children[0].text).toBe(' x\n');
	});

	it('ignores comments, processing instructions and the declaration around records', async () => {
		const xml =
			'<?xml version="1.0"?>\n<!-- export -->\n<?app x?>\n<r>\n<!-- one -->\n<a><n>1</n></a>\n<?pi?>\n<a><n>2</n></a>\n</r>\n<!-- end -->\n';
		const records = await collect(xml, { recordName: 'a' });
		expect(records.map((record) => childText(record, 'n'))).toEqual(['1', '2']);
	});

	it.each([
		['in double quotes', '<a code="K 1" name="Mets &amp; Co"/>'],
		['in single quotes', "<a code='K 1' name='Mets &amp; Co'/>"],
		['with whitespace around "="', '<a code = "K 1"\tname =\n\'Mets &amp; Co\' />'],
	])('reads attributes %s', async (_case, record) => {
		const [element] = await collect(`<r>${record}</r>`, { recordName: 'a' });
		expect(element.attributes).toEqual({ code: 'K 1', name: 'Mets & Co' });
	});

	it('normalises tabs and line breaks in attribute values to spaces, but not character references', async () => {
		const [element] = await collect('<r><a v="x\r\ny\tz&#10;"/></r>', { recordName: 'a' });
		expect(element.attributes.v).toBe('x y z\n');
	});

	it('keeps an attribute named __proto__ as an own property', async () => {
		const [element] = await collect('<r><a __proto__="x"/></r>', { recordName: 'a' });
		expect(Object.keys(element.attributes)).toEqual(['__proto__']);
	});

	it('builds nested children such as a communication list', async () => {
		const xml =
			'<ANMELDUNGEN><ANMELDUNG><STAMMDATEN><NAME>Muster</NAME><KOMMUNIKATION>\r\n' +
			'  <KOMMUNIKATIONSEINTRAG><KOMMART>T</KOMMART><KOMMWERT>0123 4567</KOMMWERT></KOMMUNIKATIONSEINTRAG>\r\n' +
			'  <KOMMUNIKATIONSEINTRAG><KOMMART>E</KOMMART><KOMMWERT>anna@example.org</KOMMWERT></KOMMUNIKATIONSEINTRAG>\r\n' +
			'</KOMMUNIKATION></STAMMDATEN></ANMELDUNG></ANMELDUNGEN>';
		const [record] = await collect(xml, { recordName: 'anmeldung' });
		const entries = record.children[0].children[1].children;
		expect(entries.map((entry) => flattenFields(entry))).toEqual([
			{ KOMMART: 'T', KOMMWERT: '0123 4567' },
			{ KOMMART: 'E', KOMMWERT: 'anna@example.org' },
		]);
	});

	it('drops whitespace between child elements but keeps mixed text', async () => {
		const [record] = await collect('<r><a>\n  Hallo <b>Welt</b>\n  <c/>\n</a></r>', {
			recordName: 'a',
		});
		expect(record.text).toBe('\n  Hallo ');
	});

	it('reads records whose fields vary in order, presence, indentation and form', async () => {
		const xml =
			'<r>\n<a>\n  <x>1</x>\n  <y>2</y>\n</a>\n<a>\n  <x>3</x>\n  <y>4</y>\n</a>\n' +
			'<a>\n  <y>5</y>\n  <x>6</x>\n</a>\n<a>\n\t<x>7</x>\n\t<y>8</y>\n</a>\n' +
			'<a><x>9</x><y>10</y><z/></a>\n<a>\n  <x k="v">11</x>\n  <y><![CDATA[12]]></y>\n</a>\n' +
			'<a>\n  <x>13</x>\n  <y>14</y>\n</a>\n<a>\n  <x>15<w/></x>\n  <y>16</y>\n</a>\n</r>';
		const records = await collect(xml, { recordName: 'a' });
		expect(records.map((record) => [childText(record, 'x'), childText(record, 'y')])).toEqual([
			['1', '2'],
			['3', '4'],
			['6', '5'],
			['7', '8'],
			['9', '10'],
			['11', '12'],
			['13', '14'],
			['15', '16'],
		]);
	});

	it('reads a string source', async () => {
		const records = await collect(`\uFEFF${addressExport([address({ vorname: 'Õie' })])}`);
		expect(records.map((record) => childText(record, 'vorname'))).toEqual(['Õie']);
	});

	it('reads a UTF-8 document with BOM', async () => {
		const bytes = new Uint8Array([
			0xef,
			0xbb,
			0xbf,
			...encode(addressExport([address()], 'UTF-8'), 'utf-8'),
		]);
		const [record] = await collect(bytes);
		expect(childText(record, 'name')).toBe('Müller-Lüdenscheidt');
	});

	it.each([
		['UTF-8', 'utf-8'],
		['windows-1252', 'windows-1252'],
		['ISO-8859-1', 'iso-8859-1'],
	] as const)(
		'gives the same records for a document in %s split at every byte',
		async (label, target) => {
			const xml =
				`<?xml version="1.0" encoding="${label}"?>\r\n<!-- Export -->\r\n<adressen anzahl="2" quelle='Käse &amp; Co'>\r\n` +
				'  <adresse typ="privat">\r\n    <name>Weiß &#x26; Söhne</name>\r\n    <titel/>\r\n' +
				'    <notiz><![CDATA[a < b & c]]></notiz>\r\n    <?pi data?>\r\n' +
				'    <kommunikation><eintrag art="E">x@example.de</eintrag></kommunikation>\r\n  </adresse>\r\n' +
				'  <adresse><name>Õie Mäe</name></adresse>\r\n</adressen>\r\n';
			const bytes = encode(xml, target);
			const expected = plain(await collect(bytes));
			expect(expected).toHaveLength(2);
			for (let at = 1; at < bytes.length; at++) {
				expect([at, plain(await collect(splitAt(bytes, at)))]).toEqual([at, expected]);
			}
		},
	);

	it.each([1, 2, 3, 5, 7, 13])('gives the same records for chunks of %i byte(s)', async (size) => {
		const bytes = encode(generatedExport(3).replace('windows-1252', 'UTF-8'), 'utf-8');
		expect(plain(await collect(chunksOf(bytes, size)))).toEqual(plain(await collect(bytes)));
	});

	it('streams a large generated document record by record', async () => {
		const bytes = encode(generatedExport(20000));
		let count = 0;
		let last: XmlElement | undefined;
		for await (const record of iterateRecords(chunksOf(bytes, 64 * 1024), {
			recordName: 'adresse',
		})) {
			count++;
			last = record.element;
		}
		expect({ count, email: last && childText(last, 'email') }).toEqual({
			count: 20000,
			email: 'person.19999@example.de',
		});
	});

	it.each([10, 1000])(
		'reads a stream that refills one %i-byte buffer for every chunk',
		async (size) => {
			const bytes = encode(generatedExport(200).replace('windows-1252', 'UTF-8'), 'utf-8');
			async function* refilled(): AsyncGenerator<Uint8Array> {
				// a Node Buffer, whose slice() is a view, as file streams hand over
				const buffer = Buffer.alloc(size);
				for (let offset = 0; offset < bytes.length; offset += buffer.length) {
					const piece = bytes.subarray(offset, offset + buffer.length);
					buffer.set(piece);
					yield buffer.subarray(0, piece.length);
				}
			}
			expect(plain(await collect(refilled()))).toEqual(plain(await collect(bytes)));
		},
	);

	it('closes the source when the consumer stops early', async () => {
		let isClosed = false;
		async function* source(): AsyncGenerator<Uint8Array> {
			try {
				yield encode(generatedExport(100));
			} finally {
				isClosed = true;
			}
		}
		for await (const record of iterateRecords(source())) {
			if (record.index === 2) break;
		}
		expect(isClosed).toBe(true);
	});

	it('warns and reads on when a document declared UTF-8 holds Windows-1252 bytes and fallback is chosen', async () => {
		const warnings: string[] = [];
		const bytes = encode(addressExport([address()], 'UTF-8'));
		const [record] = await collect(bytes, {
			invalidUtf8: 'fallback',
			onWarning: (w) => warnings.push(w),
		});
		expect({ name: childText(record, 'vorname'), warnings: warnings.length }).toEqual({
			name: 'Jürgen',
			warnings: 1,
		});
	});

	it('rejects a document declared UTF-8 that holds Windows-1252 bytes', async () => {
		const bytes = encode(addressExport([address()], 'UTF-8'));
		await expect(collect(bytes)).rejects.toThrow(
			'The XML document is declared as UTF-8 but byte 199 (0xFC) is not valid UTF-8.',
		);
	});

	describe('security', () => {
		it.each([
			['a plain DOCTYPE', '<!DOCTYPE adressen><adressen><adresse/></adressen>'],
			['a DOCTYPE in lower case', '<!doctype adressen><adressen><adresse/></adressen>'],
			[
				'billion laughs',
				'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
					'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz><a>&lol3;</a><a>&lol3;</a></lolz>',
			],
			[
				'an external entity (XXE)',
				'<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><adressen><adresse><name>&xxe;</name></adresse></adressen>',
			],
			[
				'an external DTD',
				'<!DOCTYPE adressen SYSTEM "http://127.0.0.1:9/evil.dtd"><adressen><adresse/></adressen>',
			],
		])('rejects %s without reading a record', async (_case, xml) => {
			const { elements, error } = await collectUntilError(xml, { recordName: 'adresse' });
			expect({ elements, message: (error as Error).message }).toEqual({
				elements: [],
				message: DTD_MESSAGE,
			});
		});

		it('rejects an ENTITY declaration outside a DOCTYPE', async () => {
			await expect(collect('<r><!ENTITY x "y"><a/></r>', { recordName: 'a' })).rejects.toThrow(
				'The XML document contains an ENTITY declaration; DTDs and entities are not allowed for security reasons',
			);
		});

		it('rejects a DOCTYPE split across chunks', async () => {
			const bytes = encode('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]><x/>');
			await expect(collect(chunksOf(bytes, 3), { recordName: 'a' })).rejects.toThrow(DTD_MESSAGE);
		});

		it('rejects a DOCTYPE during record detection', async () => {
			await expect(collect('<!DOCTYPE r><r><a/><a/></r>')).rejects.toThrow(DTD_MESSAGE);
		});

		it('marks a rejected DTD with the code "forbiddenDtd"', async () => {
			await expect(collect('<!DOCTYPE r><r/>')).rejects.toMatchObject({ code: 'forbiddenDtd' });
		});

		it('does not mistake a DOCTYPE inside CDATA or a comment for one', async () => {
			const xml = '<r><a><![CDATA[<!DOCTYPE html>]]></a><!-- <!DOCTYPE x> --></r>';
			const records = await collect(xml, { recordName: 'a' });
			expect(records.map((record) => record.text)).toEqual(['<!DOCTYPE html>']);
		});

		it('stops at maxDepth before building deeper elements', async () => {
			const xml = `<r><a>${'<x>'.repeat(40)}${'</x>'.repeat(40)}</a></r>`;
			await expect(collect(xml, { recordName: 'a' })).rejects.toThrow(
				'The XML document nests elements deeper than 32 levels (`maxDepth`) (record 1, near character 96).',
			);
		});

		it('applies a lower maxDepth', async () => {
			const xml = '<r><a><b><c/></b></a></r>';
			await expect(collect(xml, { recordName: 'a', maxDepth: 3 })).rejects.toThrow(
				'The XML document nests elements deeper than 3 levels (`maxDepth`) (record 1, near character 9).',
			);
		});

		it('stops at a record longer than maxRecordBytes', async () => {
			const xml = addressExport([address(), address({ name: 'x'.repeat(3000) }), address()]);
			const { elements, error } = await collectUntilError(encode(xml), {
				recordName: 'adresse',
				maxRecordBytes: 2048,
			});
			expect({ count: elements.length, message: (error as Error).message }).toEqual({
				count: 1,
				message: 'The record is longer than 2 KiB (`maxRecordBytes`) (record 2, near byte 3574).',
			});
		});

		it('stops at a record longer than maxRecordBytes when it comes in small chunks', async () => {
			const xml = `<r><a>${'<b>x</b>'.repeat(1000)}</a></r>`;
			await expect(
				collect(chunksOf(encode(xml), 100), { recordName: 'a', maxRecordBytes: 1000 }),
			).rejects.toThrow(
				'The record is longer than 1000 bytes (`maxRecordBytes`) (record 1, near byte 1098).',
			);
		});

		it('stops at text between records longer than maxRecordBytes', async () => {
			const xml = `<r><a/>${'x'.repeat(5000)}<a/></r>`;
			await expect(
				collect(chunksOf(encode(xml), 1000), { recordName: 'a', maxRecordBytes: 1024 }),
			).rejects.toThrow(
				'The XML document has a tag, comment or text longer than 1 KiB (`maxRecordBytes`) (after record 1, near byte 7).',
			);
		});

		it('stops at a document larger than maxTotalBytes', async () => {
			await expect(
				collect(chunksOf(encode(generatedExport(50)), 4096), { maxTotalBytes: 10000 }),
			).rejects.toThrow('The XML document is larger than 10000 bytes (`maxTotalBytes`).');
		});

		it('checks maxTotalBytes of a whole buffer before reading it', async () => {
			const { elements, error } = await collectUntilError(encode(generatedExport(50)), {
				maxTotalBytes: 10000,
			});
			expect({ elements, message: (error as Error).message }).toEqual({
				elements: [],
				message: 'The XML document is larger than 10000 bytes (`maxTotalBytes`).',
			});
		});
	});

	describe('malformed documents', () => {
		it('delivers the records before a truncation and then names where the file ends', async () => {
			const xml = addressExport([address(), address(), address()]);
			// cut after "<vorname>Jür" of the third record
			const bytes = encode(
				xml.slice(0, xml.indexOf('<vorname>', xml.lastIndexOf('<adresse>')) + 12),
			);
			const { elements, error } = await collectUntilError(bytes);
			expect({ count: elements.length, message: (error as Error).message }).toEqual({
				count: 2,
				message: 'The XML document ends before <vorname> is closed (record 3, near byte 702).',
			});
		});

		it('names the root when the file ends after the last record', async () => {
			const xml = '<r><a/><a/>';
			await expect(collect(xml, { recordName: 'a' })).rejects.toThrow(
				'The XML document ends before <r> is closed (after record 2, near character 11).',
			);
		});

		it('names a file that ends inside a tag', async () => {
			await expect(collect('<r><a><b x="1', { recordName: 'a' })).rejects.toThrow(
				'The XML document ends inside a tag, comment or CDATA section (record 1, near character 6).',
			);
		});

		it('names mismatched end tags with the record number', async () => {
			const xml = '<r><a><b>1</b></a><a><b>2</c></a></r>';
			await expect(collect(xml, { recordName: 'a' })).rejects.toThrow(
				'The XML document has </c> where </b> should be (record 2, near character 25).',
			);
		});

		it('marks a truncated document with the code "truncated" and the record number', async () => {
			await expect(collect('<r><a><b>', { recordName: 'a' })).rejects.toMatchObject({
				code: 'truncated',
				record: 1,
			});
		});

		it.each([
			['an empty document', '', 'The XML document has no root element (near character 0).'],
			[
				'a document with only a declaration',
				'<?xml version="1.0"?>\n',
				'The XML document has no root element (near character 22).',
			],
			[
				'text instead of XML',
				'Service Unavailable',
				'The XML document has text outside the root element (near character 0).',
			],
			[
				'two root elements',
				'<r/><r/>',
				'The XML document has more than one root element (near character 4).',
			],
			[
				'text after the root',
				'<r/>x',
				'The XML document has text outside the root element (near character 4).',
			],
			[
				'an end tag without start tag',
				'<r></r></x>',
				'The XML document has the end tag </x> without a start tag (near character 7).',
			],
			[
				'an unquoted attribute',
				'<r a=1/>',
				'The value of attribute "a" of <r> is not quoted (near character 5).',
			],
			[
				'an attribute without value',
				'<r a/>',
				'The attribute "a" of <r> has no value (near character 4).',
			],
			[
				'a repeated attribute',
				'<r a="1" a="2"/>',
				'The tag <r> has the attribute "a" twice (near character 9).',
			],
			[
				'"<" in an attribute value',
				'<r a="<"/>',
				'The value of attribute "a" of <r> contains "<" (near character 5).',
			],
			[
				'a tag starting with a digit',
				'<r><1a/></r>',
				'The XML document has "1" where an element name should start (near character 4).',
			],
			[
				'attributes without whitespace',
				'<r a="1"b="2"/>',
				'The tag <r> has "b" where whitespace, an attribute, ">" or "/>" should be (near character 8).',
			],
			[
				'an element declaration',
				'<r><!ELEMENT r ANY></r>',
				'The XML document has the unsupported markup "<!ELEMENT" (near character 3).',
			],
		])('rejects %s', async (_case, xml, message) => {
			await expect(collect(xml, { recordName: 'a' })).rejects.toThrow(message);
		});
	});

	describe('options', () => {
		it.each([
			['maxDepth', { maxDepth: 0 }, 'Expected `maxDepth` to be a positive integer, got 0.'],
			[
				'maxRecordBytes',
				{ maxRecordBytes: 1.5 },
				'Expected `maxRecordBytes` to be a positive integer, got 1.5.',
			],
			[
				'maxTotalBytes',
				{ maxTotalBytes: -1 },
				'Expected `maxTotalBytes` to be a positive integer, got -1.',
			],
			['recordName', { recordName: '' }, 'Expected `recordName` to be a non-empty string, got "".'],
		])('rejects an invalid %s when called', (_case, options, message) => {
			expect(() => iterateRecords('<r/>', options)).toThrow(message);
		});

		it('rejects a source that is not bytes or text', async () => {
			await expect(collect(42 as unknown as string)).rejects.toThrow(
				'Expected `source` to be a string, a Uint8Array or an async iterable of Uint8Array chunks.',
			);
		});

		it('rejects chunks that are not Uint8Array', async () => {
			async function* strings(): AsyncGenerator<string> {
				yield '<r/>';
			}
			await expect(collect(strings() as unknown as AsyncIterable<Uint8Array>)).rejects.toThrow(
				'Expected `source` to yield Uint8Array chunks, got string.',
			);
		});
	});
});

describe('iterateRecordBatches', () => {
	it('hands out the records of each piece read together, the same records as iterateRecords', async () => {
		const xml = generatedExport(3000);
		const batches: number[][] = [];
		const elements: XmlElement[] = [];
		for await (const batch of iterateRecordBatches(encode(xml), { recordName: 'adresse' })) {
			batches.push(batch.map((record) => record.index));
			for (const record of batch) elements.push(record.element);
		}

		expect(batches.length).toBeGreaterThan(1);
		expect(batches.length).toBeLessThan(3000);
		expect(batches.flat()).toEqual(Array.from({ length: 3000 }, (_, index) => index + 1));
		expect(plain(elements)).toEqual(plain(await collect(encode(xml), { recordName: 'adresse' })));
	});

	it('hands out the records before a failure in that piece, then fails', async () => {
		const xml = `<adressen>${'<adresse><email>a@example.org</email></adresse>'.repeat(3)}<adresse><email>b@example.org</adresse></adressen>`;
		const seen: number[] = [];

		await expect(
			(async () => {
				for await (const batch of iterateRecordBatches(xml, { recordName: 'adresse' })) for (const record of batch) seen.push(record.index);
			})(),
		).rejects.toThrow();
		expect(seen).toEqual([1, 2, 3]);
	});

	it('checks its options when called', () => {
		expect(() => iterateRecordBatches('<r/>', { maxDepth: 0 })).toThrow();
	});
});
