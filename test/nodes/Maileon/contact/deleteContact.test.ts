import type { IDataObject } from 'n8n-workflow';

import { identifyBy, ledgerOf, requestsTo, runMaileon, useMaileonSandbox } from '../helpers';

const DELETE = { resource: 'contact', operation: 'deleteContact' };

describe('Maileon Delete contact', () => {
	const { sandbox } = useMaileonSandbox();

	beforeEach(() => {
		sandbox().state.seedContacts([{ email: 'anna@example.org', externalId: 'K-1001' }]);
	});

	function deleteContact(parameters: IDataObject) {
		return runMaileon(sandbox(), { ...DELETE, ...parameters });
	}

	it.each([
		['email', identifyBy.email('anna@example.org'), '/contacts/email/anna%40example.org', {}],
		['external ID', identifyBy.externalId('K-1001'), '/contacts/externalid/K-1001', {}],
		['Maileon ID', identifyBy.maileonId('1001'), '/contacts/contact', { id: '1001' }],
	])('deletes a contact by %s', async (_, parameters, path, query) => {
		const result = await deleteContact(parameters);

		expect(requestsTo(sandbox(), 'DELETE', path).map((entry) => entry.query)).toEqual([query]);
		expect(sandbox().state.listContacts({ includeAnonymised: true })).toEqual([]);
		expect(result.items('Maileon')[0].pairedItem).toEqual({ item: 0 });
	});

	it('keeps a deleted address out of future imports by default', async () => {
		const result = await deleteContact({ email: 'anna@example.org' });

		expect(result.json('Maileon')).toEqual([{ email: 'anna@example.org', deleted: true }]);
		expect(ledgerOf(result.staticData).has('anna@example.org')).toBe(true);
	});

	it('leaves the ledger alone when "Keep Out of Future Imports" is off', async () => {
		const result = await deleteContact({ email: 'anna@example.org', addToLedger: false });

		expect(ledgerOf(result.staticData).size).toBe(0);
	});

	it("fails with Maileon's message for a contact it does not have", async () => {
		const result = await deleteContact({ email: 'nobody@example.org' });

		expect(result.error?.message).toBe(
			'Maileon could not find the requested object (404): No contact with email nobody@example.org',
		);
		expect(ledgerOf(result.staticData).size).toBe(0);
	});
});
