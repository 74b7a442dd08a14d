import { queryValue } from '../framework/types';
import type { Handler, Query, SandboxRequest, SandboxResponse } from '../framework/types';
import { parseXml, renderXml, el, XmlSyntaxError } from './xml';
import type { XmlElement, XmlNode } from './xml';

/** maileon.md §3. */
export const XML_MEDIA_TYPE = 'application/vnd.maileon.api+xml';
export const JSON_MEDIA_TYPE = 'application/vnd.maileon.api+json';

/** Thrown by route code for a client error; `route()` turns it into the error body. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly format: 'xml' | 'json' = 'xml',
	) {
		super(message);
		this.name = 'HttpError';
	}
}

/** Wraps a route handler so an `HttpError` becomes its status and error body. */
export function route(handler: (request: SandboxRequest) => SandboxResponse): Handler {
	return (request) => {
		try {
			return handler(request);
		} catch (error) {
			if (!(error instanceof HttpError)) throw error;
			return error.format === 'json'
				? jsonError(error.status, error.message)
				: xmlError(error.status, error.message);
		}
	};
}

export function xmlResponse(
	status: number,
	root: XmlNode,
	headers: Readonly<Record<string, string>> = {},
): SandboxResponse {
	return {
		status,
		headers: { 'content-type': `${XML_MEDIA_TYPE}; charset=utf-8`, ...headers },
		body: renderXml(root),
	};
}

/** maileon.md §8: `<error><message>…</message></error>`. */
export function xmlError(status: number, message: string): SandboxResponse {
	return xmlResponse(status, el('error', [el('message', message)]));
}

export function jsonError(status: number, message: string): SandboxResponse {
	return {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		body: JSON.stringify({ message }),
	};
}

export function emptyResponse(
	status: number,
	headers: Readonly<Record<string, string>> = {},
): SandboxResponse {
	return { status, headers };
}

/** Media type of the request body, lower case, without parameters. */
export function mediaTypeOf(request: SandboxRequest): string | undefined {
	const header = request.headers['content-type'];
	if (header === undefined || header === '') return undefined;
	return header.split(';')[0].trim().toLowerCase();
}

export function hasBody(request: SandboxRequest): boolean {
	return request.body.length > 0;
}

/** `415` unless the body was sent with this media type (parameters such as charset aside). */
export function requireMediaType(request: SandboxRequest, expected: string): void {
	const type = mediaTypeOf(request);
	if (type !== expected) {
		throw new HttpError(415, `Unsupported media type ${type ?? '(none)'}, expected ${expected}`);
	}
}

export function parseXmlText(text: string): XmlElement {
	try {
		return parseXml(text);
	} catch (error) {
		if (error instanceof XmlSyntaxError) {
			throw new HttpError(400, `Malformed XML: ${error.message}`);
		}
		throw error;
	}
}

export function parseJsonText(text: string, format: 'xml' | 'json'): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		if (error instanceof SyntaxError) {
			throw new HttpError(400, `Malformed JSON: ${error.message}`, format);
		}
		throw error;
	}
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Integer query parameter; absent → `fallback`, malformed or out of range → `400`. */
export function intParam(
	query: Query,
	name: string,
	options: { readonly min?: number; readonly max?: number } = {},
): number | undefined {
	const raw = queryValue(query, name);
	if (raw === undefined || raw === '') return undefined;
	if (!/^-?\d+$/.test(raw.trim())) {
		throw new HttpError(400, `${name} must be an integer, got "${raw}"`);
	}
	const value = Number(raw);
	if (options.min !== undefined && value < options.min) {
		throw new HttpError(400, `${name} must be at least ${options.min}`);
	}
	if (options.max !== undefined && value > options.max) {
		throw new HttpError(400, `${name} must not exceed ${options.max}`);
	}
	return value;
}

/** Boolean query parameter (`true`/`false`, any case); anything else → `400`. */
export function boolParam(query: Query, name: string): boolean | undefined {
	const raw = queryValue(query, name);
	if (raw === undefined || raw === '') return undefined;
	const lower = raw.trim().toLowerCase();
	if (lower === 'true') return true;
	if (lower === 'false') return false;
	throw new HttpError(400, `${name} must be true or false, got "${raw}"`);
}

/** `yyyy-MM-dd HH:mm:ss` in UTC (maileon.md §4.4). */
export function formatTimestamp(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Reads `yyyy-MM-dd HH:mm:ss` (or a date alone) as UTC. */
export function parseTimestamp(text: string): number | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/.exec(text.trim());
	if (!match) return undefined;
	const ms = Date.UTC(
		Number(match[1]),
		Number(match[2]) - 1,
		Number(match[3]),
		Number(match[4] ?? 0),
		Number(match[5] ?? 0),
		Number(match[6] ?? 0),
	);
	return Number.isNaN(ms) ? undefined : ms;
}

export interface Paging {
	readonly pageIndex: number;
	readonly pageSize: number;
}

/** maileon.md §7: `page_index` ≥ 1 (default 1), `page_size` 1–1000 (default 100). */
export function readPaging(query: Query): Paging {
	return {
		pageIndex: intParam(query, 'page_index', { min: 1 }) ?? 1,
		pageSize: intParam(query, 'page_size', { min: 1, max: 1000 }) ?? 100,
	};
}

export function pageOf<T>(items: readonly T[], paging: Paging): T[] {
	const start = (paging.pageIndex - 1) * paging.pageSize;
	return items.slice(start, start + paging.pageSize);
}

/** `X-Pages`, `X-Items` and a `Link` header with `start`/`prev`/`next` (maileon.md §7). */
export function pagingHeaders(
	request: SandboxRequest,
	paging: Paging,
	total: number,
): Record<string, string> {
	const pages = Math.ceil(total / paging.pageSize);
	const link = (pageIndex: number, rel: string): string => {
		const params = new URLSearchParams();
		for (const [name, value] of Object.entries(request.query)) {
			if (name === 'page_index') continue;
			for (const v of typeof value === 'string' ? [value] : value) params.append(name, v);
		}
		params.set('page_index', String(pageIndex));
		if (!params.has('page_size')) params.set('page_size', String(paging.pageSize));
		return `<${request.origin}${request.path}?${params.toString()}>; rel="${rel}"`;
	};
	const links = [link(1, 'start')];
	if (paging.pageIndex > 1) {
		links.push(link(Math.min(paging.pageIndex - 1, Math.max(pages, 1)), 'prev'));
	}
	if (paging.pageIndex < pages) links.push(link(paging.pageIndex + 1, 'next'));
	return { 'x-pages': String(pages), 'x-items': String(total), link: links.join(', ') };
}

export function readQueryList(query: Query, name: string): string[] {
	const value = query[name];
	if (value === undefined) return [];
	const values = typeof value === 'string' ? [value] : value;
	// a comma-separated single value is accepted too; the PHP client repeats the parameter
	return values
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter((v) => v !== '');
}
