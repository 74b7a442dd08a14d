import { requestsTo, runBillomat, useBillomatSandbox } from '../helpers';

describe('Billomat Client Tag Get Many', () => {
	const { sandbox } = useBillomatSandbox();

	beforeEach(() => {
		sandbox().state.seedClients([{ name: 'A', tags: ['newsletter', 'vip'] }, { name: 'B', tags: ['vip'] }]);
	});

	it('lists the tags of one client', async () => {
		const result = await runBillomat(sandbox(), { resource: 'clientTag', operation: 'getAll', clientId: '1', returnAll: true });

		expect(result.json('Billomat').map((tag) => tag.name)).toEqual(['newsletter', 'vip']);
		expect(requestsTo(sandbox(), 'GET', '/client-tags')[0].query.client_id).toBe('1');
	});

	it.each(['client-tag', 'tag'] as const)('lists the tag cloud with counts as numbers when no client is given and Billomat names its items "%s"', async (itemKey) => {
		sandbox().state.settings.tagCloudItemKey = itemKey;

		const result = await runBillomat(sandbox(), { resource: 'clientTag', operation: 'getAll', returnAll: true });

		expect(result.json('Billomat')).toEqual([
			{ id: '1', name: 'newsletter', count: 1 },
			{ id: '2', name: 'vip', count: 2 },
		]);
	});

	it('returns at most the limit', async () => {
		const result = await runBillomat(sandbox(), { resource: 'clientTag', operation: 'getAll', clientId: '1', returnAll: false, limit: 1 });

		expect(result.json('Billomat')).toHaveLength(1);
	});
});
