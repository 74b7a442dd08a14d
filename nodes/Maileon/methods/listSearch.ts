import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isGlobalBlacklist, readBlacklists } from '../blacklists';
import { maileonRequest } from '../transport';

/** The account's blacklists, filtered by name or ID on our side (Maileon's list has no filter). */
export async function searchBlacklists(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const response = await maileonRequest.call(this, 'GET', '/blacklists');
	const text = (filter ?? '').trim().toLowerCase();
	const results = readBlacklists(response.body)
		.filter((list) => text === '' || list.name.toLowerCase().includes(text) || list.id === text)
		.map((list) => ({
			name: isGlobalBlacklist(list.id) ? `${list.name} (global, read-only)` : list.name,
			value: list.id,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
