import { errorOf, requestsTo, runBillomat, useBillomatSandbox } from '../helpers';

describe('Billomat Client Get', () => {
	const { sandbox } = useBillomatSandbox();

	beforeEach(() => {
		sandbox().state.seedClients([
			{
				name: 'Muster GmbH',
				salutation: 'Frau',
				first_name: 'Anna',
				email: 'anna@example.org',
				archived: true,
				tags: ['newsletter'],
				properties: { Newsletter: '1' },
				contacts: [{ first_name: 'Paul', email: 'paul@example.org' }],
			},
		]);
	});

	it('returns the client with Billomat\'s strings turned into booleans, numbers and nulls', async () => {
		const result = await runBillomat(sandbox(), { resource: 'client', operation: 'get', clientId: '1' });

		const [client] = result.json('Billomat');
		expect(client).toMatchObject({
			id: '1',
			name: 'Muster GmbH',
			archived: true,
			number: 1,
			client_number: 'KD1',
			revenue_gross: 0,
			sepa_mandate_date: null,
			discount_rate: null,
		});
		expect(client['client-property-values']).toEqual([
			{ id: '1', client_id: '1', client_property_id: '1', type: 'TEXTFIELD', name: 'Newsletter', value: '1', customfield: '' },
		]);
	});

	it('asks for JSON and sends the key in its header, never in the URL', async () => {
		await runBillomat(sandbox(), { resource: 'client', operation: 'get', clientId: '1' });

		const [request] = requestsTo(sandbox(), 'GET', '/clients/1');
		expect(request.headers.accept).toBe('application/json');
		expect(request.headers['x-billomatapikey']).toBe('***');
		expect(request.query).toEqual({});
	});

	it('adds tags and contact persons when asked', async () => {
		const result = await runBillomat(sandbox(), {
			resource: 'client',
			operation: 'get',
			clientId: '1',
			options: { includeTags: true, includeContacts: true },
		});

		const [client] = result.json('Billomat');
		expect(client.tags).toEqual(['newsletter']);
		expect(client.contacts).toEqual([expect.objectContaining({ id: '1', first_name: 'Paul', email: 'paul@example.org' })]);
	});

	it('links each client to its input item', async () => {
		const result = await runBillomat(sandbox(), { resource: 'client', operation: 'get', clientId: '={{ $json.id }}' }, {
			input: [{ id: '1' }, { id: '1' }],
		});

		expect(result.items('Billomat').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('says which client is missing when Billomat answers 404', async () => {
		const result = await runBillomat(sandbox(), { resource: 'client', operation: 'get', clientId: '77' });

		expect(errorOf(result).message).toBe('Billomat has no client "77" (404)');
		expect(errorOf(result).description).toBe('Check the ID given to the node; the record may have been deleted in Billomat.');
	});

	it('refuses an empty Client ID before calling Billomat', async () => {
		const result = await runBillomat(sandbox(), { resource: 'client', operation: 'get', clientId: ' ' });

		expect(errorOf(result).message).toBe('The Client ID is empty');
		expect(sandbox().log.size).toBe(0);
	});
});
