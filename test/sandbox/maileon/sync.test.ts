import type { MaileonSandbox } from './server';
import { contactsXml, textOf, useMaileonClient } from './fixtures';
import type { CallResult, ContactSpec } from './fixtures';
import { childElement, childElements, childText } from './xml';

interface Report {
	success: string | undefined;
	counts: Record<string, number>;
	invalid: Array<{ email?: string; externalId?: string; code: number; field?: string }>;
}

const COUNTERS = [
	'count_contacts',
	'count_new_contacts',
	'count_existing_contacts',
	'count_unsubscribed_contacts',
	'count_invalid_contacts',
];

function reportOf(response: CallResult): Report {
	const root = response.xml();
	const invalid = childElement(root, 'invalid_contacts');
	return {
		success: textOf(root, 'success'),
		counts: Object.fromEntries(COUNTERS.map((name) => [name, Number(textOf(root, name))])),
		invalid: (invalid ? childElements(invalid, 'contact') : []).map((c) => {
			const error = childElement(c, 'error');
			return {
				...(childText(c, 'email') !== undefined ? { email: childText(c, 'email') } : {}),
				...(childText(c, 'external_id') !== undefined
					? { externalId: childText(c, 'external_id') }
					: {}),
				code: Number(error?.attributes.code),
				field: error ? childText(error, 'error_field') : undefined,
			};
		}),
	};
}

const BASE_QUERY = {
	sync_mode: 1,
	reimport_unsubscribed_contacts: false,
	ignore_invalid_contacts: true,
	override_permission: false,
	permission: 2,
};

type ErrorRow = [title: string, contacts: ContactSpec[], extraQuery: Record<string, string | number | boolean>, code: number, field: string];

/** A row of the error table: one contact with one bad standard or custom field. */
function withField(code: number, title: string, section: 'standard' | 'custom', field: string, value: string): ErrorRow {
	return [`${code}: ${title}`, [{ email: 'a@example.org', [section]: { [field]: value } }], {}, code, field];
}

describe('Maileon sandbox POST /contacts', () => {
	const { sandbox, call } = useMaileonClient();

	beforeEach(() => {
		sandbox().state.defineCustomField('Active', 'boolean');
		sandbox().state.defineCustomField('Score', 'float');
		sandbox().state.defineCustomField('Visits', 'integer');
		sandbox().state.defineCustomField('Note', 'string');
		sandbox().state.defineCustomField('Since', 'date');
	});

	const sync = (
		contacts: readonly ContactSpec[],
		query: Record<string, string | number | boolean> = BASE_QUERY,
	) => call('POST', '/contacts', { query, body: contactsXml(contacts) });

	it('reports every counter of a mixed batch', async () => {
		sandbox().state.seedContacts([{ email: 'anna@example.org' }, { email: 'bob@example.org' }]);
		sandbox().state.unsubscribe('bob@example.org');

		const response = await sync([
			{ email: 'anna@example.org' },
			{ email: 'bob@example.org' },
			{ email: 'carl@@example.org', externalId: 'K-3' },
			{ email: 'dora@example.org' },
		]);

		expect(response.status).toBe(200);
		expect(reportOf(response)).toEqual({
			success: 'true',
			counts: {
				count_contacts: 4,
				count_new_contacts: 1,
				count_existing_contacts: 1,
				count_unsubscribed_contacts: 1,
				count_invalid_contacts: 1,
			},
			invalid: [{ email: 'carl@@example.org', externalId: 'K-3', code: 3, field: 'email' }],
		});
	});

	it('leaves existing contacts unchanged when sync_mode is omitted (server default 2)', async () => {
		sandbox().state.seedContacts([
			{ email: 'anna@example.org', standardFields: { FIRSTNAME: 'Anna' } },
		]);

		const response = await sync(
			[{ email: 'anna@example.org', standard: { FIRSTNAME: 'Changed' } }],
			{
				ignore_invalid_contacts: true,
			},
		);

		expect(reportOf(response).counts.count_existing_contacts).toBe(1);
		expect(sandbox().state.getContact('anna@example.org')?.standardFields.FIRSTNAME).toBe('Anna');
	});

	it('updates existing contacts with sync_mode=1', async () => {
		sandbox().state.seedContacts([
			{ email: 'anna@example.org', standardFields: { FIRSTNAME: 'Anna' } },
		]);

		await sync([
			{ email: 'anna@example.org', standard: { FIRSTNAME: 'Anne' }, custom: { Active: '1' } },
		]);

		expect(sandbox().state.getContact('anna@example.org')).toEqual(
			expect.objectContaining({
				standardFields: { FIRSTNAME: 'Anne' },
				customFields: { Active: 'true' },
			}),
		);
	});

	it('rejects the whole batch when ignore_invalid_contacts is omitted', async () => {
		const response = await sync([{ email: 'anna@example.org' }, { email: 'not-an-address' }], {
			sync_mode: 1,
		});

		expect(response.status).toBe(200);
		expect(reportOf(response)).toEqual(
			expect.objectContaining({
				success: 'false',
				counts: expect.objectContaining({
					count_new_contacts: 0,
					count_invalid_contacts: 1,
				}) as unknown,
			}),
		);
		expect(sandbox().state.listContacts()).toEqual([]);
	});

	it('answers a rejected batch with 400 when rejectedBatchStatus is 400', async () => {
		sandbox().state.settings.rejectedBatchStatus = 400;

		const response = await sync([{ email: 'not-an-address' }], { sync_mode: 1 });

		expect(response.status).toBe(400);
		expect(textOf(response.xml(), 'success')).toBe('false');
	});

	const long = 'x'.repeat(256);
	it.each<ErrorRow>([
		[
			'1: external id missing with use_external_id',
			[{ email: 'a@example.org' }],
			{ use_external_id: true },
			1,
			'external_id',
		],
		['2: email missing', [{ externalId: 'K-1' }], {}, 2, 'email'],
		['3: invalid email syntax', [{ email: 'a@example' }], {}, 3, 'email'],
		[
			'4: duplicate external id',
			[
				{ email: 'a@example.org', externalId: 'K-1' },
				{ email: 'b@example.org', externalId: 'K-1' },
			],
			{},
			4,
			'external_id',
		],
		[
			'5: duplicate email, differing in case',
			[{ email: 'a@example.org' }, { email: 'A@Example.org' }],
			{},
			5,
			'email',
		],
		withField(6, 'ADDRESS too long', 'standard', 'ADDRESS', long),
		withField(7, 'CITY too long', 'standard', 'CITY', long),
		withField(8, 'FIRSTNAME too long', 'standard', 'FIRSTNAME', long),
		withField(9, 'FULLNAME too long', 'standard', 'FULLNAME', long),
		withField(10, 'HNR too long', 'standard', 'HNR', long),
		withField(11, 'LASTNAME too long', 'standard', 'LASTNAME', long),
		withField(12, 'ORGANIZATION too long', 'standard', 'ORGANIZATION', long),
		withField(13, 'REGION too long', 'standard', 'REGION', long),
		withField(14, 'STATE too long', 'standard', 'STATE', long),
		withField(15, 'TITLE too long', 'standard', 'TITLE', long),
		withField(16, 'ZIP too long', 'standard', 'ZIP', long),
		withField(17, 'BIRTHDAY not a calendar day', 'standard', 'BIRTHDAY', '2023-02-29'),
		withField(18, 'NAMEDAY in German format', 'standard', 'NAMEDAY', '31.12.2024'),
		withField(19, 'GENDER not m/f/d', 'standard', 'GENDER', 'male'),
		withField(20, 'LOCALE with a hyphen', 'standard', 'LOCALE', 'de-DE'),
		withField(21, 'unknown custom field', 'custom', 'Unknown', 'x'),
		withField(22, 'invalid boolean', 'custom', 'Active', 'yes'),
		withField(23, 'invalid float', 'custom', 'Score', '1,5'),
		withField(25, 'integer outside 32 bits', 'custom', 'Visits', '2147483648'),
		withField(26, 'custom string too long', 'custom', 'Note', long),
		withField(27, 'invalid date', 'custom', 'Since', '2024-13-01'),
	])('reports error %s', async (_title, contacts, extraQuery, code, field) => {
		const response = await sync(contacts, { ...BASE_QUERY, ...extraQuery });

		const report = reportOf(response);

		expect(report.invalid).toEqual([expect.objectContaining({ code, field })]);
		expect(report.counts.count_invalid_contacts).toBe(1);
	});

	it('rejects GENDER=d with error 19 when acceptDiverseGender is off', async () => {
		sandbox().state.settings.acceptDiverseGender = false;

		const response = await sync([{ email: 'a@example.org', standard: { GENDER: 'd' } }]);

		expect(reportOf(response).invalid).toEqual([expect.objectContaining({ code: 19 })]);
	});

	it('accepts GENDER=d by default', async () => {
		await sync([{ email: 'a@example.org', standard: { GENDER: 'd' } }]);

		expect(sandbox().state.getContact('a@example.org')?.standardFields.GENDER).toBe('d');
	});

	it('answers 400 to use_external_id together with prefer_maileon_id', async () => {
		const response = await sync([{ email: 'a@example.org', externalId: 'K-1' }], {
			use_external_id: true,
			prefer_maileon_id: true,
		});

		expect(response.status).toBe(400);
		expect(childText(response.xml(), 'message')).toBe(
			'prefer_maileon_id and use_external_id cannot both be true',
		);
	});

	it.each([
		[
			'a previous unsubscription',
			(s: MaileonSandbox) => {
				s.state.seedContacts([{ email: 'gone@example.org' }]);
				s.state.unsubscribe('gone@example.org');
			},
		],
		[
			'an unsubscription marker',
			(s: MaileonSandbox) => {
				s.state.setMarker('gone@example.org');
			},
		],
	])(
		'keeps out an address with %s when reimport_unsubscribed_contacts=false',
		async (_title, setup) => {
			setup(sandbox());

			const response = await sync([{ email: 'Gone@example.org' }]);

			expect(reportOf(response).counts).toEqual(
				expect.objectContaining({ count_new_contacts: 0, count_unsubscribed_contacts: 1 }),
			);
			expect(sandbox().state.getContact('gone@example.org')).toBeUndefined();
		},
	);

	it('reimports an unsubscribed address when reimport_unsubscribed_contacts is omitted', async () => {
		sandbox().state.seedContacts([{ email: 'gone@example.org' }]);
		sandbox().state.unsubscribe('gone@example.org');
		const { reimport_unsubscribed_contacts: _omitted, ...query } = BASE_QUERY;

		const response = await sync([{ email: 'gone@example.org' }], query);

		expect(reportOf(response).counts.count_new_contacts).toBe(1);
		expect(sandbox().state.getContact('gone@example.org')).toBeDefined();
	});

	it('keeps unsubscribed addresses out when omitted if the server default is false', async () => {
		sandbox().state.settings.reimportUnsubscribedDefault = false;
		sandbox().state.setMarker('gone@example.org');
		const { reimport_unsubscribed_contacts: _omitted, ...query } = BASE_QUERY;

		const response = await sync([{ email: 'gone@example.org' }], query);

		expect(reportOf(response).counts.count_unsubscribed_contacts).toBe(1);
	});

	it.each([
		['keeps the permission of existing contacts with override_permission=false', false, 4],
		['sets the permission of existing contacts with override_permission=true', true, 2],
	])('%s', async (_title, override, expected) => {
		sandbox().state.seedContacts([{ email: 'anna@example.org', permission: 4 }]);

		await sync([{ email: 'anna@example.org' }, { email: 'new@example.org' }], {
			...BASE_QUERY,
			override_permission: override,
			permission: 2,
		});

		expect(sandbox().state.getContact('anna@example.org')?.permission).toBe(expected);
		expect(sandbox().state.getContact('new@example.org')?.permission).toBe(2);
	});

	it('gives new contacts NONE and leaves existing ones alone when permission is omitted', async () => {
		sandbox().state.seedContacts([{ email: 'anna@example.org', permission: 4 }]);
		const { permission: _omitted, ...query } = BASE_QUERY;

		await sync([{ email: 'anna@example.org' }, { email: 'new@example.org' }], {
			...query,
			override_permission: true,
		});

		expect(sandbox().state.getContact('anna@example.org')?.permission).toBe(4);
		expect(sandbox().state.getContact('new@example.org')?.permission).toBe(1);
	});

	it('creates no contact with update_only=true', async () => {
		sandbox().state.seedContacts([{ email: 'anna@example.org' }]);

		const response = await sync(
			[{ email: 'anna@example.org', standard: { CITY: 'Jena' } }, { email: 'new@example.org' }],
			{
				...BASE_QUERY,
				update_only: true,
			},
		);

		expect(reportOf(response).counts).toEqual(
			expect.objectContaining({ count_new_contacts: 0, count_existing_contacts: 1 }),
		);
		expect(sandbox().state.listContacts().map((c) => [c.email, c.standardFields.CITY])).toEqual([
			['anna@example.org', 'Jena'],
		]);
	});

	it('matches by external id and changes the email with use_external_id=true', async () => {
		sandbox().state.seedContacts([{ email: 'old@example.org', externalId: 'K-1' }]);

		const response = await sync([{ email: 'new@example.org', externalId: 'K-1' }], {
			...BASE_QUERY,
			use_external_id: true,
		});

		expect(reportOf(response).counts.count_existing_contacts).toBe(1);
		expect(sandbox().state.listContacts().map((c) => c.email)).toEqual(['new@example.org']);
	});

	it('matches by Maileon id with prefer_maileon_id=true', async () => {
		const [anna] = sandbox().state.seedContacts([{ email: 'anna@example.org' }]);

		await sync([{ id: anna.id, email: 'anna.new@example.org' }], {
			...BASE_QUERY,
			prefer_maileon_id: true,
		});

		expect(sandbox().state.getContactById(anna.id)?.email).toBe('anna.new@example.org');
	});

	it('accepts a batch of exactly maxBatchSize contacts', async () => {
		const contacts = Array.from({ length: 1000 }, (_, i) => ({ email: `c${i}@example.org` }));

		const response = await sync(contacts);

		expect(reportOf(response).counts.count_new_contacts).toBe(1000);
	});

	it.each([
		['413 by default', undefined, 413],
		['400 when oversizeStatus is 400', 400 as const, 400],
	])('answers a batch above maxBatchSize with %s', async (_title, oversizeStatus, status) => {
		sandbox().state.settings.maxBatchSize = 2;
		if (oversizeStatus) sandbox().state.settings.oversizeStatus = oversizeStatus;

		const response = await sync([
			{ email: 'a@example.org' },
			{ email: 'b@example.org' },
			{ email: 'c@example.org' },
		]);

		expect(response.status).toBe(status);
		expect(childText(response.xml(), 'message')).toBe(
			'Too many contacts: 3, at most 2 per request',
		);
		expect(sandbox().state.listContacts()).toEqual([]);
	});

	it('updates the first of two contacts with one address, and the second once the first is gone', async () => {
		const [first, second] = sandbox().state.seedContacts([
			{ email: 'a@example.org', externalId: 'x', standardFields: { FIRSTNAME: 'One' } },
			{ email: 'A@example.org', externalId: 'x', standardFields: { FIRSTNAME: 'Two' } },
		]);

		await sync([{ email: 'a@example.org', standard: { LASTNAME: 'First' } }]);
		const state = sandbox().state;
		state.deleteContact(state.findById(first.id)!);
		await sync([{ email: 'a@example.org', standard: { LASTNAME: 'Second' } }]);

		expect(state.findByExternalId('x').map((c) => c.id)).toEqual([second.id]);
		expect(state.listContacts().map((c) => [c.id, c.standardFields])).toEqual([
			[second.id, { FIRSTNAME: 'Two', LASTNAME: 'Second' }],
		]);
	});

	it('stores a new contact without its empty fields, with custom values in their stored form', async () => {
		await sync([
			{
				email: 'new@example.org',
				standard: { FIRSTNAME: 'Ann', LASTNAME: '', TITLE: 'Dr.' },
				custom: { Active: 'TRUE', Since: '2024-02-29 10:11:12', Note: '', Visits: '7' },
			},
		]);

		expect(sandbox().state.getContact('new@example.org')).toMatchObject({
			standardFields: { FIRSTNAME: 'Ann', TITLE: 'Dr.' },
			customFields: { Active: 'true', Since: '2024-02-29', Visits: '7' },
		});
		expect(Object.keys(sandbox().state.getContact('new@example.org')!.customFields)).toEqual([
			'Active',
			'Since',
			'Visits',
		]);
	});

	it('answers 415 to a body sent as application/xml', async () => {
		const response = await call('POST', '/contacts', {
			query: BASE_QUERY,
			body: contactsXml([{ email: 'a@example.org' }]),
			contentType: 'application/xml',
		});

		expect(response.status).toBe(415);
	});

	it('answers 400 to malformed XML, with the character offset of the fault', async () => {
		const response = await call('POST', '/contacts', {
			query: BASE_QUERY,
			body: '<contacts><contact><email>ä@example.org</email></contacts>',
		});

		expect(response.status).toBe(400);
		expect(childText(response.xml(), 'message')).toBe(
			'Malformed XML: End tag </contacts> does not match <contact> at offset 47',
		);
	});

	it('reads comments, CDATA, entities and nil values in a body', async () => {
		sandbox().state.seedContacts([{ email: 'a@example.org', standardFields: { TITLE: 'Dr.' } }]);
		const response = await call('POST', '/contacts', {
			query: BASE_QUERY,
			body:
				'\ufeff<?xml version="1.0"?>\n<!-- batch 1 -->\n<contacts>\n <contact>\n  <email>a@example.org</email>\n' +
				'  <standard_fields><field><name>TITLE</name><value nil="true"/></field>' +
				'<field><name>LASTNAME</name><value>M&#252;ller &amp; <![CDATA[<Söhne>]]></value></field></standard_fields>\n' +
				' </contact>\n</contacts>\n',
		});

		expect(reportOf(response).counts.count_existing_contacts).toBe(1);
		expect(sandbox().state.getContact('a@example.org')?.standardFields).toEqual({
			LASTNAME: 'Müller & <Söhne>',
		});
	});

	it('answers 400 to an unknown standard field name', async () => {
		const response = await sync([{ email: 'a@example.org', standard: { NICKNAME: 'x' } }]);

		expect(response.status).toBe(400);
		expect(childText(response.xml(), 'message')).toBe('Unknown standard field "NICKNAME"');
	});
});
