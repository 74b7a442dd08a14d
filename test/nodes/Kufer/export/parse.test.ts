import type { IDataObject } from 'n8n-workflow';

import { SuppressionLedger, type LedgerStore } from '../../../../nodes/shared/suppression';
import {
	address,
	contactsByEmail,
	exportOf,
	hintsOf,
	parseAddress,
	parseExport,
	PARSE,
	runKufer,
} from '../helpers';

const FEB_1_2024_BERLIN = Date.UTC(2024, 0, 31, 23);
const ORIGIN = { system: 'KUFER', record: 'address 104711' };

function ledgerWith(email: string, at: number): IDataObject {
	const store: LedgerStore = {};
	new SuppressionLedger(store).add(email, at);
	return { global: { suppressionLedger: store as IDataObject } };
}

describe('KUFER Parse', () => {
	describe('newsletter status', () => {
		it.each([
			['J', 'send', 'optIn', 'explicit opt-in (KUFER status J)'],
			['K', 'send', 'relationship', 'customer relationship (KUFER status K)'],
			['N', 'unsubscribe', 'optOut', 'opted out (KUFER status N)'],
			['', 'skip', 'none', 'no consent recorded (KUFER status empty)'],
			['j', 'send', 'optIn', 'explicit opt-in (KUFER status J)'],
			[' k ', 'send', 'relationship', 'customer relationship (KUFER status K)'],
			['n', 'unsubscribe', 'optOut', 'opted out (KUFER status N)'],
			['X', 'skip', 'unknown', 'unknown consent status "X"'],
			['ja', 'skip', 'unknown', 'unknown consent status "JA"'],
		])('turns status "%s" into the decision %s', async (status, action, neutral, reason) => {
			const contact = await parseAddress({ newsletter: status });

			expect(contact.consent).toEqual({
				action,
				reason,
				status: neutral,
				at: FEB_1_2024_BERLIN,
				origin: ORIGIN,
			});
		});

		it('treats a record without a status element as having no permission', async () => {
			const contact = await parseAddress({ newsletter: undefined, newsletterdatum: undefined });

			expect(contact.consent).toEqual({
				action: 'skip',
				reason: 'no consent recorded (KUFER status empty)',
				status: 'none',
				origin: ORIGIN,
			});
		});

		it.each([
			[
				'skips K addresses when "Send K" is off',
				'K',
				{ allowRelationship: false },
				'skip',
				'customer relationship is not accepted as consent (KUFER status K)',
			],
			[
				'sends addresses without status when "Send Empty Status" is on',
				'',
				{ allowNone: true },
				'send',
				'no consent recorded, accepted by policy (KUFER status empty)',
			],
		])('%s', async (_name, newsletter, policy, action, reason) => {
			const contact = await parseAddress({ newsletter }, policy);

			expect(contact.consent).toMatchObject({ action, reason });
		});
	});

	describe('fields', () => {
		it('maps a record onto a canonical contact item with its source', async () => {
			const result = await parseExport(
				exportOf([address({ extra: { strasse: 'Lößnitzstraße 7' } })]),
			);

			expect(result.json('KUFER', 0)).toEqual([
				{
					email: 'j.mueller@example.de',
					externalId: '104711',
					salutation: 'Frau',
					gender: 'f',
					title: 'Dr.',
					firstName: 'Jördis',
					lastName: 'Müller-Lüdenscheidt',
					fields: { strasse: 'Lößnitzstraße 7' },
					tags: [],
					consent: {
						action: 'send',
						reason: 'explicit opt-in (KUFER status J)',
						status: 'optIn',
						at: FEB_1_2024_BERLIN,
						origin: ORIGIN,
					},
					source: {
						system: 'KUFER',
						record: 1,
						status: 'J',
						changedAt: '2025-11-15T07:30:12.000Z',
					},
				},
			]);
		});

		it.each([
			{ geschlecht: 'M', anrede: 'Frau', gender: 'm' },
			{ geschlecht: 'W', anrede: 'Herr', gender: 'f' },
			{ geschlecht: 'w', anrede: '', gender: 'f' },
			{ geschlecht: 'D', anrede: '', gender: 'd' },
			{ geschlecht: 'F', anrede: 'Herr', gender: 'unknown' },
			{ geschlecht: 'weiblich', anrede: '', gender: 'f' },
			{ geschlecht: '', anrede: 'Herr', gender: 'm' },
			{ geschlecht: '', anrede: 'Frau', gender: 'f' },
			{ geschlecht: '', anrede: 'Firma', gender: 'unknown' },
		])(
			'reads Geschlecht "$geschlecht" with Anrede "$anrede" as gender $gender',
			async ({ geschlecht, anrede, gender }) => {
				expect((await parseAddress({ geschlecht, anrede })).gender).toBe(gender);
			},
		);

		it('sends a record with an unusable gender to the Invalid output', async () => {
			const result = await parseExport(exportOf([address({ geschlecht: 'X' })]));

			expect(result.json('KUFER', 0)).toEqual([]);
			expect(result.json('KUFER', 1)).toEqual([
				{
					record: 1,
					email: 'j.mueller@example.de',
					reason: 'The gender "X" is not M, W, F or D',
					outcome: 'invalid',
					externalId: '104711',
					fileName: 'adressen-1.xml',
				},
			]);
		});

		it('keeps a record with an unusable gender, without gender, when rejecting is off', async () => {
			const result = await parseExport(exportOf([address({ geschlecht: 'X', anrede: 'Frau' })]), {
				options: { rejectInvalidGender: false },
			});

			expect(result.json('KUFER', 0)[0].gender).toBe('f');
			expect(hintsOf(result)).toEqual([
				'Record 1: the gender "X" is not M, W, F or D and was left out.',
			]);
		});

		it('reads the address from a KOMMUNIKATION entry of kind E', async () => {
			const result = await parseExport(
				exportOf([address({ email: 'komm@example.org' })], { communication: true }),
			);

			expect(result.json('KUFER', 0)[0].email).toBe('komm@example.org');
		});

		it('uses the first valid of several addresses and lists the others', async () => {
			const result = await parseExport(
				exportOf([address({ email: 'kaputt; erste@example.org, zweite@example.org' })]),
			);

			const [contact] = result.json('KUFER', 0);
			expect(contact.email).toBe('erste@example.org');
			expect(contact.source).toMatchObject({ otherEmails: ['zweite@example.org'] });
		});

		it('takes e-mail elements by the order of their names, then KOMMUNIKATION entries', async () => {
			const xml = [
				'<?xml version="1.0" encoding="UTF-8"?>',
				'<adressen><adresse><adrnr>7</adrnr>',
				'<e-mail>zweite@example.org</e-mail>',
				'<email>kaputt@</email>',
				'<kommunikation><kommunikationseintrag><kommart>E</kommart>',
				'<kommwert>dritte@example.org</kommwert></kommunikationseintrag></kommunikation>',
				'<email>Erste@Example.org erste@example.org</email>',
				'<newsletter>J</newsletter><newsletter>K</newsletter>',
				'</adresse></adressen>',
			].join('\n');
			const result = await parseExport(new TextEncoder().encode(xml));

			const [contact] = result.json('KUFER', 0);
			expect(contact.email).toBe('Erste@Example.org');
			expect(contact.source).toMatchObject({
				status: 'K',
				otherEmails: ['zweite@example.org', 'dritte@example.org'],
			});
		});

		it('converts KUFER dates and decimal commas in custom fields', async () => {
			const extra = {
				gebdatum: '24.12.1970',
				kursbeginn: '14.03.2017 18:00',
				gebuehr: '1.234,50',
				plz: '01067',
			};
			const contact = await parseAddress({ extra });

			expect(contact.fields).toEqual({
				gebdatum: '1970-12-24',
				kursbeginn: '2017-03-14T18:00:00+01:00',
				gebuehr: '1234.50',
				plz: '01067',
			});
		});

		it('keeps custom field values as written when conversion is off', async () => {
			const extra = { gebdatum: '24.12.1970', gebuehr: '35,00' };
			const contact = await parseAddress({ extra }, { options: { convertValues: false } });

			expect(contact.fields).toEqual(extra);
		});

		it('drops a custom date that names no real day, with a warning', async () => {
			const result = await parseExport(exportOf([address({ extra: { gebdatum: '31.02.1970' } })]));

			expect(result.json('KUFER', 0)[0].fields).toEqual({});
			expect(hintsOf(result)).toEqual([
				'Record 1: the date "31.02.1970" in <gebdatum> is not a real date and was left out.',
			]);
		});

		it('leaves out an unreadable status date, with a warning', async () => {
			const result = await parseExport(exportOf([address({ newsletterdatum: 'gestern' })]));

			expect(result.json('KUFER', 0)[0].consent).not.toHaveProperty('at');
			expect(hintsOf(result)).toEqual([
				'Record 1: the newsletterdatum "gestern" is not a date in the form dd.mm.yyyy and was left out.',
			]);
		});

		it('reads the status date in the configured time zone', async () => {
			const contact = await parseAddress({}, { options: { timeZone: 'America/New_York' } });

			expect(contact.consent).toMatchObject({ at: Date.UTC(2024, 1, 1, 5) });
		});

		it('refuses an unknown time zone', async () => {
			const result = await parseExport(exportOf([address()]), {
				options: { timeZone: 'Europe/Atlantis' },
			});

			expect(result.error?.message).toBe('The time zone "Europe/Atlantis" is not known');
		});

		it('reads element names from the configured name map', async () => {
			const text =
				'<export><person><nr>7</nr><mail>p@example.org</mail><status>K</status><nachname>Groß</nachname><ort>Köln</ort></person></export>';
			const result = await parseExport(new TextEncoder().encode(text), {
				elementNames: { record: 'person', id: 'nr', email: 'mail', status: 'status' },
			});

			expect(result.json('KUFER', 0)).toMatchObject([
				{
					email: 'p@example.org',
					externalId: '7',
					lastName: 'Groß',
					fields: { ort: 'Köln' },
					consent: { action: 'send', status: 'relationship' },
				},
			]);
		});

		it('finds the record element itself when the name map leaves it empty', async () => {
			const text =
				'<liste><eintrag><email>a@example.org</email><newsletter>J</newsletter></eintrag></liste>';
			const result = await parseExport(new TextEncoder().encode(text), {
				elementNames: { record: '' },
			});

			expect(result.json('KUFER', 0).map((contact) => contact.email)).toEqual(['a@example.org']);
		});
	});

	describe('invalid records', () => {
		it('sends records without a usable address to the Invalid output with number and reason', async () => {
			const result = await parseExport(
				exportOf([
					address({ adrnr: '1', email: 'gut@example.org' }),
					address({ adrnr: '2', email: '' }),
					address({ adrnr: '3', email: 'kein-at-zeichen.de' }),
					address({ adrnr: '4', email: undefined }),
				]),
			);

			expect(result.json('KUFER', 0).map((contact) => contact.email)).toEqual(['gut@example.org']);
			expect(
				result.json('KUFER', 1).map(({ record, email, reason }) => ({ record, email, reason })),
			).toEqual([
				{ record: 2, email: null, reason: 'The record has no email address' },
				{
					record: 3,
					email: 'kein-at-zeichen.de',
					reason: 'The email address "kein-at-zeichen.de" has no @',
				},
				{ record: 4, email: null, reason: 'The record has no email address' },
			]);
		});

		it('links each invalid record to the file it came from', async () => {
			const result = await parseExport([
				exportOf([address()]),
				exportOf([address({ email: 'x' })]),
			]);

			expect(result.items('KUFER', 1).map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
			expect(result.items('KUFER', 0).map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		});
	});

	describe('duplicates', () => {
		it('merges records with one address and lets N win', async () => {
			const result = await parseExport(
				exportOf([
					address({ adrnr: '1', vorname: 'Anna', email: 'familie@example.org', newsletter: 'J' }),
					address({ adrnr: '2', vorname: 'Ben', email: 'other@example.org' }),
					address({ adrnr: '3', vorname: 'Carla', email: 'FAMILIE@example.org ', newsletter: 'N' }),
				]),
			);

			const family = contactsByEmail(result).get('familie@example.org');
			expect(result.json('KUFER', 0)).toHaveLength(2);
			expect(family).toMatchObject({
				firstName: 'Carla',
				externalId: '3',
				consent: { action: 'unsubscribe', status: 'optOut' },
				source: { record: 3, records: [1, 3], status: 'N' },
			});
		});

		it.each([
			['K', 'J', 'relationship'],
			['J', 'K', 'relationship'],
			['', 'K', 'none'],
			['J', '', 'none'],
			['X', '', 'unknown'],
			['J', 'X', 'unknown'],
		])('merges statuses %s and %s into the more restrictive %s', async (first, second, status) => {
			const result = await parseExport(
				exportOf([address({ newsletter: first }), address({ newsletter: second, adrnr: '2' })]),
			);

			expect(result.json('KUFER', 0)).toHaveLength(1);
			expect(result.json('KUFER', 0)[0].consent).toMatchObject({ status });
		});

		it('merges the same address across several files', async () => {
			const result = await parseExport([
				exportOf([address({ newsletter: 'J' })]),
				exportOf([address({ newsletter: 'N' })]),
			]);

			expect(result.items('KUFER', 0)).toMatchObject([
				{ json: { consent: { action: 'unsubscribe' } }, pairedItem: [{ item: 0 }, { item: 1 }] },
			]);
		});

		it('counts merged records in the run report', async () => {
			const result = await parseExport(
				exportOf([address({ newsletter: 'K' }), address({ adrnr: '2', newsletter: 'N' })]),
				{ options: { appendReport: true } },
			);

			const report = result.json('KUFER', 1).at(-1) as IDataObject;
			expect(report.counts).toMatchObject({ selected: 1, duplicates: 1, invalid: 0 });
			expect(report.reasons).toEqual([
				{
					outcome: 'duplicate',
					email: 'j.mueller@example.de',
					reason: 'same email as record 1; merged status K + N → N',
					record: 2,
				},
			]);
		});
	});

	describe('suppression ledger', () => {
		it('holds back an address the ledger knows although KUFER says J', async () => {
			const result = await parseExport(
				exportOf([address()]),
				{},
				{ staticData: ledgerWith('J.Mueller@example.de', Date.UTC(2024, 5, 1)) },
			);

			expect(result.json('KUFER', 0)[0]).toMatchObject({
				consent: {
					action: 'skip',
					reason: 'unsubscribed on 2024-06-01T00:00:00.000Z (suppression ledger)',
					status: 'optIn',
				},
				source: { suppressed: true },
			});
		});

		it('lets a J dated after the unsubscribe through as renewed consent', async () => {
			const result = await parseExport(
				exportOf([address({ newsletterdatum: '02.06.2024' })]),
				{},
				{
					staticData: ledgerWith('j.mueller@example.de', Date.UTC(2024, 5, 1)),
				},
			);

			expect(result.json('KUFER', 0)[0].consent).toMatchObject({ action: 'send' });
		});

		it('does not write opted-out addresses into the ledger itself', async () => {
			const result = await parseExport(exportOf([address({ newsletter: 'N' })]));

			const global = result.staticData.global as IDataObject;
			expect(new SuppressionLedger(global.suppressionLedger as LedgerStore).size).toBe(0);
		});
	});

	describe('output', () => {
		const mixed = (): Uint8Array =>
			exportOf([
				address({ adrnr: '1', email: 'j@example.org', newsletter: 'J' }),
				address({ adrnr: '2', email: 'k@example.org', newsletter: 'K' }),
				address({ adrnr: '3', email: 'n@example.org', newsletter: 'N' }),
				address({ adrnr: '4', email: 'leer@example.org', newsletter: '' }),
				address({ adrnr: '5', email: 'gesperrt@example.org', newsletter: 'J' }),
				address({ adrnr: '6', email: 'kaputt', newsletter: 'J' }),
			]);

		it('emits every address with its decision by default', async () => {
			const result = await parseExport(
				mixed(),
				{},
				{ staticData: ledgerWith('gesperrt@example.org', Date.UTC(2024, 5, 1)) },
			);

			expect(
				result
					.json('KUFER', 0)
					.map((contact) => [contact.email, (contact.consent as IDataObject).action]),
			).toEqual([
				['j@example.org', 'send'],
				['k@example.org', 'send'],
				['n@example.org', 'unsubscribe'],
				['leer@example.org', 'skip'],
				['gesperrt@example.org', 'skip'],
			]);
		});

		it('emits only addresses to send when asked, and counts the rest in the report', async () => {
			const result = await parseExport(
				mixed(),
				{ output: 'send', options: { appendReport: true } },
				{ staticData: ledgerWith('gesperrt@example.org', Date.UTC(2024, 5, 1)) },
			);

			expect(result.json('KUFER', 0).map((contact) => contact.email)).toEqual([
				'j@example.org',
				'k@example.org',
			]);
			const report = result.json('KUFER', 1).at(-1) as IDataObject;
			expect(report.counts).toMatchObject({ selected: 4, invalid: 1, skipped: 2, suppressed: 1 });
			expect(report.summary).toBe(
				'4 selected, 1 filtered as invalid, 1 suppressed, 2 skipped without consent',
			);
		});

		it('appends a run report with the files read to the Invalid output', async () => {
			const result = await parseExport(mixed(), { options: { appendReport: true } });

			const items = result.items('KUFER', 1);
			expect(items).toHaveLength(2);
			expect(items[1]).toMatchObject({
				json: {
					source: 'KUFER',
					counts: { selected: 1, invalid: 1 },
					files: [
						{
							item: 0,
							fileName: 'adressen-1.xml',
							records: 6,
							encoding: 'windows-1252',
							exportDate: '23.11.2025 12:00',
							declaredCount: 6,
						},
					],
					warnings: [],
					summary: '1 selected, 1 filtered as invalid',
				},
				pairedItem: [{ item: 0 }],
			});
		});

		it('warns when the export holds fewer records than it declares', async () => {
			const result = await parseExport(exportOf([address()], { declaredCount: 1297 }));

			expect(hintsOf(result)).toEqual([
				'The export "adressen-1.xml" says it holds 1297 records (anzahl) but 1 were read.',
			]);
		});

		it('reads an export without addresses into no items', async () => {
			const result = await parseExport(exportOf([]));

			expect(result.status).toBe('success');
			expect(result.json('KUFER', 0)).toEqual([]);
			expect(result.json('KUFER', 1)).toEqual([]);
		});

		it('stops when an input item carries no file in the binary field', async () => {
			const result = await runKufer(PARSE, [{ json: {} }]);

			expect(result.error?.message).toBe(
				"This operation expects the node's input data to contain a binary file 'data', but none was found [item 0]",
			);
		});
	});
});
