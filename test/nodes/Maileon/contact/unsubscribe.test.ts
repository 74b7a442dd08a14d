import type { IDataObject } from 'n8n-workflow';

import { ledgerOf, requestsTo, runMaileon, useMaileonSandbox } from '../helpers';

const UNSUBSCRIBE = { resource: 'contact', operation: 'unsubscribe' };

describe('Maileon Unsubscribe contact', () => {
	const { sandbox } = useMaileonSandbox();

	beforeEach(() => {
		sandbox().state.seedContacts([
			{ email: 'anna@example.org', externalId: 'K-1001', permission: 4 },
		]);
	});

	function unsubscribe(parameters: IDataObject) {
		return runMaileon(sandbox(), { ...UNSUBSCRIBE, ...parameters });
	}

	it('unsubscribes by email: Maileon anonymises the contact and reports the unsubscription', async () => {
		const result = await unsubscribe({ email: 'anna@example.org' });

		expect(
			requestsTo(sandbox(), 'DELETE', '/contacts/email/anna%40example.org/unsubscribe')[0].status,
		).toBe(204);
		expect(sandbox().state.getContact('anna@example.org')).toBeUndefined();
		expect(sandbox().state.unsubscriptions).toEqual([
			expect.objectContaining({ email: 'anna@example.org', source: 'api' }),
		]);
		expect(result.items('Maileon')).toEqual([
			{ json: { email: 'anna@example.org', unsubscribed: true }, pairedItem: { item: 0 } },
		]);
	});

	it('adds the address to the suppression ledger', async () => {
		const result = await unsubscribe({ email: 'anna@example.org' });

		expect(ledgerOf(result.staticData).has('anna@example.org')).toBe(true);
	});

	it('unsubscribes by external ID without touching the ledger, which needs an email', async () => {
		const result = await unsubscribe({ identifyBy: 'externalId', externalId: 'K-1001' });

		expect(requestsTo(sandbox(), 'DELETE', '/contacts/externalid/K-1001/unsubscribe')).toHaveLength(
			1,
		);
		expect(sandbox().state.getContact('anna@example.org')).toBeUndefined();
		expect(ledgerOf(result.staticData).size).toBe(0);
	});

	it('passes the reason as type|text', async () => {
		await unsubscribe({
			email: 'anna@example.org',
			options: { reason: 'too_many_messages', reasonText: 'weekly is enough' },
		});

		expect(sandbox().state.unsubscriptions[0].reasons).toEqual([
			'too_many_messages|weekly is enough',
		]);
	});

	it("fails with Maileon's message when the mailing was never sent, and keeps the ledger unchanged", async () => {
		const result = await unsubscribe({ email: 'anna@example.org', options: { mailingId: '77' } });

		expect(result.error?.message).toBe(
			'Maileon rejected the request (400): Mailing 77 has not been sent',
		);
		expect(ledgerOf(result.staticData).size).toBe(0);
	});
});
