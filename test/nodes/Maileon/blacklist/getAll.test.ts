import { runMaileon, useMaileonSandbox } from '../helpers';

describe('Maileon Get Many blacklists', () => {
	const { sandbox } = useMaileonSandbox();

	it("lists the account's blacklists with their ids, names and whether they can be written", async () => {
		const result = await runMaileon(sandbox(), { resource: 'blacklist', operation: 'getAll', returnAll: true });

		expect(result.items('Maileon')).toEqual([
			{ json: { id: 11, name: 'Newsletter opt-outs', writable: true }, pairedItem: { item: 0 } },
			{ json: { id: 12, name: 'Competitors', writable: true }, pairedItem: { item: 0 } },
		]);
	});

	it('returns no more than the limit', async () => {
		const result = await runMaileon(sandbox(), { resource: 'blacklist', operation: 'getAll', returnAll: false, limit: 1 });

		expect(result.json('Maileon')).toEqual([{ id: 11, name: 'Newsletter opt-outs', writable: true }]);
	});
});
