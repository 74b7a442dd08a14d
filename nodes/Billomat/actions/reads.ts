import type { QueryValue, RequestContext } from '../../shared/n8n/http';
import { readAllPages } from '../../shared/pages';
import { readText, type BillomatRecord } from '../mapping';
import { billomatPages, type PageOptions } from '../transport';

/** List keys of the Billomat collections this node reads (billomat.md §7–§10). */
export const LISTS = {
	clients: { list: 'clients', item: 'client' },
	// A client's tags come as `client-tag`; the tag cloud (no client_id) comes as `tag` according
	// to billomat.com/api/kunden/schlagworte (justpilot/billomat-php-api docs/resources/client-tags.md)
	// and as `client-tag` according to DevelappersGmbH/BillomatNet Api/ClientTagCloudItemList.cs
	clientTags: { list: 'client-tags', item: ['client-tag', 'tag'] },
	contacts: { list: 'contacts', item: 'contact' },
	clientProperties: { list: 'client-properties', item: 'client-property' },
	propertyValues: { list: 'client-property-values', item: 'client-property-value' },
} as const;

export type ListName = keyof typeof LISTS;

const PATHS: Record<ListName, string> = {
	clients: '/clients',
	clientTags: '/client-tags',
	contacts: '/contacts',
	clientProperties: '/client-properties',
	propertyValues: '/client-property-values',
};

/** Every item of a Billomat list, page by page. */
export function pagesOf(
	this: RequestContext,
	name: ListName,
	qs: Record<string, QueryValue>,
	options: PageOptions = {},
): AsyncGenerator<BillomatRecord[]> {
	return billomatPages.call(this, PATHS[name], LISTS[name], qs, options);
}

/** All items of a list that fits a few pages (tags or contact persons of one client). */
export async function readAll(
	this: RequestContext,
	name: ListName,
	qs: Record<string, QueryValue>,
	options: PageOptions = {},
): Promise<BillomatRecord[]> {
	return await readAllPages(pagesOf.call(this, name, qs, options));
}

/** The tags of one client (billomat.md §9; `client_id` turns the tag cloud into the client's tags). */
export async function readClientTags(
	this: RequestContext,
	clientId: string,
	options: PageOptions = {},
): Promise<BillomatRecord[]> {
	return await readAll.call(this, 'clientTags', { client_id: clientId }, options);
}

export function tagNames(tags: readonly BillomatRecord[]): string[] {
	return tags.map((tag) => readText(tag, 'name')).filter((name): name is string => name !== undefined);
}
