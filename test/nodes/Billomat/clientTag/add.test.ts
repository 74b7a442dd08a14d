import { requestsTo, runBillomat, useBillomatSandbox } from '../helpers';

describe('Billomat Client Tag Add', () => {
	const { sandbox } = useBillomatSandbox({ logBodies: true });

	beforeEach(() => {
		sandbox().state.seedClients([
			{ name: 'A', email: 'anna@example.org', tags: ['Newsletter'] },
			{ name: 'B', email: 'hanna@example.org' },
			{ name: 'C', email: 'ANNA@example.org' },
		]);
	});

	it('adds the missing tags and leaves the ones the client has', async () => {
		const result = await runBillomat(sandbox(), { resource: 'clientTag', operation: 'add', identifyBy: 'id', clientId: '1', tags: 'newsletter, newsletter-unsubscribed' });

		expect(result.json('Billomat')).toEqual([
			{ clientId: '1', added: ['newsletter-unsubscribed'], alreadyPresent: ['newsletter'] },
		]);
		expect(sandbox().state.tagsOf(1)).toEqual(['Newsletter', 'newsletter-unsubscribed']);
		expect(JSON.parse(requestsTo(sandbox(), 'POST', '/client-tags')[0].body ?? '')).toEqual({
			'client-tag': { client_id: '1', name: 'newsletter-unsubscribed' },
		});
	});

	it('changes nothing when run again', async () => {
		const parameters = { resource: 'clientTag', operation: 'add', clientId: '2', tags: 'vip' };
		await runBillomat(sandbox(), parameters);
		await runBillomat(sandbox(), parameters);

		expect(sandbox().state.tagsOf(2)).toEqual(['vip']);
		expect(requestsTo(sandbox(), 'POST', '/client-tags')).toHaveLength(1);
	});

	it('tags every client with exactly the given email, not those that merely contain it', async () => {
		const result = await runBillomat(sandbox(), { resource: 'clientTag', operation: 'add', identifyBy: 'email', email: 'anna@example.org', tags: 'newsletter-unsubscribed' });

		expect(result.json('Billomat').map((item) => item.clientId)).toEqual(['1', '3']);
		expect(sandbox().state.tagsOf(2)).toEqual([]);
	});

	it('returns an empty result instead of failing when no client has the email', async () => {
		const result = await runBillomat(sandbox(), { resource: 'clientTag', operation: 'add', identifyBy: 'email', email: 'nobody@example.org', tags: 'x' });

		expect(result.json('Billomat')).toEqual([{ email: 'nobody@example.org', clientIds: [] }]);
	});
});
