import { useNewsletter2GoSandbox } from '../../../sandbox/newsletter2go/testing';
import { NODE, runNode } from '../helpers';

describe('Newsletter2Go List', () => {
	const { sandbox } = useNewsletter2GoSandbox();

	it('creates an address book with its options and returns the stored list', async () => {
		const result = await runNode(sandbox(), {
			resource: 'list',
			operation: 'create',
			name: 'Morning Briefing',
			options: { header_from_email: 'news@example.org', has_opentracking: false },
		});

		const [created] = result.json(NODE);
		expect(created).toMatchObject({ name: 'Morning Briefing', header_from_email: 'news@example.org', has_opentracking: false });
		expect(sandbox().state.lists.get(String(created.id))?.name).toBe('Morning Briefing');
		expect(sandbox().log.filter((entry) => entry.method === 'POST' && entry.path === '/lists')).toHaveLength(1);
	});

	it('gets the lists expanded, up to the limit', async () => {
		for (const name of ['A', 'B', 'C']) sandbox().state.createList({ name });

		const all = await runNode(sandbox(), { resource: 'list', operation: 'getAll', returnAll: true });
		const two = await runNode(sandbox(), { resource: 'list', operation: 'getAll', returnAll: false, limit: 2 });

		expect(all.json(NODE).map((list) => list.name)).toEqual(['Newsletter', 'A', 'B', 'C']);
		expect(two.json(NODE)).toHaveLength(2);
		expect(sandbox().log.last()?.query).toMatchObject({ _expand: 'true', _limit: '2', _offset: '0' });
	});
});
