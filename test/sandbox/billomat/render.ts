import { queryValue } from '../framework/types';
import type { SandboxRequest, SandboxResponse } from '../framework/types';
import type { BillomatSettings } from './settings';

export type Format = 'json' | 'xml';

/** A record with nested collections, e.g. a client with `client-property-values`. */
export interface Nested {
	readonly [field: string]: string | { readonly item: string; readonly records: readonly Record<string, string>[] };
}

export interface ListPage {
	readonly listKey: string;
	readonly itemKey: string;
	readonly records: readonly Nested[];
	readonly page: number;
	readonly perPage: number;
	readonly total: number;
}

/** Thrown by route code; the route wrapper answers with Billomat's error body (billomat.md §11). */
export class BillomatError extends Error {
	constructor(
		readonly status: number,
		readonly errors: readonly string[],
	) {
		super(errors.join('; '));
		this.name = 'BillomatError';
	}
}

/** billomat.md §2: JSON with `Accept: application/json` or `format=json`, else XML. */
export function formatOf(request: SandboxRequest, settings: BillomatSettings): Format {
	const format = queryValue(request.query, 'format');
	if (format === 'json' || format === 'xml') return format;
	const accept = String(request.headers.accept ?? '');
	if (/application\/json/i.test(accept)) return 'json';
	if (/application\/xml|text\/xml/i.test(accept)) return 'xml';
	return settings.defaultFormat;
}

// billomat.md §6.7: Billomat escapes everything beyond ASCII as \uXXXX.
function escapeNonAscii(json: string): string {
	return json.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function jsonRecord(record: Nested, emptyNested: string): Record<string, unknown> {
	let isFlat = true;
	for (const name in record) if (typeof record[name] !== 'string') isFlat = false;
	if (isFlat) return record;
	const result: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(record)) {
		if (typeof value === 'string') {
			result[name] = value;
			continue;
		}
		// billomat.md §6.4: an empty nested collection is ""; one element is an object
		result[name] =
			value.records.length === 0
				? emptyNested
				: { [value.item]: value.records.length === 1 ? value.records[0] : value.records };
	}
	return result;
}

function escapeXml(text: string): string {
	return text.replace(/[<>&"']/g, (char) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[char]};`);
}

function xmlRecord(name: string, record: Nested): string {
	const children = Object.entries(record).map(([field, value]) => {
		if (typeof value === 'string') return `<${field}>${escapeXml(value)}</${field}>`;
		return `<${field}>${value.records.map((entry) => xmlRecord(value.item, entry)).join('')}</${field}>`;
	});
	return `<${name}>${children.join('')}</${name}>`;
}

// Both bodies are built on demand: a page of 1000 clients is rendered in one form only.
function respond(status: number, format: Format, json: () => unknown, xml: () => string): SandboxResponse {
	if (format === 'json') {
		return {
			status,
			headers: { 'content-type': 'application/json; charset=utf-8' },
			body: escapeNonAscii(JSON.stringify(json())),
		};
	}
	return {
		status,
		headers: { 'content-type': 'application/xml; charset=utf-8' },
		body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml()}`,
	};
}

export function renderItem(status: number, format: Format, itemKey: string, record: Nested): SandboxResponse {
	return respond(
		status,
		format,
		() => ({ [itemKey]: jsonRecord(record, '') }),
		() => xmlRecord(itemKey, record),
	);
}

/**
 * A list page (billomat.md §5, §6): `@page`, `@per_page`, `@total` as strings, one element as an
 * object, an empty list in the configured form.
 */
export function renderList(format: Format, list: ListPage, settings: BillomatSettings): SandboxResponse {
	const json = (): unknown => {
		const meta = { '@page': String(list.page), '@per_page': String(list.perPage), '@total': String(list.total) };
		const records = list.records.map((record) => jsonRecord(record, ''));
		if (records.length > 0) return { [list.listKey]: { [list.itemKey]: records.length === 1 ? records[0] : records, ...meta } };
		if (settings.emptyList === 'emptyString') return { [list.listKey]: '' };
		if (settings.emptyList === 'emptyArray') return { [list.listKey]: { [list.itemKey]: [], ...meta } };
		return { [list.listKey]: meta };
	};
	const xml = (): string => {
		const attributes = `type="array" page="${list.page}" per_page="${list.perPage}" total="${list.total}"`;
		const items = list.records.map((record) => xmlRecord(list.itemKey, record)).join('');
		return `<${list.listKey} ${attributes}>${items}</${list.listKey}>`;
	};
	return respond(200, format, json, xml);
}

/** billomat.md §11: `{"errors": {"error": "…" | ["…", …]}}` or `<errors><error>…</error></errors>`. */
export function renderErrors(status: number, format: Format, errors: readonly string[]): SandboxResponse {
	return respond(
		status,
		format,
		() => ({ errors: { error: errors.length === 1 ? errors[0] : [...errors] } }),
		() => `<errors>${errors.map((error) => `<error>${escapeXml(error)}</error>`).join('')}</errors>`,
	);
}

export function renderEmpty(status: number): SandboxResponse {
	return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '' };
}
