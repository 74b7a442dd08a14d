import type { IDataObject } from 'n8n-workflow';

import { ExportSelection, type ExportEntry } from '../../../../nodes/Kufer/exportReader';
import { readContactItem } from '../../../../nodes/shared/contactItem';
import { requireSuccess } from '../../../harness/workflow';
import { address, contactsByEmail, exportOf, hintsOf, parseExport } from '../helpers';

const UTF8_HEAD = '<?xml version="1.0" encoding="UTF-8"?>';

/** A small UTF-8 export from inline record markup. */
function xml(records: string, root = 'adressen'): Uint8Array {
	return Buffer.from(`${UTF8_HEAD}<${root}>${records}</${root}>`, 'utf8');
}

function record(fields: Record<string, string>): string {
	return `<adresse>${Object.entries(fields)
		.map(([name, value]) => `<${name}>${value}</${name}>`)
		.join('')}</adresse>`;
}

async function contactsOf(bytes: Uint8Array | Uint8Array[], parameters: IDataObject = {}) {
	return requireSuccess(await parseExport(bytes, parameters)).json('KUFER', 0);
}

describe('KUFER Parse consent rule', () => {
	it.each([
		['an unusable gender', { geschlecht: 'X' }],
		['a NUL in the first name', { vorname: 'An\u0000na' }],
	])('keeps the N of a record that is invalid for %s', async (_, odd) => {
		const bytes = exportOf([
			address({ adrnr: '1', newsletter: 'N', ...odd }),
			address({ adrnr: '2', newsletter: 'J' }),
		]);

		const contacts = await contactsOf(bytes);

		expect(contacts).toHaveLength(1);
		expect(contacts[0]).toMatchObject({
			externalId: '2',
			consent: { action: 'unsubscribe', status: 'optOut' },
			source: { record: 2, statusRecord: 1, status: 'N' },
		});
	});

	it.each([
		['a stray & in the last name', 'Meier & Co', 'an "&" that starts no reference'],
		['the reference &#0; in the last name', 'Meier&#0;', 'the reference "&#0;", which names no XML character'],
	])('refuses a record with %s and keeps its N', async (_, name, problem) => {
		const bytes = xml(
			record({ adrnr: '1', name, email: 'anna@example.de', newsletter: 'N' }) +
				record({ adrnr: '2', name: 'Meier', email: 'anna@example.de', newsletter: 'J' }),
		);

		const result = requireSuccess(await parseExport(bytes));

		expect(result.json('KUFER', 1)[0]).toMatchObject({
			record: 1,
			reason: `The element <name> holds ${problem}; write "&amp;" for an ampersand`,
		});
		expect(result.json('KUFER', 0)[0].consent).toMatchObject({ action: 'unsubscribe' });
	});

	it('keeps a stray & in a custom field as written, with a warning', async () => {
		const bytes = xml(record({ email: 'anna@example.de', newsletter: 'J', firma: 'Meier & Co' }));

		const result = requireSuccess(await parseExport(bytes));

		expect(result.json('KUFER', 0)[0].fields).toEqual({ firma: 'Meier & Co' });
		expect(hintsOf(result)).toEqual([
			'Record 1: <firma> holds an "&" that starts no reference; it was kept as written.',
		]);
	});

	it('keeps the N of an invalid record that comes after the valid one', async () => {
		const bytes = exportOf([
			address({ adrnr: '1', newsletter: 'K' }),
			address({ adrnr: '2', newsletter: 'N', geschlecht: 'X' }),
		]);

		expect((await contactsOf(bytes))[0].consent).toMatchObject({ action: 'unsubscribe' });
	});

	it('reads an address with a zero-width space after it as the same address', async () => {
		const bytes = xml(
			record({ adrnr: '1', email: 'anna@example.de\u200b', newsletter: 'N' }) +
				record({ adrnr: '2', email: 'anna@example.de', newsletter: 'J' }),
		);

		const contacts = await contactsOf(bytes);

		expect(contacts).toHaveLength(1);
		expect(contacts[0]).toMatchObject({ email: 'anna@example.de', consent: { action: 'unsubscribe' } });
	});

	it.each([
		['J then N', '<newsletter>J</newsletter><newsletter>N</newsletter>'],
		['N then J', '<newsletter>N</newsletter><newsletter>J</newsletter>'],
		['differently cased names', '<newsletter>J</newsletter><NEWSLETTER>N</NEWSLETTER>'],
	])('lets the N win among two status elements of one record: %s', async (_, statuses) => {
		const bytes = xml(`<adresse><email>anna@example.de</email>${statuses}</adresse>`);

		expect((await contactsOf(bytes))[0].consent).toMatchObject({ action: 'unsubscribe', status: 'optOut' });
	});

	it.each([
		['a Unicode and a punycode domain', 'info@müller.de', 'info@xn--mller-kva.de'],
		['composed and decomposed umlauts', 'j\u00fcrgen@example.de', 'ju\u0308rgen@example.de'],
		['upper and lower case', 'Info@Example.de', 'info@EXAMPLE.de'],
	])('treats %s as one address', async (_, first, second) => {
		const bytes = xml(
			record({ adrnr: '1', email: first, newsletter: 'J' }) +
				record({ adrnr: '2', email: second, newsletter: 'N' }),
		);

		const contacts = await contactsOf(bytes);

		expect(contacts).toHaveLength(1);
		expect(contacts[0].consent).toMatchObject({ action: 'unsubscribe' });
	});

	it('gives every address of a record with several its status', async () => {
		const bytes = xml(
			record({ adrnr: '1', email: 'anna@example.de; ben@example.de', newsletter: 'N' }) +
				record({ adrnr: '2', email: 'ben@example.de', newsletter: 'J' }),
		);

		const ben = contactsByEmail(requireSuccess(await parseExport(bytes))).get('ben@example.de');

		expect(ben).toMatchObject({ consent: { action: 'unsubscribe' }, source: { statusRecord: 1 } });
	});

	it('gives an address the origin of the record whose status won, also when that record is invalid', async () => {
		const bytes = exportOf([
			address({ adrnr: '1', newsletter: 'N', geschlecht: 'X' }),
			address({ adrnr: '2', newsletter: 'J' }),
		]);

		const contacts = await contactsOf(bytes);

		expect(contacts[0]).toMatchObject({ externalId: '2', consent: { origin: { system: 'KUFER', record: 'address 1' } } });
	});

	it('names a record without an address number by its position in the export', async () => {
		const bytes = exportOf([address({ adrnr: '', newsletter: 'J' })]);

		expect((await contactsOf(bytes))[0].consent).toMatchObject({ origin: { system: 'KUFER', record: 'record 1' } });
	});

	it.each([
		['K then J', 'K', 'J', 'address 1'],
		['J then K', 'J', 'K', 'address 2'],
	])('gives merged statuses %s the origin of the stricter record', async (_, first, second, origin) => {
		const bytes = exportOf([address({ adrnr: '1', newsletter: first }), address({ adrnr: '2', newsletter: second })]);

		expect((await contactsOf(bytes))[0].consent).toMatchObject({ status: 'relationship', origin: { record: origin } });
	});

	it('lets an empty status of one record win over a J of another', async () => {
		const bytes = exportOf([address({ newsletter: 'J' }), address({ adrnr: '2', newsletter: '' })]);

		expect((await contactsOf(bytes))[0].consent).toMatchObject({ action: 'skip', status: 'none' });
	});
});

describe('KUFER Parse records', () => {
	it('reads records whose elements carry a namespace prefix', async () => {
		const bytes = Buffer.from(
			`${UTF8_HEAD}<k:adressen xmlns:k="urn:kufer"><k:adresse><k:email>anna@example.de</k:email><k:newsletter>N</k:newsletter></k:adresse></k:adressen>`,
			'utf8',
		);

		expect(await contactsOf(bytes)).toMatchObject([
			{ email: 'anna@example.de', consent: { action: 'unsubscribe' } },
		]);
	});

	it('stops with an error when no element matches the record name', async () => {
		const bytes = xml('<person><email>anna@example.de</email><newsletter>N</newsletter></person>');

		const result = await parseExport(bytes);

		expect(result.error?.message).toBe(
			'Could not read the KUFER export "adressen-1.xml": The XML document has no <adresse> element below its root <adressen>, which holds <person>.',
		);
	});

	it('stops with an error when the root itself is the one record', async () => {
		const bytes = Buffer.from(
			`${UTF8_HEAD}<adresse><email>anna@example.de</email><newsletter>N</newsletter></adresse>`,
			'utf8',
		);

		const result = await parseExport(bytes);

		expect(result.error?.message).toBe(
			'Could not read the KUFER export "adressen-1.xml": The root element <adresse> is itself a record; the records must be inside one root element.',
		);
	});

	it('reads an export without any record as empty', async () => {
		expect(await contactsOf(xml(''))).toEqual([]);
	});

	it('warns when a file declared Windows-1252 holds UTF-8 umlauts', async () => {
		const text = `<?xml version="1.0" encoding="windows-1252"?><adressen>${record({ vorname: 'Jürgen', email: 'juergen@example.de', newsletter: 'J' })}</adressen>`;

		const result = requireSuccess(await parseExport(Buffer.from(text, 'utf8')));

		expect(hintsOf(result)).toContainEqual(
			expect.stringContaining('is declared as windows-1252 but byte 74 starts a UTF-8 character ("ü" read as "Ã¼")'),
		);
	});

	it('does not warn about a genuine Windows-1252 file with umlauts', async () => {
		const result = requireSuccess(await parseExport(exportOf([address({ vorname: 'Jürgen' })])));

		expect(hintsOf(result).filter((hint) => hint.includes('UTF-8'))).toEqual([]);
	});

	it('lists 150,000 records without a usable address as invalid without overflowing the stack', async () => {
		const records = '<adresse><email>keine</email><newsletter>N</newsletter></adresse>'.repeat(150_000);

		const result = requireSuccess(await parseExport(xml(records)));

		expect(result.json('KUFER', 1)).toHaveLength(150_000);
	}, 120_000);
});

describe('ExportSelection', () => {
	const placeholder = (record: number): ExportEntry => ({
		key: 'keine@example.de',
		json: { email: 'keine@example.de' },
		consent: { status: 'none', raw: '' },
		status: '',
		record,
		input: 0,
	});

	// a copy per merge made 150,000 records of one placeholder address quadratic
	it('merges further records of one address into the same list instead of copying it', () => {
		const selection = new ExportSelection();
		selection.add(placeholder(1));
		selection.add(placeholder(2));
		const records = selection.entries.get('keine@example.de')?.records;

		selection.add(placeholder(3));

		expect(selection.entries.get('keine@example.de')?.records).toBe(records);
		expect(records).toEqual([1, 2, 3]);
	});
});

describe('KUFER Parse gender', () => {
	it('gives a company (Geschlecht F) no gender, also when a target reads the item with Anrede Herr', async () => {
		const contacts = await contactsOf(exportOf([address({ anrede: 'Herr', geschlecht: 'F' })]));

		const read = readContactItem(contacts[0]);
		expect([contacts[0].gender, read.ok && read.contact.gender]).toEqual(['unknown', 'unknown']);
	});
});
