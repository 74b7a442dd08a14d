import { decodeFixture, encodeFixture, FIXTURE_ENCODINGS, type FixtureEncoding } from './encoding';
import { generateRecords } from './records';
import { renderExport, renderExportText, streamExport } from './render';

const TEXT = 'Jürgen Weiß „Kurs“ – 35 €';

describe('KUFER fixture encodings', () => {
	it.each<[FixtureEncoding, string]>([
		['utf-8', 'utf-8'],
		['utf-8-bom', 'utf-8'],
		['utf-8-undeclared', 'utf-8'],
		['windows-1252', 'windows-1252'],
		['windows-1252-undeclared', 'windows-1252'],
		['iso-8859-1-with-c1', 'windows-1252'],
		['utf-8-declared-invalid', 'windows-1252'],
		['utf-16le-bom', 'utf-16le'],
	])('writes %s so that a %s decoder reads the text back', (encoding, label) => {
		const bytes = encodeFixture(TEXT, encoding);

		// `stream: true` takes ICU's path: Node 20's one-shot windows-1252 decoder reads 0x80–0x9F as Latin-1
		expect(new TextDecoder(label).decode(bytes, { stream: true })).toBe(TEXT);
	});

	it('writes ISO-8859-1 byte for byte and refuses characters it cannot hold', () => {
		expect([...encodeFixture('ü', 'iso-8859-1')]).toEqual([0xfc]);
		expect(() => encodeFixture('€', 'iso-8859-1')).toThrow(
			'The fixture text holds "€", which this encoding cannot write.',
		);
	});

	it('puts 0x80–0x9F bytes into a file declared ISO-8859-1 when asked', () => {
		const bytes = renderExport([{ kind: 'optIn', adrnr: '1', extra: { bemerkung: '„x“' } }], {
			encoding: 'iso-8859-1-with-c1',
		});

		expect(new TextDecoder('latin1').decode(bytes.subarray(0, 45))).toContain(
			'encoding="ISO-8859-1"',
		);
		expect(bytes.includes(0x84)).toBe(true);
		expect(bytes.includes(0x93)).toBe(true);
	});

	it.each(FIXTURE_ENCODINGS.filter((encoding) => encoding !== 'utf-16le-bom'))(
		'declares %s as the reference says',
		(encoding) => {
			const head = decodeFixture(
				renderExport([], { encoding }),
				encoding.startsWith('utf-8') && encoding !== 'utf-8-declared-invalid'
					? 'utf-8'
					: 'windows-1252',
			);
			const declared = /encoding="([^"]+)"/.exec(head)?.[1];

			expect(declared).toBe(
				{
					'utf-8': 'UTF-8',
					'utf-8-bom': 'UTF-8',
					'utf-8-declared-invalid': 'UTF-8',
					'windows-1252': 'windows-1252',
					'iso-8859-1': 'ISO-8859-1',
					'iso-8859-1-with-c1': 'ISO-8859-1',
				}[encoding as string],
			);
		},
	);

	it('streams the same bytes it renders', async () => {
		const records = generateRecords({ count: 30, seed: 3 });
		const chunks: number[] = [];
		for await (const chunk of streamExport({ count: 30, seed: 3, recordsPerChunk: 7 }))
			chunks.push(...chunk);

		expect(Buffer.from(chunks)).toEqual(Buffer.from(renderExport(records)));
		expect(renderExportText(records)).toContain('anzahl="30"');
	});
});
