import { consentOfClient, fingerprintClient, normaliseRecord, readBillomatError, readItem, readList, splitSalutation, summariseClient, toArray, toContactInputs, toWriteBody } from '../../../nodes/Billomat/mapping';
import type { ConsentRule } from '../../../nodes/Billomat/mapping';

describe('Billomat mapping', () => {
	describe('toArray', () => {
		it.each([
			['a list', [{ id: '1' }, { id: '2' }], 2],
			['one item as an object', { id: '1' }, 1],
			['an empty string', '', 0],
			['null', null, 0],
			['nothing', undefined, 0],
		])('reads %s', (_name, value, length) => {
			expect(toArray(value)).toHaveLength(length);
		});
	});

	describe('readList', () => {
		it.each([
			['a list', { clients: { client: [{ id: '1' }, { id: '2' }], '@page': '1', '@per_page': '2', '@total': '5' } }, 2, 5],
			['one element as an object', { clients: { client: { id: '1' }, '@page': '1', '@per_page': '100', '@total': '1' } }, 1, 1],
			['"" for an empty list', { clients: '' }, 0, undefined],
			['an empty array', { clients: { client: [], '@total': '0' } }, 0, 0],
			['a missing item key', { clients: { '@total': '0' } }, 0, 0],
			['an XML string by mistake', '<clients/>', 0, undefined],
		])('reads %s', (_name, body, length, total) => {
			const list = readList(body, 'clients', 'client');

			expect(list.items).toHaveLength(length);
			expect(list.total).toBe(total);
		});

		it('reads the paging attributes as numbers', () => {
			expect(readList({ clients: { client: [], '@page': '3', '@per_page': '1000', '@total': '2500' } }, 'clients', 'client')).toMatchObject({
				page: 3,
				perPage: 1000,
				total: 2500,
			});
		});
	});

	it('reads the object of a single answer', () => {
		expect(readItem({ client: { id: '7' } }, 'client')).toEqual({ id: '7' });
		expect(readItem({ client: '' }, 'client')).toBeUndefined();
	});

	describe('normaliseRecord', () => {
		it('turns flags, amounts and unset dates into what they mean and leaves IDs and text as strings', () => {
			expect(
				normaliseRecord({
					id: '485054',
					archived: '0',
					dig_exclude: '1',
					enable_customerportal: '',
					revenue_gross: '25489.53',
					number: '123',
					discount_rate: '',
					created: '2015-02-23T09:52:05+01:00',
					sepa_mandate_date: '0001-01-01T00:00:00+01:00',
					zip: '01067',
					future_field: 'kept',
				}),
			).toEqual({
				id: '485054',
				archived: false,
				dig_exclude: true,
				enable_customerportal: null,
				revenue_gross: 25489.53,
				number: 123,
				discount_rate: null,
				created: '2015-02-23T09:52:05+01:00',
				sepa_mandate_date: null,
				zip: '01067',
				future_field: 'kept',
			});
		});

		it.each([
			['"" for none', '', []],
			['one value as an object', { 'client-property-value': { id: '1', value: '1' } }, [{ id: '1', value: '1' }]],
			['several values', { 'client-property-value': [{ id: '1' }, { id: '2' }] }, [{ id: '1' }, { id: '2' }]],
		])('turns a nested collection given as %s into an array', (_name, value, expected) => {
			expect(normaliseRecord({ 'client-property-values': value })['client-property-values']).toEqual(expected);
		});
	});

	describe('readBillomatError', () => {
		it.each([
			['one JSON error', { errors: { error: 'Client not found' } }, 'Client not found'],
			['several JSON errors', { errors: { error: ['A', 'B'] } }, 'A; B'],
			['an XML body', '<?xml version="1.0"?><errors><error>Maximum number &amp; more</error></errors>', 'Maximum number & more'],
			['an unknown body', { message: 'x' }, undefined],
		])('reads %s', (_name, body, expected) => {
			expect(readBillomatError(body)).toBe(expected);
		});
	});

	it('writes booleans as 1 and 0 and everything as strings', () => {
		expect(toWriteBody('client', { archived: true, dig_exclude: false, number: 12, note: undefined })).toEqual({
			client: { archived: '1', dig_exclude: '0', number: '12' },
		});
	});

	it.each([
		['Frau', { salutation: 'Frau' }],
		['Herr Dr.', { salutation: 'Herr', title: 'Dr.' }],
		['Frau Prof. Dr. med.', { salutation: 'Frau', title: 'Prof. Dr. med.' }],
		['Dr.-Ing.', { title: 'Dr.-Ing.' }],
		['Firma', { salutation: 'Firma' }],
	])('splits the salutation %j into salutation and title', (value, expected) => {
		expect(splitSalutation(value)).toEqual(expected);
	});

	describe('consentOfClient', () => {
		const rule = (overrides: Partial<ConsentRule>): ConsentRule => ({
			source: 'tag',
			tag: 'newsletter',
			property: '',
			propertyValue: '',
			optOutTag: 'newsletter-unsubscribed',
			...overrides,
		});

		it.each([
			['a tagged client', rule({}), { tags: ['Newsletter'], properties: {} }, 'optIn'],
			['an untagged client', rule({}), { tags: [], properties: {} }, 'none'],
			['a client with the opt-out tag', rule({ source: 'all' }), { tags: ['newsletter-unsubscribed'], properties: {} }, 'optOut'],
			['any client under "all"', rule({ source: 'all' }), { tags: [], properties: {} }, 'relationship'],
			['a ticked checkbox', rule({ source: 'property', property: 'NL', propertyValue: '1' }), { tags: [], properties: { NL: '1' } }, 'optIn'],
			['an unticked checkbox', rule({ source: 'property', property: 'NL', propertyValue: '1' }), { tags: [], properties: { NL: '0' } }, 'none'],
			['a missing property', rule({ source: 'property', property: 'NL', propertyValue: '1' }), { tags: [], properties: {} }, 'none'],
		])('gives %s the status %s', (_name, consentRule, client, status) => {
			expect(consentOfClient(consentRule, client).status).toBe(status);
		});
	});

	it.each([
		['an opted-in client', { tags: ['newsletter'] }, 'optIn'],
		['an opted-out client', { tags: ['newsletter-unsubscribed'] }, 'optOut'],
		['a client without consent', { tags: [] }, 'none'],
	])('names the client as the origin of the consent of %s', (_name, { tags }, status) => {
		const rule: ConsentRule = { source: 'tag', tag: 'newsletter', property: '', propertyValue: '', optOutTag: 'newsletter-unsubscribed' };

		expect(consentOfClient(rule, { id: '485054', tags, properties: {} })).toMatchObject({
			status,
			origin: { system: 'Billomat', record: 'client 485054' },
		});
	});

	describe('toContactInputs', () => {
		const client = summariseClient({
			id: '12',
			name: 'Muster GmbH',
			salutation: 'Herr',
			first_name: 'Max',
			email: 'max@muster.example, info@muster.example',
			street: 'Hauptstr. 1',
			zip: '24103',
			city: 'Kiel',
			country_code: 'DE',
			client_number: 'KD12',
			customfield: '',
		});

		it('gives one input per address of the email field', () => {
			const inputs = toContactInputs({ client, tags: ['vip'], properties: { Branche: 'IT' } });

			expect(inputs.map((input) => input.email)).toEqual(['max@muster.example', 'info@muster.example']);
			expect(inputs[0]).toMatchObject({
				externalId: '12',
				salutation: 'Herr',
				firstName: 'Max',
				organization: 'Muster GmbH',
				tags: ['vip'],
				fields: { Branche: 'IT', address: 'Hauptstr. 1', zip: '24103', city: 'Kiel', country: 'DE', clientNumber: 'KD12' },
			});
		});

		it('takes a contact person\'s own address when it has one, else the client\'s', () => {
			const withOwn = toContactInputs({ client, tags: [], properties: {}, person: { id: '3', email: 'p@x.example', city: 'Bonn' } });
			const without = toContactInputs({ client, tags: [], properties: {}, person: { id: '4', email: 'q@x.example' } });

			expect(withOwn[0]).toMatchObject({ externalId: '12-3', fields: { city: 'Bonn' } });
			expect(withOwn[0].fields).not.toHaveProperty('address');
			expect(without[0]).toMatchObject({ externalId: '12-4', fields: { address: 'Hauptstr. 1', city: 'Kiel' } });
		});

		it('gives no input for a contact person without an address, and an empty one for such a client', () => {
			expect(toContactInputs({ client, tags: [], properties: {}, person: { id: '5' } })).toEqual([]);
			expect(toContactInputs({ client: { id: '9' }, tags: [], properties: {} })).toEqual([
				expect.objectContaining({ externalId: '9', email: undefined }),
			]);
		});
	});

	it('gives the same fingerprint to the same newsletter data and a new one when it changes', () => {
		const client = { id: '1', email: 'a@example.org', revenue_gross: '10.00' };

		expect(fingerprintClient({ ...client, revenue_gross: '99.00' })).toBe(fingerprintClient(client));
		expect(fingerprintClient({ ...client, email: 'b@example.org' })).not.toBe(fingerprintClient(client));
	});
});
