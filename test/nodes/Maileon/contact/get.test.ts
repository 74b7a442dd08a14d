import type { IDataObject } from 'n8n-workflow';

import { identifyBy, requestsTo, runMaileon, useMaileonSandbox } from '../helpers';

const GET = { resource: 'contact', operation: 'get' };

describe('Maileon Get contact', () => {
	const { sandbox } = useMaileonSandbox();
	let annaId: number;

	beforeEach(() => {
		[{ id: annaId }] = sandbox().state.seedContacts([
			{
				email: 'anna+news@example.org',
				externalId: 'K-1001',
				permission: 4,
				standardFields: { FIRSTNAME: 'Anna' },
				customFields: { Interest: 'Yoga', Internal: 'x' },
			},
		]);
	});

	function get(parameters: IDataObject) {
		return runMaileon(sandbox(), { ...GET, ...parameters });
	}

	it.each([
		['email', identifyBy.email('anna+news@example.org')],
		['external ID', identifyBy.externalId('K-1001')],
		['Maileon ID', identifyBy.maileonId('1001')],
	])('finds a contact by %s', async (_, parameters) => {
		const result = await get(parameters);

		expect(result.items('Maileon')).toEqual([
			{
				json: expect.objectContaining({
					id: String(annaId),
					email: 'anna+news@example.org',
					externalId: 'K-1001',
					permission: 'doi',
				}),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('escapes the email as one path segment', async () => {
		await get({ email: 'anna+news@example.org' });

		expect(requestsTo(sandbox(), 'GET', '/contacts/email/anna%2Bnews%40example.org')).toHaveLength(
			1,
		);
	});

	it('asks by Maileon ID without a checksum, as a server-side caller may', async () => {
		await get({ identifyBy: 'id', maileonId: String(annaId) });

		expect(requestsTo(sandbox(), 'GET', '/contacts/contact')[0].query).toMatchObject({
			id: String(annaId),
			ignore_checksum: 'true',
		});
	});

	it('returns every standard field and only the custom fields asked for', async () => {
		const result = await get({ email: 'anna+news@example.org', customFields: ['Interest'] });

		const [contact] = result.json('Maileon');
		expect(contact.customFields).toEqual({ Interest: 'Yoga' });
		expect(contact.standardFields).toMatchObject({ FIRSTNAME: 'Anna', LASTNAME: null });
	});

	it.each([
		['email', identifyBy.email('nobody@example.org'), 'Maileon has no contact with the email "nobody@example.org"'],
		['external ID', identifyBy.externalId('K-9'), 'Maileon has no contact with the external ID "K-9"'],
		['Maileon ID', identifyBy.maileonId('99'), 'Maileon has no contact with the Maileon ID "99"'],
	])('says which %s it could not find', async (_, parameters, message) => {
		const result = await get(parameters);

		expect(result.error?.message).toBe(message);
	});

	it('names the empty identifier in its message', async () => {
		const result = await get({ identifyBy: 'externalId', externalId: '  ' });

		expect(result.error?.message).toBe('The external ID is empty');
		expect(sandbox().log.size).toBe(0);
	});
});
