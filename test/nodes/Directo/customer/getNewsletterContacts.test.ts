import type { IDataObject } from 'n8n-workflow';

import { requireSuccess } from '../../../harness/workflow';
import { startDirectoSandbox } from '../../../sandbox/directo';
import { useSandbox } from '../../../sandbox/framework/lifecycle';
import { customer, runDirecto } from '../helpers';

const contacts = (extra: Record<string, unknown> = {}) => ({
	resource: 'customer',
	operation: 'getNewsletterContacts',
	...extra,
});

// 15.01.2024 and 16.01.2024 at midnight in Tallinn (UTC+2 in winter)
const JAN_15 = Date.UTC(2024, 0, 14, 22);
const JAN_16 = Date.UTC(2024, 0, 15, 22);

const dated = (at?: number) => (at === undefined ? {} : { at });
const card = (code: string) => ({ origin: { system: 'Directo', record: `customer ${code}` } });
/** The consent of a contact whose OPTIN says yes or no, with the date of the datafield if it has one. */
const optedIn = (at?: number, code = 'K1') => ({
	action: 'send',
	reason: 'explicit opt-in',
	...dated(at),
	status: 'optIn',
	...card(code),
});
const optedOut = (at?: number, code = 'K1') => ({
	action: 'unsubscribe',
	reason: 'opted out',
	...dated(at),
	status: 'optOut',
	...card(code),
});

describe('Directo customer Get Newsletter Contacts', () => {
	const sandbox = useSandbox(startDirectoSandbox);

	async function run(extra: Record<string, unknown> = {}) {
		const result = requireSuccess(await runDirecto(sandbox(), contacts(extra)));
		return { contacts: result.json('Directo', 0), report: result.json('Directo', 1)[0], result };
	}

	const emails = (items: IDataObject[]) => items.map((item) => item.email);

	it('emits one contact per address of a field holding several, each with its own external ID', async () => {
		sandbox().state.addCustomers([customer('K1', { email: 'a@mets.ee; b@mets.ee, c@mets.ee' })]);

		const { contacts: items } = await run();

		expect(emails(items)).toEqual(['a@mets.ee', 'b@mets.ee', 'c@mets.ee']);
		expect(items.map((item) => [item.externalId, item.directoCodes])).toEqual([
			['K1', ['K1']],
			['K1#2', ['K1']],
			['K1#3', ['K1']],
		]);
	});

	it('merges customers sharing an address into one contact, combining classes and datafields, and counts the duplicate', async () => {
		sandbox().state.addCustomers([
			customer('K1', {
				email: 'mari@mets.ee',
				class: 'KLIENT',
				datafields: { OPTIN: ['yes', '15.01.2024'], SEGMENT: 'retail' },
			}),
			customer('K2', {
				email: 'MARI@mets.ee ',
				class: 'VIP',
				datafields: { OPTIN: ['yes', '16.01.2024'], REGION: 'north' },
			}),
		]);

		const { contacts: items, report } = await run({
			options: { tagDatafields: 'SEGMENT, REGION' },
		});

		expect(items).toEqual([
			expect.objectContaining({
				email: 'mari@mets.ee',
				externalId: 'K1',
				fields: { SEGMENT: 'retail', REGION: 'north' },
				tags: ['KLIENT', 'retail', 'VIP', 'north'],
				directoCodes: ['K1', 'K2'],
			}),
		]);
		expect(report.counts).toMatchObject({ selected: 1, duplicates: 1 });
		expect(report.reasons).toEqual([
			{
				outcome: 'duplicate',
				email: 'MARI@mets.ee',
				reason: 'same email as K1, merged',
				record: 'K2',
			},
		]);
	});

	it('produces one contact per address when duplicates and multi-address fields meet, counting each duplicate', async () => {
		sandbox().state.addCustomers([
			customer('K1', { email: 'a@mets.ee' }),
			customer('K2', { email: 'b@mets.ee; A@mets.ee' }),
			customer('K3', { email: 'c@mets.ee, b@mets.ee' }),
		]);

		const { contacts: items, report } = await run();

		expect(emails(items)).toEqual(['a@mets.ee', 'b@mets.ee', 'c@mets.ee']);
		expect(items.map((item) => item.directoCodes)).toEqual([['K1', 'K2'], ['K2', 'K3'], ['K3']]);
		expect(report.counts).toMatchObject({ duplicates: 2, selected: 2 });
		expect(report).toMatchObject({ records: 3, contacts: 3 });
	});

	it('lets an opt-out of one card win over the opt-in of another with the same address', async () => {
		sandbox().state.addCustomers([
			customer('K1', { email: 'mari@mets.ee', datafields: { OPTIN: ['yes', '15.01.2024'] } }),
			customer('K2', { email: 'mari@mets.ee', datafields: { OPTIN: ['no', '16.01.2024'] } }),
		]);

		const { contacts: items } = await run();

		expect(items[0].consent).toEqual(optedOut(JAN_16, 'K2'));
	});

	it.each([
		['yes with a date is an opt-in at that date', ['yes', '15.01.2024'], optedIn(JAN_15)],
		['Estonian "jah" is an opt-in', ['jah', '15.01.2024'], optedIn(JAN_15)],
		['yes without a date is an opt-in without date', ['Yes', ''], optedIn()],
		['no is an opt-out at its date', ['no', '16.01.2024'], optedOut(JAN_16)],
		[
			'an unknown value is skipped, naming it',
			['maybe', ''],
			{ action: 'skip', reason: 'unknown consent status "OPTIN=maybe"', status: 'unknown', ...card('K1') },
		],
		[
			'an empty value counts as missing',
			['', ''],
			{ action: 'skip', reason: 'no consent recorded', status: 'none', ...card('K1') },
		],
	])('maps OPTIN: %s', async (_case, [content, param], consent) => {
		sandbox().state.addCustomers([customer('K1', { datafields: { OPTIN: [content, param] } })]);

		const { contacts: items } = await run({ options: { emitSkipped: true } });

		expect(items.map((item) => item.consent)).toEqual([consent]);
	});

	it('skips a card without OPTIN by default, leaves it out and reports it', async () => {
		sandbox().state.addCustomers([customer('K1', { datafields: {} }), customer('K2')]);

		const { contacts: items, report } = await run();

		expect(emails(items)).toEqual(['k2@example.org']);
		expect(report.counts).toMatchObject({ selected: 1, skipped: 1 });
		expect(report.reasons).toEqual([
			{ outcome: 'skipped', email: 'k1@example.org', reason: 'no consent recorded', record: 'K1' },
		]);
	});

	it('treats a card without OPTIN as a customer relationship when so configured', async () => {
		sandbox().state.addCustomers([customer('K1', { datafields: {} })]);

		const { contacts: items } = await run({ missingConsent: 'relationship' });

		expect(items[0].consent).toEqual({
			action: 'send',
			reason: 'customer relationship',
			status: 'relationship',
			...card('K1'),
		});
	});

	it('reads consent from another datafield when so configured', async () => {
		sandbox().state.addCustomers([
			customer('K1', { datafields: { UUDISKIRI: ['no', '16.01.2024'], OPTIN: ['yes', ''] } }),
		]);

		const { contacts: items } = await run({ optInDatafield: 'UUDISKIRI' });

		expect(items[0].consent).toMatchObject({ action: 'unsubscribe', status: 'optOut' });
		expect(items[0].fields).toEqual({ OPTIN: 'yes' });
	});

	it('leaves closed customers out and counts each of their addresses as skipped', async () => {
		sandbox().state.addCustomers([
			customer('K1', { closed: '1', email: 'a@mets.ee; b@mets.ee' }),
			customer('K2'),
		]);

		const { contacts: items, report } = await run();

		expect(emails(items)).toEqual(['k2@example.org']);
		expect(report.counts).toMatchObject({ skipped: 2, selected: 2 });
		expect(report.reasons).toEqual([
			{ outcome: 'skipped', reason: 'customer K1 is closed in Directo', record: 'K1' },
		]);
	});

	it('treats closed customers like open ones when so configured', async () => {
		sandbox().state.addCustomers([customer('K1', { closed: '1' })]);

		const { contacts: items } = await run({ closedCards: 'include' });

		expect(emails(items)).toEqual(['k1@example.org']);
	});

	it.each([
		['a card without address', '', { reason: 'The record has no email address' }],
		[
			'an address without @',
			'not-an-email',
			{ email: 'not-an-email', reason: 'The email address "not-an-email" has no @' },
		],
	])('counts %s as invalid, giving the reason', async (_case, email, reason) => {
		sandbox().state.addCustomers([customer('K1', { email }), customer('K2')]);

		const { report } = await run();

		expect(report.counts).toMatchObject({ invalid: 1, selected: 1 });
		expect(report.reasons).toEqual([{ outcome: 'invalid', ...reason, record: 'K1' }]);
	});

	it('maps name, representative, address lines, class, datafields and extra attributes', async () => {
		sandbox().state.addCustomers([
			customer('K1001', {
				name: 'Mets OÜ',
				contact: 'Mari Liis Mets',
				address1: 'Tartu mnt 1',
				address2: 'Tallinn',
				address3: '10115',
				country: 'EE',
				phone: '+372 5555 5555',
				salesman: 'JAAN',
				loyaltycard: '38001010000',
				datafields: { OPTIN: ['yes', '15.01.2024'], SEGMENT: 'retail' },
			}),
		]);

		const { contacts: items } = await run({
			options: { addressFields: 'ADDRESS, CITY, ZIP', extraAttributes: 'salesman, phone' },
		});

		expect(items[0]).toEqual({
			email: 'k1001@example.org',
			externalId: 'K1001',
			gender: 'unknown',
			firstName: 'Mari Liis',
			lastName: 'Mets',
			organization: 'Mets OÜ',
			fields: {
				country: 'EE',
				ADDRESS: 'Tartu mnt 1',
				CITY: 'Tallinn',
				ZIP: '10115',
				salesman: 'JAAN',
				phone: '+372 5555 5555',
				SEGMENT: 'retail',
			},
			tags: ['KLIENT'],
			consent: optedIn(JAN_15, 'K1001'),
			directoCodes: ['K1001'],
		});
	});

	it('splits the name of a private customer into first and last name', async () => {
		sandbox().state.addCustomers([customer('K1', { name: 'Jaan Tamm', contact: '' })]);

		const { contacts: items } = await run({
			options: { customerName: 'person', classAsTag: false },
		});

		expect(items[0]).toMatchObject({ firstName: 'Jaan', lastName: 'Tamm', tags: [] });
		expect(items[0].organization).toBeUndefined();
	});

	it('reads only the given classes changed since the given time', async () => {
		sandbox().state.addCustomers([
			customer('K1', { class: 'VIP', ts: '2024-01-10T10:00:00' }),
			customer('K2', { class: 'VIP', ts: '2024-01-20T10:00:00' }),
			customer('K3', { class: 'KLIENT', ts: '2024-01-20T10:00:00' }),
		]);

		const { contacts: items, report } = await run({
			filters: { classes: 'VIP', changedSince: '2024-01-15T00:00:00' },
		});

		expect(emails(items)).toEqual(['k2@example.org']);
		expect(report.records).toBe(1);
		expect(sandbox().state.callsFor('get')[0].params.ts).toBe('15.01.2024');
	});

	it('reports in the second output, linked to the input item', async () => {
		sandbox().state.addCustomers([customer('K1')]);

		const { result, report } = await run();

		expect(report).toMatchObject({
			source: 'Directo',
			label: 'Directo customers',
			dryRun: false,
			records: 1,
			contacts: 1,
		});
		expect(report.summary).toBe('0 selected');
		expect(result.items('Directo', 1)[0].pairedItem).toEqual([{ item: 0 }]);
		expect(result.items('Directo', 0)[0].pairedItem).toEqual({ item: 0 });
	});
});
