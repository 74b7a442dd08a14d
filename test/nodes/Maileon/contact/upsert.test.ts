import type { IDataObject } from 'n8n-workflow';

import { manualMapping } from '../../../harness/fieldMapping';
import { ledgerOf, requestsTo, runMaileon, staticDataWithLedger, useMaileonSandbox } from '../helpers';

const UPSERT = { resource: 'contact', operation: 'upsert' };

describe('Maileon Create or Update', () => {
	const { sandbox } = useMaileonSandbox();

	function upsert(parameters: IDataObject, staticData?: IDataObject) {
		return runMaileon(sandbox(), { ...UPSERT, ...parameters }, { staticData });
	}

	it('creates a contact with its fields and permission and returns its Maileon ID', async () => {
		sandbox().state.defineCustomField('Interest', 'string');

		const result = await upsert({
			email: 'anna@example.org',
			doi: false,
			permission: 'soi',
			fields: {
				firstName: 'Anna',
				lastName: 'Muster',
				salutation: 'Frau',
				title: 'Dr.',
				organization: 'ACME',
			},
			customFieldMapping: manualMapping({ Interest: 'Yoga' }),
		});

		const stored = sandbox().state.getContact('anna@example.org');
		expect(stored).toMatchObject({
			permission: 2,
			standardFields: {
				FIRSTNAME: 'Anna',
				LASTNAME: 'Muster',
				SALUTATION: 'Frau',
				TITLE: 'Dr.',
				ORGANIZATION: 'ACME',
				GENDER: 'f',
			},
			customFields: { Interest: 'Yoga' },
		});
		expect(result.items('Maileon')).toEqual([
			{
				json: {
					email: 'anna@example.org',
					id: String(stored?.id),
					permission: 'soi',
					doiMailSent: false,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends JSON and asks Maileon to update an existing contact', async () => {
		await upsert({ email: 'anna@example.org', doi: false });

		const [request] = requestsTo(sandbox(), 'POST', '/contacts/email/anna%40example.org');
		expect(request.headers['content-type']).toBe('application/vnd.maileon.api+json; charset=utf-8');
		expect(request.query).toEqual({ permission: '1', sync_mode: '1' });
	});

	it('leaves an existing contact unchanged when asked to', async () => {
		sandbox().state.seedContacts([
			{ email: 'anna@example.org', standardFields: { FIRSTNAME: 'Anna' } },
		]);

		await upsert({
			email: 'anna@example.org',
			doi: false,
			syncMode: 'ignore',
			fields: { firstName: 'Hanna' },
		});

		expect(sandbox().state.getContact('anna@example.org')?.standardFields.FIRSTNAME).toBe('Anna');
	});

	describe('double opt-in', () => {
		it("starts Maileon's DOI process; the contact keeps its initial permission until it confirms", async () => {
			await upsert({ email: 'anna@example.org' });

			expect(
				requestsTo(sandbox(), 'POST', '/contacts/email/anna%40example.org')[0].query,
			).toMatchObject({ doi: 'true' });
			expect(sandbox().state.getContact('anna@example.org')).toMatchObject({
				permission: 1,
				doiPending: true,
			});
			expect(sandbox().state.confirmDoi('anna@example.org').permission).toBe(4);
		});

		it('asks for DOI+ when the contact agreed to tracking', async () => {
			await upsert({ email: 'anna@example.org', doiPlus: true });

			expect(
				requestsTo(sandbox(), 'POST', '/contacts/email/anna%40example.org')[0].query,
			).toMatchObject({
				doi: 'true',
				doiplus: 'true',
			});
			expect(sandbox().state.confirmDoi('anna@example.org').permission).toBe(5);
		});

		it('names the DOI mailing by its key', async () => {
			sandbox().state.settings.doiMailingKeys = ['spring-doi'];

			await upsert({ email: 'anna@example.org', doiMailingKey: ' spring-doi ' });

			expect(
				requestsTo(sandbox(), 'POST', '/contacts/email/anna%40example.org')[0].query,
			).toMatchObject({
				doimailing: 'spring-doi',
			});
			expect(sandbox().state.getContact('anna@example.org')?.doiPending).toBe(true);
		});

		it('sends no DOI parameters without a DOI mail', async () => {
			await upsert({
				email: 'anna@example.org',
				doi: false,
				doiPlus: true,
				doiMailingKey: 'spring-doi',
			});

			expect(requestsTo(sandbox(), 'POST', '/contacts/email/anna%40example.org')[0].query).toEqual({
				permission: '1',
				sync_mode: '1',
			});
		});
	});

	it('creates or updates by external ID with the email in the body', async () => {
		sandbox().state.seedContacts([{ email: 'old@example.org', externalId: 'K-1001' }]);

		await upsert({
			identifyBy: 'externalId',
			externalId: 'K-1001',
			email: 'anna@example.org',
			doi: false,
		});

		expect(requestsTo(sandbox(), 'POST', '/contacts/externalid/K-1001')).toHaveLength(1);
		expect(sandbox().state.getContact('anna@example.org')?.externalId).toBe('K-1001');
		expect(sandbox().state.listContacts()).toHaveLength(1);
	});

	describe('an address the suppression ledger holds', () => {
		const staticData = staticDataWithLedger(['anna@example.org']);

		it('is not written without a DOI mail, and the item says why', async () => {
			const result = await upsert({ email: 'Anna@Example.org', doi: false }, staticData);

			expect(result.json('Maileon')).toEqual([
				{
					email: 'Anna@Example.org',
					skipped: true,
					reason:
						'The address unsubscribed earlier (suppression ledger). Send a double opt-in mail to let the person subscribe again.',
				},
			]);
			expect(sandbox().log.size).toBe(0);
		});

		it('gets a DOI mail, which is a fresh consent, and stays in the ledger until it confirms', async () => {
			const result = await upsert({ email: 'anna@example.org' }, staticData);

			expect(sandbox().state.getContact('anna@example.org')?.doiPending).toBe(true);
			expect(ledgerOf(result.staticData).has('anna@example.org')).toBe(true);
		});
	});

	describe('custom fields', () => {
		it('sends the value mapped from the input item, and neither a removed field nor an empty value', async () => {
			sandbox().state.defineCustomField('Interest', 'string');
			sandbox().state.defineCustomField('Hobby', 'string');
			sandbox().state.defineCustomField('Segment', 'string');
			sandbox().state.seedContacts([{ email: 'anna@example.org', customFields: { Segment: 'retail' } }]);
			const mapping = manualMapping({ Interest: '={{ $json.interest }}', Segment: '={{ $json.segment }}' }, ['Hobby']);
			// a value n8n kept for the removed field is not sent either
			(mapping.value as IDataObject).Hobby = 'Chess';

			const result = await runMaileon(
				sandbox(),
				{ ...UPSERT, email: 'anna@example.org', doi: false, customFieldMapping: mapping },
				{ input: [{ interest: 'Yoga', segment: ' ' }] },
			);

			expect(result.status).toBe('success');
			expect(sandbox().state.getContact('anna@example.org')?.customFields).toEqual({ Interest: 'Yoga', Segment: 'retail' });
		});

		it('stops before the write when a mapped custom field is missing in Maileon', async () => {
			sandbox().state.defineCustomField('Interest', 'string');

			const result = await upsert({
				email: 'anna@example.org',
				doi: false,
				customFieldMapping: manualMapping({ Interest: 'Yoga', PurchaseValue: '12.50' }),
			});

			expect(result.error?.message).toBe('Maileon has no custom field "PurchaseValue"');
			expect((result.error as { description?: string }).description).toBe(
				'Create it in Maileon under Contacts → Contact fields, or remove it from "Custom Fields".',
			);
			expect(sandbox().log.filter((entry) => entry.method !== 'GET')).toEqual([]);
			expect(sandbox().state.getContact('anna@example.org')).toBeUndefined();
		});

		it('reads no field list when no custom field is mapped', async () => {
			await upsert({ email: 'anna@example.org', doi: false, customFieldMapping: manualMapping({}) });

			expect(requestsTo(sandbox(), 'GET', '/contacts/fields/custom')).toEqual([]);
			expect(sandbox().state.getContact('anna@example.org')).toBeDefined();
		});
	});

	it('fails the item with a readable message for an invalid email', async () => {
		const result = await upsert({ email: 'anna@', doi: false });

		expect(result.error?.message).toBe(
			'The contact is invalid: The email address "anna@" has nothing after the @',
		);
		expect(sandbox().log.size).toBe(0);
	});
});
