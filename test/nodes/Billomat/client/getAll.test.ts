import { pageQuery, requestsTo, runBillomat, useBillomatSandbox } from '../helpers';

describe('Billomat Client Get Many', () => {
	const { sandbox } = useBillomatSandbox();

	function getAll(parameters: Record<string, unknown> = {}) {
		return runBillomat(sandbox(), { resource: 'client', operation: 'getAll', returnAll: true, ...parameters });
	}

	it('reads every page with per_page=1000, sorted by ID, and stops at @total', async () => {
		sandbox().state.generateClients(2500, (index) => ({ name: `Client ${index + 1}` }));

		const result = await getAll();

		expect(result.json('Billomat')).toHaveLength(2500);
		expect(requestsTo(sandbox(), 'GET', '/clients').map((entry) => entry.query)).toEqual([pageQuery(1), pageQuery(2), pageQuery(3)]);
	});

	it('stops after the first page when the limit is reached', async () => {
		sandbox().state.generateClients(1500, (index) => ({ name: `Client ${index + 1}` }));

		const result = await getAll({ returnAll: false, limit: 5 });

		expect(result.json('Billomat').map((client) => client.id)).toEqual(['1', '2', '3', '4', '5']);
		expect(requestsTo(sandbox(), 'GET', '/clients')).toHaveLength(1);
	});

	it('reads a list whose single client comes as an object', async () => {
		sandbox().state.seedClients([{ name: 'Solo' }]);

		expect((await getAll()).json('Billomat')).toEqual([expect.objectContaining({ id: '1', name: 'Solo' })]);
	});

	it.each(['emptyString', 'emptyArray', 'missingKey'] as const)('returns nothing for an empty list in the %s form', async (form) => {
		sandbox().state.settings.emptyList = form;

		const result = await getAll();

		expect(result.status).toBe('success');
		expect(result.json('Billomat')).toEqual([]);
	});

	it('passes the filters to Billomat', async () => {
		await getAll({
			filters: {
				name: 'gmbh',
				clientNumber: 'KD1',
				firstName: 'Anna',
				lastName: 'Muster',
				countryCode: 'de',
				tags: 'newsletter',
				email: 'anna@example.org',
				customField: 'crm-1',
			},
		});

		expect(requestsTo(sandbox(), 'GET', '/clients')[0].query).toEqual({
			name: 'gmbh',
			client_number: 'KD1',
			email: 'anna@example.org',
			first_name: 'Anna',
			last_name: 'Muster',
			country_code: 'DE',
			tags: 'newsletter',
			customfield: 'crm-1',
			...pageQuery(1),
		});
	});

	it('keeps only exact email matches, as Billomat matches substrings', async () => {
		sandbox().state.seedClients([
			{ name: 'A', email: 'anna@example.org' },
			{ name: 'B', email: 'hanna@example.org' },
			{ name: 'C', email: 'ANNA@example.org' },
		]);

		const exact = await getAll({ filters: { email: 'anna@example.org' } });
		const substring = await getAll({ filters: { email: 'anna@example.org', substringMatching: true } });

		expect(exact.json('Billomat').map((client) => client.name)).toEqual(['A', 'C']);
		expect(substring.json('Billomat')).toHaveLength(3);
	});

	it('keeps only exact custom field matches', async () => {
		sandbox().state.seedClients([
			{ name: 'A', customfield: 'crm-17' },
			{ name: 'B', customfield: 'crm-170' },
		]);

		expect((await getAll({ filters: { customField: 'crm-17' } })).json('Billomat').map((client) => client.name)).toEqual(['A']);
	});

	it('leaves archived clients out unless asked to include them', async () => {
		sandbox().state.seedClients([{ name: 'Active' }, { name: 'Old', archived: true }]);

		expect((await getAll()).json('Billomat').map((client) => client.name)).toEqual(['Active']);
		expect((await getAll({ filters: { includeArchived: true } })).json('Billomat')).toHaveLength(2);
	});

	it('counts the limit after its own checks, reading further pages when needed', async () => {
		sandbox().state.generateClients(1200, (index) => ({ name: `Client ${index}`, archived: index < 1000 }));

		const result = await getAll({ returnAll: false, limit: 3 });

		expect(result.json('Billomat').map((client) => client.id)).toEqual(['1001', '1002', '1003']);
		expect(requestsTo(sandbox(), 'GET', '/clients')).toHaveLength(2);
	});

	it('sends no order_by when sorting is turned off', async () => {
		sandbox().state.settings.idSortable = false;
		sandbox().state.seedClients([{ name: 'A' }]);

		const result = await getAll({ options: { sortById: false } });

		expect(result.json('Billomat')).toHaveLength(1);
		expect(requestsTo(sandbox(), 'GET', '/clients')[0].query.order_by).toBeUndefined();
	});
});
