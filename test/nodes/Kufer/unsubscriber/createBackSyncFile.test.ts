import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { csvField } from '../../../../nodes/Kufer/backSyncFile';
import { readBackSyncFile } from '../../../sandbox/kufer';
import type { RunResult } from '../../../harness/workflow';
import { BACK_SYNC, runKufer } from '../helpers';

// 23.11.2025 12:05:00 in Berlin
const NOW = Date.UTC(2025, 10, 23, 11, 5, 0);

function unsubscriber(email: unknown, extra: IDataObject = {}): INodeExecutionData {
	return { json: { email, ...extra } as IDataObject };
}

function backSync(items: INodeExecutionData[], parameters: IDataObject = {}): Promise<RunResult> {
	return runKufer({ ...BACK_SYNC, ...parameters }, items);
}

function fileOf(result: RunResult): { bytes: Buffer; fileName?: string; mimeType: string } {
	const binary = result.items('KUFER')[0].binary?.data;
	if (!binary) throw new Error('The output item has no file');
	return {
		bytes: Buffer.from(binary.data, 'base64'),
		fileName: binary.fileName,
		mimeType: binary.mimeType,
	};
}

describe('KUFER Create Back-Sync File', () => {
	beforeEach(() => {
		jest.spyOn(Date, 'now').mockReturnValue(NOW);
	});

	afterEach(() => {
		jest.restoreAllMocks();
	});

	it('writes the addresses as an XML file in the vocabulary of the export', async () => {
		const result = await backSync([
			unsubscriber(' J.Mueller@Example.DE ', {
				externalId: '104711',
				timestamp: '2025-11-22 10:00:00',
			}),
			unsubscriber('alt@example.org', { timestamp: '2025-11-21T23:30:00Z' }),
		]);

		expect(fileOf(result).bytes.toString('latin1')).toBe(
			'<?xml version="1.0" encoding="windows-1252"?>\n' +
				'<adressen exportdatum="23.11.2025 12:05" anzahl="2" quelle="Maileon">\n' +
				'  <adresse><adrnr>104711</adrnr><email>j.mueller@example.de</email><newsletter>N</newsletter><newsletterdatum>22.11.2025</newsletterdatum><grund>abmeldung</grund></adresse>\n' +
				'  <adresse><adrnr/><email>alt@example.org</email><newsletter>N</newsletter><newsletterdatum>22.11.2025</newsletterdatum><grund>abmeldung</grund></adresse>\n' +
				'</adressen>\n',
		);
	});

	it.each([
		['xml', 'abmelder-20251123-120500.xml', 'application/xml'],
		['csv', 'abmelder-20251123-120500.csv', 'text/csv'],
	])(
		'names the %s file after the time of the run and gives its MIME type',
		async (format, fileName, mimeType) => {
			const result = await backSync([unsubscriber('a@example.org')], { format });

			expect(fileOf(result)).toMatchObject({ fileName, mimeType });
		},
	);

	it('reports what it wrote, linked to every input item', async () => {
		const result = await backSync([
			unsubscriber('a@example.org'),
			unsubscriber('kaputt'),
			unsubscriber(undefined),
		]);

		const [item] = result.items('KUFER');
		expect(item.pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(item.json).toMatchObject({
			fileName: 'abmelder-20251123-120500.xml',
			format: 'xml',
			encoding: 'windows-1252',
			written: 1,
			skippedInvalid: 2,
			duplicates: 0,
			skipped: [
				{ item: 1, email: 'kaputt', reason: 'The email address "kaputt" has no @' },
				{ item: 2, email: null, reason: 'The item has no e-mail address in "email"' },
			],
			report: {
				target: 'KUFER',
				counts: { selected: 0, unsubscribersSyncedBack: 1 },
				summary: '0 selected, 1 unsubscriber written back',
			},
		});
	});

	it('writes an address once and keeps the address number another item knows', async () => {
		const result = await backSync([
			unsubscriber('a@example.org', { timestamp: '2025-11-20 09:00:00' }),
			unsubscriber('A@example.org', { externalId: 4711 }),
		]);

		expect(result.json('KUFER')[0]).toMatchObject({ written: 1, duplicates: 1 });
		expect(readBackSyncFile(fileOf(result).bytes).rows).toEqual([
			{
				adrnr: '4711',
				email: 'a@example.org',
				newsletter: 'N',
				newsletterdatum: '20.11.2025',
				grund: 'abmeldung',
			},
		]);
	});

	it.each([
		['an ISO time with offset', '2025-11-20T23:30:00-02:00', '21.11.2025'],
		['a Maileon time in UTC', '2025-11-20 23:30:00', '21.11.2025'],
		['epoch milliseconds', Date.UTC(2025, 10, 19, 12), '19.11.2025'],
		['a KUFER date', '18.11.2025', '18.11.2025'],
		['nothing', undefined, '23.11.2025'],
		['something unreadable', 'letzte Woche', '23.11.2025'],
	])('dates the unsubscribe from %s', async (_name, timestamp, expected) => {
		const result = await backSync([unsubscriber('a@example.org', { timestamp })]);

		expect(readBackSyncFile(fileOf(result).bytes).rows[0].newsletterdatum).toBe(expected);
	});

	it('reads e-mail, id and date from the configured fields, dots reaching into objects', async () => {
		const result = await backSync(
			[{ json: { contact: { mail: 'b@example.org', kufer: '77' }, when: '01.11.2025' } }],
			{ options: { emailField: 'contact.mail', idField: 'contact.kufer', dateField: 'when' } },
		);

		expect(readBackSyncFile(fileOf(result).bytes).rows).toEqual([
			{
				adrnr: '77',
				email: 'b@example.org',
				newsletter: 'N',
				newsletterdatum: '01.11.2025',
				grund: 'abmeldung',
			},
		]);
	});

	it.each([
		['sperrliste', 'sperrliste'],
		['loeschung', 'loeschung'],
		['none', ''],
	])('writes the reason %s', async (reason, grund) => {
		const result = await backSync([unsubscriber('a@example.org')], { reason });

		expect(readBackSyncFile(fileOf(result).bytes).rows[0].grund).toBe(grund);
	});

	it('names the platform in the root attribute "quelle"', async () => {
		const result = await backSync([unsubscriber('a@example.org')], { sourceName: 'Newsletter2Go' });

		expect(readBackSyncFile(fileOf(result).bytes).attributes.quelle).toBe('Newsletter2Go');
	});

	describe('encodings', () => {
		it.each([
			['windows-1252', [0x6a, 0xfc, 0x72]],
			['iso-8859-1', [0x6a, 0xfc, 0x72]],
			['utf-8', [0x6a, 0xc3, 0xbc, 0x72]],
		])('writes umlauts in %s', async (encoding, jür) => {
			const result = await backSync([unsubscriber('jürgen@müller.de')], { encoding });

			const { bytes } = fileOf(result);
			expect(bytes.includes(Buffer.from(jür))).toBe(true);
			expect(bytes.toString('latin1')).toContain(
				`encoding="${encoding === 'utf-8' ? 'UTF-8' : encoding === 'iso-8859-1' ? 'ISO-8859-1' : 'windows-1252'}"`,
			);
			expect(readBackSyncFile(bytes).rows[0].email).toBe('jürgen@müller.de');
		});

		it('writes characters the encoding lacks as character references in XML', async () => {
			const result = await backSync([unsubscriber('zoltán.kő@example.hu')], {
				encoding: 'iso-8859-1',
			});

			const { bytes } = fileOf(result);
			expect(bytes.toString('latin1')).toContain('<email>zolt\u00e1n.k&#x151;@example.hu</email>');
			expect(readBackSyncFile(bytes).rows[0].email).toBe('zoltán.kő@example.hu');
		});
	});

	describe('CSV', () => {
		it('writes a semicolon-separated file with a header and Windows line ends', async () => {
			const result = await backSync(
				[
					unsubscriber('jürgen@example.de', {
						externalId: '104711',
						timestamp: '2025-11-22 10:00:00',
					}),
					unsubscriber('b@example.org'),
				],
				{ format: 'csv' },
			);

			expect(fileOf(result).bytes.toString('latin1')).toBe(
				'adrnr;email;newsletter;newsletterdatum;grund\r\n' +
					'104711;j\u00fcrgen@example.de;N;22.11.2025;abmeldung\r\n' +
					';b@example.org;N;23.11.2025;abmeldung\r\n',
			);
		});

		it('defuses values a spreadsheet would run as a formula and keeps addresses as they are', async () => {
			const result = await backSync(
				[
					unsubscriber('a@example.org', { externalId: '=HYPERLINK("http://x")' }),
					unsubscriber('+a@example.org', { externalId: '@SUM(1)' }),
					unsubscriber('-b@example.org', { externalId: '-1' }),
				],
				{ format: 'csv' },
			);

			expect(fileOf(result).bytes.toString('latin1').split('\r\n').slice(1, 4)).toEqual([
				'"\'=HYPERLINK(""http://x"")";a@example.org;N;23.11.2025;abmeldung',
				'"\'@SUM(1)";"+a@example.org";N;23.11.2025;abmeldung',
				'"-1";"-b@example.org";N;23.11.2025;abmeldung',
			]);
		});

		it('skips an address starting with =, which no mailbox has and a spreadsheet would run', async () => {
			const result = await backSync([unsubscriber('=cmd@example.org')], { format: 'csv' });

			expect(fileOf(result).bytes.toString('latin1')).not.toContain('cmd@example.org');
		});

		it.each(['=1+1', '@user', '\tx', '\rx'])(
			'defuses the CSV value %j by quoting it behind an apostrophe',
			(value) => {
				expect(csvField(value)).toBe(`"'${value}"`);
			},
		);

		it.each(['+49', '-5', '+anna@example.org', '-info@example.org'])(
			'quotes the CSV value %j without changing it',
			(value) => {
				expect(csvField(value)).toBe(`"${value}"`);
			},
		);

		it.each([
			['a;b', '"a;b"'],
			['sagt "ja"', '"sagt ""ja"""'],
			['zeile\nzwei', '"zeile\nzwei"'],
		])('quotes the CSV value %j as %j', (value, written) => {
			expect(csvField(value)).toBe(written);
		});

		it.each(['plain', ''])('writes the CSV value %j as it is', (value) => {
			expect(csvField(value)).toBe(value);
		});

		it('skips an address CSV cannot hold in the chosen encoding', async () => {
			const result = await backSync(
				[unsubscriber('zoltán.kő@example.hu'), unsubscriber('a@example.org')],
				{
					format: 'csv',
				},
			);

			expect(result.json('KUFER')[0]).toMatchObject({
				written: 1,
				skipped: [
					{
						item: 0,
						email: 'zoltán.kő@example.hu',
						reason:
							'The email address "zoltán.kő@example.hu" has characters that windows-1252 cannot hold; write the CSV file as UTF-8 or use XML',
					},
				],
			});
		});

		it('writes any address as UTF-8', async () => {
			const result = await backSync([unsubscriber('zoltán.kő@example.hu')], {
				format: 'csv',
				encoding: 'utf-8',
			});

			expect(readBackSyncFile(fileOf(result).bytes).rows[0].email).toBe('zoltán.kő@example.hu');
		});
	});

	describe('nothing to write', () => {
		it('writes a valid empty file by default, so every run leaves a file', async () => {
			const result = await backSync([{ json: {} }]);

			expect(fileOf(result).bytes.toString('latin1')).toBe(
				'<?xml version="1.0" encoding="windows-1252"?>\n<adressen exportdatum="23.11.2025 12:05" anzahl="0" quelle="Maileon"/>\n',
			);
			expect(result.json('KUFER')[0]).toMatchObject({ written: 0, skippedInvalid: 0, skipped: [] });
		});

		it('writes no file when "Write Empty File" is off', async () => {
			const result = await backSync([{ json: {} }], { options: { writeEmptyFile: false } });

			const [item] = result.items('KUFER');
			expect(item.binary).toBeUndefined();
			expect(item.json).toMatchObject({ fileName: null, written: 0 });
		});
	});

	it('writes opted-out contact items and refuses contacts to send or skip', async () => {
		const result = await backSync([
			unsubscriber('n@example.org', {
				consent: { action: 'unsubscribe', reason: 'opted out (KUFER status N)' },
			}),
			unsubscriber('j@example.org', {
				consent: { action: 'send', reason: 'explicit opt-in (KUFER status J)' },
			}),
			unsubscriber('leer@example.org', {
				consent: { action: 'skip', reason: 'no consent recorded' },
			}),
		]);

		expect(readBackSyncFile(fileOf(result).bytes).rows.map((row) => row.email)).toEqual([
			'n@example.org',
		]);
		expect(result.json('KUFER')[0].skipped).toEqual([
			{
				item: 1,
				email: 'j@example.org',
				reason: 'The item is a contact to send, not an unsubscribe',
			},
			{
				item: 2,
				email: 'leer@example.org',
				reason: 'The item is a contact to skip, not an unsubscribe',
			},
		]);
	});

	it('uses the file name and binary field given', async () => {
		const result = await backSync([unsubscriber('a@example.org')], {
			binaryPropertyName: 'abmelder',
			options: { fileName: 'kufer-import.xml' },
		});

		expect(result.items('KUFER')[0].binary?.abmelder?.fileName).toBe('kufer-import.xml');
	});
});
