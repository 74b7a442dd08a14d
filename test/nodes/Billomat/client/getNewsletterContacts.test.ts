import type { IDataObject } from 'n8n-workflow';

import { requireSuccess } from '../../../harness/workflow';
import type { SeedClient } from '../../../sandbox/billomat';
import { errorOf, requestsTo, runBillomat, useBillomatSandbox } from '../helpers';

describe('Billomat Client Get Newsletter Contacts', () => {
	const { sandbox } = useBillomatSandbox();

	function seed(...clients: SeedClient[]): void {
		sandbox().state.seedClients(clients);
	}

	async function contacts(parameters: IDataObject = {}) {
		const result = requireSuccess(
			await runBillomat(sandbox(), { resource: 'client', operation: 'getNewsletterContacts', ...parameters }),
		);
		return { result, contacts: result.json('Billomat', 0), report: result.json('Billomat', 1)[0] };
	}

	const emails = (items: IDataObject[]) => items.map((item) => item.email);

	describe('consent from a tag (the default)', () => {
		beforeEach(() => {
			seed(
				{ name: 'A', email: 'a@example.org', tags: ['newsletter'] },
				{ name: 'B', email: 'b@example.org' },
				{ name: 'C', email: 'c@example.org', tags: ['newsletter-unsubscribed'] },
				{ name: 'D', email: 'd@example.org', tags: ['newsletter', 'newsletter-unsubscribed'] },
			);
		});

		it('emits the tagged clients as opted in and the opted-out ones for unsubscribing', async () => {
			const { contacts: items } = await contacts();

			expect(items.map((item) => [item.email, (item.consent as IDataObject).action, (item.consent as IDataObject).status])).toEqual([
				['a@example.org', 'send', 'optIn'],
				['c@example.org', 'unsubscribe', 'optOut'],
				['d@example.org', 'unsubscribe', 'optOut'],
			]);
		});

		it('asks Billomat only for the clients with either tag', async () => {
			await contacts();

			expect(requestsTo(sandbox(), 'GET', '/clients').map((entry) => entry.query.tags)).toEqual([
				'newsletter',
				'newsletter-unsubscribed',
			]);
		});

		it('uses the consent tag the user names', async () => {
			sandbox().state.addTag(2, 'Infopost');

			const { contacts: items } = await contacts({ consentTag: 'Infopost', optOutTag: '' });

			expect(emails(items)).toEqual(['b@example.org']);
			expect(requestsTo(sandbox(), 'GET', '/clients')).toHaveLength(1);
		});
	});

	describe('consent from a property value', () => {
		beforeEach(() => {
			seed(
				{ name: 'A', email: 'a@example.org', properties: { Newsletter: '1' } },
				{ name: 'B', email: 'b@example.org', properties: { Newsletter: '0' } },
				{ name: 'C', email: 'c@example.org' },
			);
		});

		it('emits the clients whose property has the value and counts the others as skipped', async () => {
			const { contacts: items, report } = await contacts({ consentSource: 'property', consentProperty: 'Newsletter', consentValue: '1' });

			expect(emails(items)).toEqual(['a@example.org']);
			expect(report.counts).toMatchObject({ selected: 2, skipped: 2 });
			expect(report.reasons).toEqual([
				{ outcome: 'skipped', email: 'b@example.org', reason: 'no consent recorded', record: 'client 2' },
				{ outcome: 'skipped', email: 'c@example.org', reason: 'no consent recorded', record: 'client 3' },
			]);
		});

		it('reads the values of that property in pages, not per client', async () => {
			await contacts({ consentSource: 'property', consentProperty: 'newsletter' });

			expect(requestsTo(sandbox(), 'GET', '/client-property-values').map((entry) => entry.query)).toEqual([
				{ client_property_id: '1', per_page: '1000', page: '1' },
			]);
		});

		it('uses the values embedded in the list when Billomat sends them', async () => {
			sandbox().state.settings.embedPropertyValuesInList = true;

			const { contacts: items } = await contacts({ consentSource: 'property', consentProperty: 'newsletter' });

			expect(emails(items)).toEqual(['a@example.org']);
			expect(requestsTo(sandbox(), 'GET', '/client-property-values')).toHaveLength(0);
		});

		it('stops with the known property names when the property does not exist', async () => {
			const result = await runBillomat(sandbox(), {
				resource: 'client',
				operation: 'getNewsletterContacts',
				consentSource: 'property',
				consentProperty: 'Newsleter',
			});

			expect(errorOf(result).message).toBe('Billomat has no client property "Newsleter"');
			expect(errorOf(result).description).toBe(
				'Client properties of this account: Newsletter. Check the spelling in the node.',
			);
		});
	});

	describe('consent from the customer relationship', () => {
		it('emits every client with consent status "relationship"', async () => {
			seed({ name: 'A', email: 'a@example.org' }, { name: 'B', email: 'b@example.org', tags: ['newsletter-unsubscribed'] });

			const { contacts: items } = await contacts({ consentSource: 'all' });

			expect(items.map((item) => item.consent)).toEqual([
				{ action: 'send', reason: 'customer relationship', status: 'relationship', origin: { system: 'Billomat', record: 'client 1' } },
				{ action: 'unsubscribe', reason: 'opted out', status: 'optOut', origin: { system: 'Billomat', record: 'client 2' } },
			]);
		});

		it('puts them on a third output when customer relationships are split off, and keeps the opt-outs on the first', async () => {
			seed({ name: 'A', email: 'a@example.org' }, { name: 'B', email: 'b@example.org', tags: ['newsletter-unsubscribed'] });

			const { result, contacts: items, report } = await contacts({ consentSource: 'all', splitRelationships: true });

			expect(emails(items)).toEqual(['b@example.org']);
			expect(emails(result.json('Billomat', 2))).toEqual(['a@example.org']);
			expect(report).toMatchObject({ emitted: 2 });
		});
	});

	it('maps a client to the canonical contact item', async () => {
		seed({
			name: 'Muster GmbH',
			salutation: 'Frau Dr.',
			first_name: 'Anna',
			last_name: 'Muster',
			street: 'Hauptstr. 1',
			zip: '80331',
			city: 'München',
			country_code: 'DE',
			customfield: 'crm-17',
			email: ' Anna@Example.org ',
			tags: ['newsletter', 'vip'],
			properties: { Branche: 'Handel' },
		});

		const { contacts: items } = await contacts({ options: { includeTags: true, mappedProperties: 'Branche' } });

		expect(items).toEqual([
			{
				email: 'Anna@Example.org',
				externalId: '1',
				salutation: 'Frau',
				gender: 'f',
				title: 'Dr.',
				firstName: 'Anna',
				lastName: 'Muster',
				organization: 'Muster GmbH',
				fields: {
					Branche: 'Handel',
					address: 'Hauptstr. 1',
					zip: '80331',
					city: 'München',
					country: 'DE',
					clientNumber: 'KD1',
					customfield: 'crm-17',
				},
				tags: ['newsletter', 'vip'],
				consent: { action: 'send', reason: 'explicit opt-in', status: 'optIn', origin: { system: 'Billomat', record: 'client 1' } },
			},
		]);
	});

	it.each(['client-tag', 'tag'] as const)('reads all tags from the tag cloud, its items named "%s", and one list per tag', async (itemKey) => {
		sandbox().state.settings.tagCloudItemKey = itemKey;
		seed({ name: 'A', email: 'a@example.org', tags: ['newsletter', 'vip', 'kiel'] }, { name: 'B', email: 'b@example.org', tags: ['vip'] });

		const { contacts: items } = await contacts({ options: { includeTags: true } });

		expect(items[0].tags).toEqual(['newsletter', 'vip', 'kiel']);
		expect(requestsTo(sandbox(), 'GET', '/client-tags').map((entry) => entry.query.client_id)).toEqual([undefined]);
		expect(requestsTo(sandbox(), 'GET', '/clients').map((entry) => entry.query.tags)).toEqual([
			'newsletter',
			'newsletter-unsubscribed',
			'vip',
			'kiel',
		]);
	});

	it('merges clients sharing an address into one contact and reports the duplicate', async () => {
		seed(
			{ name: 'A', first_name: 'Anna', email: 'anna@example.org', tags: ['newsletter'] },
			{ name: 'B', last_name: 'Muster', email: 'ANNA@example.org', tags: ['newsletter'] },
		);

		const { contacts: items, report } = await contacts();

		expect(items).toEqual([expect.objectContaining({ email: 'anna@example.org', firstName: 'Anna', lastName: 'Muster' })]);
		expect(report.counts).toMatchObject({ selected: 1, duplicates: 1 });
		expect(report.reasons).toEqual([
			{ outcome: 'duplicate', email: 'ANNA@example.org', reason: 'same email as client 1, merged', record: 'client 2' },
		]);
	});

	it('lets an opt-out of one client win over the consent of another with the same address', async () => {
		seed(
			{ name: 'A', email: 'anna@example.org', tags: ['newsletter'] },
			{ name: 'B', email: 'anna@example.org', tags: ['newsletter-unsubscribed'] },
		);

		const { contacts: items } = await contacts();

		expect(items.map((item) => (item.consent as IDataObject).action)).toEqual(['unsubscribe']);
	});

	it('reports clients without a usable address as invalid and splits fields with several', async () => {
		seed(
			{ name: 'A', email: '', tags: ['newsletter'] },
			{ name: 'B', email: 'not-an-email', tags: ['newsletter'] },
			{ name: 'C', email: 'c1@example.org; c2@example.org', tags: ['newsletter'] },
		);

		const { contacts: items, report } = await contacts();

		expect(emails(items)).toEqual(['c1@example.org', 'c2@example.org']);
		expect(report.reasons).toEqual([
			{ outcome: 'invalid', reason: 'The record has no email address', record: 'client 1' },
			{ outcome: 'invalid', email: 'not-an-email', reason: 'The email address "not-an-email" has no @', record: 'client 2' },
		]);
	});

	it('counts archived clients as skipped unless they are included, but still passes on their opt-out', async () => {
		seed(
			{ name: 'A', email: 'a@example.org', tags: ['newsletter'], archived: true },
			{ name: 'B', email: 'b@example.org', tags: ['newsletter-unsubscribed'], archived: true },
		);

		const excluded = await contacts();
		const included = await contacts({ filters: { includeArchived: true } });

		expect(emails(excluded.contacts)).toEqual(['b@example.org']);
		expect(excluded.report.reasons).toEqual([{ outcome: 'skipped', reason: 'archived client', record: 'client 1' }]);
		expect(emails(included.contacts)).toEqual(['a@example.org', 'b@example.org']);
	});

	describe('contact persons', () => {
		beforeEach(() => {
			seed(
				{
					name: 'Muster GmbH',
					email: 'info@muster.example',
					street: 'Hauptstr. 1',
					city: 'Kiel',
					tags: ['newsletter'],
					contacts: [
						{ salutation: 'Herr', first_name: 'Paul', last_name: 'Pan', email: 'paul@muster.example' },
						{ first_name: 'Nomail' },
						{ first_name: 'Dup', email: 'INFO@muster.example' },
					],
				},
				{ name: 'Other', email: 'x@example.org', contacts: [{ first_name: 'Skip', email: 'skip@example.org' }] },
			);
		});

		it('emits the contact persons of consenting clients with the client\'s consent, one request per client', async () => {
			const { contacts: items, report } = await contacts({ includeContactPersons: true });

			expect(items).toEqual([
				expect.objectContaining({ email: 'info@muster.example', externalId: '1' }),
				expect.objectContaining({
					email: 'paul@muster.example',
					externalId: '1-1',
					salutation: 'Herr',
					gender: 'm',
					firstName: 'Paul',
					organization: 'Muster GmbH',
					fields: expect.objectContaining({ address: 'Hauptstr. 1', city: 'Kiel', clientNumber: 'KD1' }),
					consent: { action: 'send', reason: 'explicit opt-in', status: 'optIn', origin: { system: 'Billomat', record: 'client 1' } },
				}),
			]);
			expect(report.read).toEqual({ clients: 1, contactPersons: 3 });
			expect(report.counts).toMatchObject({ duplicates: 1 });
			expect(requestsTo(sandbox(), 'GET', '/contacts').map((entry) => entry.query.client_id)).toEqual(['1']);
		});

		it('asks for contact persons per client, as Billomat requires client_id, also where a saved workflow chose the removed "One List"', async () => {
			const { contacts: items } = await contacts({ includeContactPersons: true, options: { personLookup: 'oneList' } });

			expect(emails(items)).toEqual(['info@muster.example', 'paul@muster.example']);
			expect(requestsTo(sandbox(), 'GET', '/contacts').map((entry) => entry.query.client_id)).toEqual(['1']);
		});
	});

	it('emits contacts without consent only when asked, leaving their count to the target', async () => {
		sandbox().state.defineProperty('Newsletter', 'CHECKBOX');
		seed({ name: 'A', email: 'a@example.org' });

		const { contacts: items, report } = await contacts({ consentSource: 'property', options: { includeSkipped: true } });

		expect(items.map((item) => item.consent)).toEqual([{ action: 'skip', reason: 'no consent recorded', status: 'none', origin: { system: 'Billomat', record: 'client 1' } }]);
		expect(report.counts).toMatchObject({ selected: 0, skipped: 0 });
	});

	it('puts one run report on the second output, linked to the input item', async () => {
		seed({ name: 'A', email: 'a@example.org', tags: ['newsletter'] }, { name: 'B', email: 'a@example.org', tags: ['newsletter'] });

		const { result, report } = await contacts();

		expect(report).toMatchObject({
			source: 'Billomat',
			label: 'Get Newsletter Contacts',
			dryRun: false,
			counts: { selected: 1, duplicates: 1, invalid: 0, skipped: 0, retried: 0 },
			read: { clients: 2, contactPersons: 0 },
			emitted: 1,
			requests: { sent: 2, rateLimitWaits: 0, rateLimitWaitedMs: 0 },
			summary: 'Read 2 clients: 1 contacts emitted, 1 duplicate merged',
		});
		expect(result.items('Billomat', 1)[0].pairedItem).toEqual([{ item: 0 }]);
		expect(result.items('Billomat', 0)[0].pairedItem).toEqual({ item: 0 });
	});

	it('refuses an empty consent tag', async () => {
		const result = await runBillomat(sandbox(), { resource: 'client', operation: 'getNewsletterContacts', consentTag: ' ' });

		expect(errorOf(result).message).toBe('"Consent Tag" is empty');
	});
});
