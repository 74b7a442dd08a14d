import { useNewsletter2GoSandbox } from '../../../sandbox/newsletter2go/testing';
import { byId, NODE, runNode } from '../helpers';

describe('Newsletter2Go Recipient Get Many', () => {
	const { sandbox, listId } = useNewsletter2GoSandbox();

	beforeEach(() => {
		sandbox().state.seedRecipients(
			listId(),
			Array.from({ length: 7 }, (_, i) => ({ email: `r${i}@example.org`, values: { gender: i % 2 === 0 ? 'f' : 'm' } })),
		);
	});

	const getAll = (parameters: Record<string, unknown>) =>
		runNode(sandbox(), { resource: 'recipient', operation: 'getAll', list: byId(listId()), ...parameters });
	const pages = () =>
		sandbox().log
			.filter((entry) => entry.path === `/lists/${listId()}/recipients`)
			.map((entry) => `${String(entry.query._limit)}@${String(entry.query._offset)}`);

	it('pages with _limit and _offset until every recipient is read', async () => {
		const result = await getAll({ returnAll: true, options: { pageSize: 3 } });

		expect(result.json(NODE).map((recipient) => recipient.email)).toEqual(
			Array.from({ length: 7 }, (_, i) => `r${i}@example.org`),
		);
		expect(pages()).toEqual(['3@0', '3@3', '3@6']);
	});

	it('stops as soon as the limit is reached and asks only for what is missing', async () => {
		const result = await getAll({ returnAll: false, limit: 4, options: { pageSize: 3 } });

		expect(result.json(NODE)).toHaveLength(4);
		expect(pages()).toEqual(['3@0', '1@3']);
	});

	it('asks for no more than the limit when it is below the page size', async () => {
		await getAll({ returnAll: false, limit: 2 });

		expect(pages()).toEqual(['2@0']);
	});

	it('keeps paging by count and page length when Newsletter2Go sends no next link', async () => {
		sandbox().state.settings.nextLinks = false;

		const result = await getAll({ returnAll: true, options: { pageSize: 3 } });

		expect(result.json(NODE)).toHaveLength(7);
		expect(pages()).toEqual(['3@0', '3@3', '3@6']);
	});

	it('passes the filter expression and the requested fields on', async () => {
		const result = await getAll({ returnAll: true, filters: { filter: 'gender=="m"' }, options: { fields: 'email,gender' } });

		expect(result.json(NODE)).toEqual([
			{ _href: expect.any(String), id: expect.any(String), email: 'r1@example.org', gender: 'm' },
			{ _href: expect.any(String), id: expect.any(String), email: 'r3@example.org', gender: 'm' },
			{ _href: expect.any(String), id: expect.any(String), email: 'r5@example.org', gender: 'm' },
		]);
		expect(sandbox().log.last()?.query).toMatchObject({ _filter: 'gender=="m"', _fields: 'email,gender' });
	});
});
