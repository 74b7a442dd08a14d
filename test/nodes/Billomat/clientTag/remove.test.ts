import { errorOf, requestsTo, runBillomat, useBillomatSandbox } from '../helpers';

describe('Billomat Client Tag Remove', () => {
	const { sandbox } = useBillomatSandbox();

	beforeEach(() => {
		sandbox().state.seedClients([{ name: 'A', email: 'anna@example.org', tags: ['Newsletter', 'vip'] }]);
	});

	it('deletes the tags by name, case-insensitively, and reports the ones that were not there', async () => {
		const result = await runBillomat(sandbox(), { resource: 'clientTag', operation: 'remove', clientId: '1', tags: 'newsletter,gone' });

		expect(result.json('Billomat')).toEqual([{ clientId: '1', removed: ['newsletter'], notPresent: ['gone'] }]);
		expect(sandbox().state.tagsOf(1)).toEqual(['vip']);
		expect(requestsTo(sandbox(), 'DELETE', '/client-tags/1')).toHaveLength(1);
	});

	it('removes by email for the unsubscribe back-sync', async () => {
		await runBillomat(sandbox(), { resource: 'clientTag', operation: 'remove', identifyBy: 'email', email: 'Anna@Example.org', tags: 'newsletter' });

		expect(sandbox().state.tagsOf(1)).toEqual(['vip']);
	});

	it('refuses an empty list of tags', async () => {
		const result = await runBillomat(sandbox(), { resource: 'clientTag', operation: 'remove', clientId: '1', tags: ' , ' });

		expect(errorOf(result).message).toBe('No tag names given');
	});
});
