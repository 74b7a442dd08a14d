import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { isRecord } from '../../shared/values';
import { listPath, newsletter2GoEnvelope } from '../transport';

const SEARCH_PAGE_SIZE = 100;

/** One page of a named collection, filtered by name on the server (`=like=`, §4.2). */
async function searchByName(
	this: ILoadOptionsFunctions,
	path: string,
	filter: string | undefined,
	paginationToken: string | undefined,
	describe: (record: Record<string, unknown>) => string = (record) => String(record.name ?? record.id),
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const text = (filter ?? '').trim();
	// a quote or backslash cannot be escaped in a filter value (§15 #15): search without the filter then
	const safe = text !== '' && !/["\\%_]/.test(text);
	const page = await newsletter2GoEnvelope.call(this, 'GET', path, {
		qs: {
			_expand: true,
			_limit: SEARCH_PAGE_SIZE,
			_offset: offset,
			_filter: safe ? `name=like="%${text}%"` : undefined,
		},
	});
	const results: INodeListSearchItems[] = [];
	for (const record of page.value) {
		if (!isRecord(record) || typeof record.id !== 'string') continue;
		const name = describe(record);
		if (text !== '' && !safe && !name.toLowerCase().includes(text.toLowerCase())) continue;
		results.push({ name, value: record.id, url: typeof record._href === 'string' ? record._href : undefined });
	}
	const hasMore = page.next ?? offset + SEARCH_PAGE_SIZE < (page.count ?? 0);
	return { results, paginationToken: hasMore ? String(offset + SEARCH_PAGE_SIZE) : undefined };
}

export async function searchLists(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchByName.call(this, '/lists', filter, paginationToken);
}

export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const listId = String(this.getCurrentNodeParameter('list', { extractValue: true }) ?? '').trim();
	if (listId === '') return { results: [] };
	return await searchByName.call(this, listPath(listId, 'groups'), filter, paginationToken, (record) =>
		record.is_dynamic === true ? `${String(record.name)} (dynamic)` : String(record.name ?? record.id),
	);
}
