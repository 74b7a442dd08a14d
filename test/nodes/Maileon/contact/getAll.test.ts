import type { IDataObject } from 'n8n-workflow';

import { requestsTo, runMaileon, useMaileonSandbox } from '../helpers';

const GET_ALL = { resource: 'contact', operation: 'getAll' };

describe('Maileon Get Many contacts', () => {
	const { sandbox } = useMaileonSandbox();

	beforeEach(() => {
		sandbox().state.seedContacts(
			Array.from({ length: 2500 }, (_, index) => ({ email: `person${index}@example.org` })),
		);
	});

	function getAll(parameters: IDataObject) {
		return runMaileon(sandbox(), { ...GET_ALL, ...parameters });
	}

	const pageRequests = () =>
		requestsTo(sandbox(), 'GET', '/contacts').map((entry) => [
			entry.query.page_index,
			entry.query.page_size,
		]);

	it.each([
		['a limit below one page asks for just that many', 5, [['1', '5']]],
		[
			'a limit across pages stops after the page that completes it',
			1500,
			[
				['1', '1000'],
				['2', '1000'],
			],
		],
	])('%s', async (_, limit, requests) => {
		const result = await getAll({ limit });

		expect(result.items('Maileon')).toHaveLength(limit);
		expect(pageRequests()).toEqual(requests);
	});

	it('follows X-Pages to the last page with Return All', async () => {
		const result = await getAll({ returnAll: true });

		expect(result.json('Maileon')).toHaveLength(2500);
		expect(result.json('Maileon')[2499].email).toBe('person2499@example.org');
		expect(pageRequests()).toEqual([
			['1', '1000'],
			['2', '1000'],
			['3', '1000'],
		]);
	});

	it('links every contact to the input item', async () => {
		const result = await getAll({ limit: 2 });

		expect(result.items('Maileon').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
		]);
	});

	it("filters by the time of the last change in Maileon's format", async () => {
		await getAll({ returnAll: true, filters: { updatedAfter: '2024-05-02T16:03:11+02:00' } });

		expect(requestsTo(sandbox(), 'GET', '/contacts')[0].query.updated_after).toBe(
			'2024-05-02 14:03:11',
		);
	});
});
