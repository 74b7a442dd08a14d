import {
	carriesWindowsPunctuation,
	FIXTURE_ENCODINGS,
	type FixtureEncoding,
	type ShapeOptions,
} from '../../../sandbox/kufer';
import { address, exportOf, hintsOf, parseExport } from '../helpers';

const UMLAUTS = address({
	vorname: 'Jürgen',
	name: 'Weiß-Öztürk',
	titel: 'Prof. Dr.',
	extra: { strasse: 'Lößnitzstraße 7', ort: '01067 Dresden-Äußere Neustadt' },
});

describe('KUFER Parse encodings and shapes', () => {
	const readable = FIXTURE_ENCODINGS.filter((encoding) => encoding !== 'utf-8-declared-invalid');

	it.each(readable)('keeps umlauts and ß of a %s export', async (encoding: FixtureEncoding) => {
		const bemerkung = carriesWindowsPunctuation(encoding) ? '„Kurs“ – 35 €' : 'Kurs à 35 £';
		const result = await parseExport(
			exportOf([{ ...UMLAUTS, extra: { ...UMLAUTS.extra, bemerkung } }], { encoding }),
		);

		expect(result.json('KUFER', 0)).toMatchObject([
			{
				firstName: 'Jürgen',
				lastName: 'Weiß-Öztürk',
				title: 'Prof. Dr.',
				fields: { strasse: 'Lößnitzstraße 7', ort: '01067 Dresden-Äußere Neustadt', bemerkung },
			},
		]);
	});

	it('stops at a file declared UTF-8 that holds Windows-1252 bytes, naming the byte', async () => {
		const result = await parseExport(exportOf([UMLAUTS], { encoding: 'utf-8-declared-invalid' }));

		expect(result.error?.message).toBe(
			'Could not read the KUFER export "adressen-1.xml": The XML document is declared as UTF-8 but byte 199 (0xFC) is not valid UTF-8.',
		);
	});

	it('reads a file declared UTF-8 with Windows-1252 bytes when told to, with a warning', async () => {
		const result = await parseExport(exportOf([UMLAUTS], { encoding: 'utf-8-declared-invalid' }), {
			options: { invalidUtf8: 'fallback' },
		});

		expect(result.json('KUFER', 0)[0]).toMatchObject({
			firstName: 'Jürgen',
			lastName: 'Weiß-Öztürk',
		});
		expect(hintsOf(result)).toEqual([
			'The XML document is declared as UTF-8 but byte 199 (0xFC) is not valid UTF-8; the rest was decoded as Windows-1252.',
		]);
	});

	it.each<[string, ShapeOptions]>([
		['upper-case element names', { case: 'upper' }],
		['mixed-case element names', { case: 'mixed' }],
		['the aliases nachname and e-mail', { aliases: true }],
		['CDATA sections', { cdata: true }],
		['self-closing empty elements', { selfClosingEmpty: true }],
		['CRLF line ends', { lineEnd: '\r\n' }],
		['the address in KOMMUNIKATION', { communication: true }],
		[
			'all of these at once',
			{
				case: 'upper',
				aliases: true,
				cdata: true,
				selfClosingEmpty: true,
				lineEnd: '\r\n',
				communication: true,
			},
		],
	])('reads an export with %s', async (_name, shape) => {
		const result = await parseExport(
			exportOf([address({ titel: '', newsletterdatum: '' })], shape),
		);

		expect(result.json('KUFER', 0)).toEqual([
			expect.objectContaining({
				email: 'j.mueller@example.de',
				externalId: '104711',
				salutation: 'Frau',
				firstName: 'Jördis',
				lastName: 'Müller-Lüdenscheidt',
				consent: {
					action: 'send',
					reason: 'explicit opt-in (KUFER status J)',
					status: 'optIn',
					origin: { system: 'KUFER', record: 'address 104711' },
				},
			}),
		]);
		expect(result.json('KUFER', 0)[0]).not.toHaveProperty('title');
	});

	it('reads markup characters inside CDATA and references as text', async () => {
		const text =
			'<adressen><adresse><email><![CDATA[ a&b@example.org ]]></email><name>M&amp;M &#x2013; &lt;GmbH&gt;</name><newsletter>J</newsletter></adresse></adressen>';
		const result = await parseExport(new TextEncoder().encode(text));

		expect(result.json('KUFER', 0)[0]).toMatchObject({
			email: 'a&b@example.org',
			lastName: 'M&M – <GmbH>',
		});
	});
});
