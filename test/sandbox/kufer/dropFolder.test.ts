import { existsSync } from 'node:fs';
import path from 'node:path';

import {
	findUnconsentedAtPlatform,
	KuferDropFolder,
	KuferFixtureStore,
	readBackSyncFile,
} from './dropFolder';
import { encodeFixture } from './encoding';
import { expectedStatuses, type KuferFixtureRecord } from './records';
import { renderExportText } from './render';

const XML_FILE =
	'<?xml version="1.0" encoding="windows-1252"?>\n<adressen exportdatum="23.11.2025 12:05" anzahl="2" quelle="Maileon">\n' +
	'  <adresse><adrnr>2</adrnr><email>j\u00fcrgen@example.de</email><newsletter>N</newsletter><newsletterdatum>22.11.2025</newsletterdatum><grund>abmeldung</grund></adresse>\n' +
	'  <ADRESSE><ADRNR/><EMAIL>FAMILIE@example.org</EMAIL><NEWSLETTER>N</NEWSLETTER><NEWSLETTERDATUM>21.11.2025</NEWSLETTERDATUM></ADRESSE>\n' +
	'</adressen>\n';

function records(): KuferFixtureRecord[] {
	return [
		{ kind: 'optIn', adrnr: '1', email: 'anna@example.org', newsletter: 'J' },
		{ kind: 'optIn', adrnr: '2', email: 'juergen.alt@example.de', newsletter: 'J' },
		{ kind: 'relationship', adrnr: '3', email: 'familie@example.org', newsletter: 'K' },
		{ kind: 'duplicate', adrnr: '4', email: 'Familie@example.org', newsletter: 'J' },
	];
}

describe('KUFER drop folder', () => {
	let folder: KuferDropFolder;

	beforeEach(async () => {
		folder = await KuferDropFolder.create();
	});

	afterEach(async () => {
		await folder.close();
	});

	it('reads an XML back-sync file tolerantly, in its declared encoding and any letter case', () => {
		const document = readBackSyncFile(encodeFixture(XML_FILE, 'windows-1252'));

		expect(document).toMatchObject({
			format: 'xml',
			encoding: 'windows-1252',
			attributes: { anzahl: '2', quelle: 'Maileon' },
		});
		expect(document.rows).toEqual([
			{
				adrnr: '2',
				email: 'jürgen@example.de',
				newsletter: 'N',
				newsletterdatum: '22.11.2025',
				grund: 'abmeldung',
			},
			{
				adrnr: '',
				email: 'FAMILIE@example.org',
				newsletter: 'N',
				newsletterdatum: '21.11.2025',
				grund: '',
			},
		]);
	});

	it('reads a CSV back-sync file with quoted values', () => {
		const csv =
			'adrnr;email;newsletter;newsletterdatum;grund\r\n"\'=1";"a;b@example.org";N;01.11.2025;"sagt ""ja"""\r\n';

		expect(readBackSyncFile(encodeFixture(csv, 'windows-1252')).rows).toEqual([
			{
				adrnr: "'=1",
				email: 'a;b@example.org',
				newsletter: 'N',
				newsletterdatum: '01.11.2025',
				grund: 'sagt "ja"',
			},
		]);
	});

	it('sets N by address number or, without one, by e-mail on every record sharing the address', async () => {
		const store = new KuferFixtureStore(records());
		await folder.receive('abmelder-20251123-120500.xml', encodeFixture(XML_FILE, 'windows-1252'));

		const applied = await folder.apply(store);

		expect(applied).toMatchObject([{ fileName: 'abmelder-20251123-120500.xml', changed: 3 }]);
		expect(store.records.map((record) => record.newsletter)).toEqual(['J', 'N', 'N', 'N']);
		expect(store.records[1].newsletterdatum).toBe('22.11.2025');
	});

	it('moves an imported file to processed/ and imports it once', async () => {
		const store = new KuferFixtureStore(records());
		await folder.receive('a.xml', encodeFixture(XML_FILE, 'windows-1252'));

		await folder.apply(store);

		expect(existsSync(path.join(folder.path, 'processed', 'a.xml'))).toBe(true);
		expect(await folder.apply(store)).toEqual([]);
	});

	it('refuses file names that leave the folder', async () => {
		await expect(folder.receive('../x.xml', new Uint8Array())).rejects.toThrow(
			'The drop folder refuses the file name "../x.xml".',
		);
	});

	it('renders the next export from the changed store', async () => {
		const store = new KuferFixtureStore(records());
		await folder.receive('a.xml', encodeFixture(XML_FILE, 'windows-1252'));
		await folder.apply(store);

		const text = new TextDecoder('windows-1252').decode(store.export());

		expect(text).toBe(renderExportText(store.records));
		expect(text).toContain('<email>juergen.alt@example.de</email>\n    <newsletter>N</newsletter>');
	});

	it('finds addresses at a platform that KUFER gives no permission', () => {
		const statuses = expectedStatuses([
			...records(),
			{ kind: 'optOut', adrnr: '5', email: 'nein@example.org', newsletter: 'N' },
			{ kind: 'empty', adrnr: '6', email: 'leer@example.org', newsletter: '' },
		]);

		expect(
			findUnconsentedAtPlatform(statuses, [
				'anna@example.org',
				'nein@example.org',
				'leer@example.org',
				'neu@example.org',
			]),
		).toEqual(['nein@example.org', 'leer@example.org']);
		expect(
			findUnconsentedAtPlatform(statuses, ['familie@example.org'], { allowRelationship: false }),
		).toEqual(['familie@example.org']);
	});
});
