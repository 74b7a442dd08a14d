import { errorOf, requestsTo, runBillomat, useBillomatSandbox } from '../helpers';

describe('Billomat Contact Person Get Many', () => {
	const { sandbox } = useBillomatSandbox();

	beforeEach(() => {
		sandbox().state.seedClients([
			{ name: 'A', contacts: [{ first_name: 'Paul', email: 'paul@example.org' }] },
			{ name: 'B', contacts: [{ first_name: 'Other' }] },
		]);
	});

	it('lists the contact persons of one client, a single one given as an object', async () => {
		const result = await runBillomat(sandbox(), { resource: 'contact', operation: 'getAll', clientId: '1', returnAll: true });

		expect(result.json('Billomat')).toEqual([expect.objectContaining({ id: '1', client_id: '1', first_name: 'Paul', email: 'paul@example.org' })]);
		expect(requestsTo(sandbox(), 'GET', '/contacts')[0].query).toMatchObject({ client_id: '1', per_page: '1000' });
	});

	it('works where Billomat demands the client ID', async () => {
		sandbox().state.settings.contactsRequireClientId = true;

		const result = await runBillomat(sandbox(), { resource: 'contact', operation: 'getAll', clientId: '2', returnAll: true });

		expect(result.json('Billomat').map((contact) => contact.first_name)).toEqual(['Other']);
	});

	it('needs a Client ID', async () => {
		const result = await runBillomat(sandbox(), { resource: 'contact', operation: 'getAll', clientId: ' ', returnAll: true });

		expect(errorOf(result).message).toBe('The Client ID is empty');
	});
});
