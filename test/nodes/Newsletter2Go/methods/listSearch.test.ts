import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import * as listSearch from '../../../../nodes/Newsletter2Go/methods/listSearch';
import { observe } from '../../../harness/secretRecorder';
import { useNewsletter2GoSandbox } from '../../../sandbox/newsletter2go/testing';
import { loadOptionsContext } from '../helpers';

type ListSearch = (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>;

/** The search as the editor calls it; what it answers or throws is recorded for the secret scan. */
function recorded(name: string, search: ListSearch): ListSearch {
	return async function (this: ILoadOptionsFunctions, ...args) {
		return await observe(`list search "${name}"`, async () => await search.apply(this, args));
	};
}

const searchLists = recorded('searchLists', listSearch.searchLists);
const searchGroups = recorded('searchGroups', listSearch.searchGroups);

describe('Newsletter2Go list search', () => {
	const { sandbox } = useNewsletter2GoSandbox();

	it('lists address books with their API URL', async () => {
		const morning = sandbox().state.createList({ name: 'Morning Briefing' });

		const result = await searchLists.call(await loadOptionsContext(sandbox()));

		expect(result.results).toEqual([
			{ name: 'Newsletter', value: sandbox().state.defaultListId, url: `${sandbox().baseUrl}/lists/${sandbox().state.defaultListId}` },
			{ name: 'Morning Briefing', value: morning.id, url: `${sandbox().baseUrl}/lists/${morning.id}` },
		]);
		expect(result.paginationToken).toBeUndefined();
	});

	it('filters by name on the server', async () => {
		sandbox().state.createList({ name: 'Morning Briefing' });

		const result = await searchLists.call(await loadOptionsContext(sandbox()), 'morning');

		expect(result.results.map((entry) => entry.name)).toEqual(['Morning Briefing']);
		expect(sandbox().log.last()?.query._filter).toBe('name=like="%morning%"');
	});

	it('filters by name locally when the text cannot go into a filter', async () => {
		sandbox().state.createList({ name: 'The "Daily"' });

		const result = await searchLists.call(await loadOptionsContext(sandbox()), '"daily"');

		expect(result.results.map((entry) => entry.name)).toEqual(['The "Daily"']);
		expect(sandbox().log.last()?.query._filter).toBeUndefined();
	});

	it('pages with a token of the next offset', async () => {
		for (let i = 0; i < 120; i++) sandbox().state.createList({ name: `List ${i}` });
		const context = await loadOptionsContext(sandbox());

		const first = await searchLists.call(context);
		const second = await searchLists.call(context, undefined, first.paginationToken);

		expect([first.results.length, first.paginationToken]).toEqual([100, '100']);
		expect([second.results.length, second.paginationToken]).toEqual([21, undefined]);
	});

	it('lists the groups of the chosen list and marks dynamic ones', async () => {
		const listId = sandbox().state.defaultListId;
		const vip = sandbox().state.createGroup({ list_id: listId, name: 'VIP' });
		const auto = sandbox().state.createGroup({ list_id: listId, name: 'Auto', is_dynamic: true, filter: 'gender=="f"' });

		const result = await searchGroups.call(await loadOptionsContext(sandbox(), { list: listId }));

		expect(result.results.map((entry) => [entry.name, entry.value])).toEqual([
			['VIP', vip.id],
			['Auto (dynamic)', auto.id],
		]);
	});

	it('offers no groups before a list is chosen', async () => {
		expect(await searchGroups.call(await loadOptionsContext(sandbox(), { list: '' }))).toEqual({ results: [] });
	});
});
