/** Wire format of newsletter2go.md §3 and §6: envelope, error bodies, request bodies, collections. */
import type { Handler, Query, SandboxRequest, SandboxResponse } from '../framework/types';
import { queryValue } from '../framework/types';
import { compileFilter, FilterError, type FilterRecord } from './filter';
import type { Newsletter2GoSettings } from './settings';

/** An API failure a handler throws; rendered as `{"status","code","error_message"}` (§6). */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly code: number = status,
	) {
		super(message);
		this.name = 'ApiError';
	}
}

/** JSON text, optionally escaped the way PHP's `json_encode` does (`\/`, `\u00f6`, §3.5). */
export function renderJson(value: unknown, settings: Pick<Newsletter2GoSettings, 'phpJsonEscaping'>): string {
	const text = JSON.stringify(value);
	if (!settings.phpJsonEscaping) return text;
	return text
		.replace(/\//g, '\\/')
		.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function json(status: number, value: unknown, settings: Pick<Newsletter2GoSettings, 'phpJsonEscaping'>): SandboxResponse {
	return {
		status,
		headers: { 'content-type': 'application/json' },
		body: renderJson(value, settings),
	};
}

export interface EnvelopeInfo {
	count: number;
	links?: { _href: string; _next?: string };
	additional?: Record<string, unknown>;
}

/** Every resource endpoint's answer: `status` mirrors HTTP, `value` is always an array (§3.3). */
export function envelope(
	status: number,
	info: EnvelopeInfo,
	value: unknown[],
	settings: Pick<Newsletter2GoSettings, 'phpJsonEscaping'>,
): SandboxResponse {
	return json(status, { status, info, value }, settings);
}

/** The answer of a write: no records, `info.count` the objects it affected (§3.3). */
export function affected(
	status: number,
	count: number,
	settings: Pick<Newsletter2GoSettings, 'phpJsonEscaping'>,
): SandboxResponse {
	return envelope(status, { count }, [], settings);
}

/** The `201` answer to a POST that created one object: its link (`<path>/<id>`) and id. */
export function created(
	request: SandboxRequest,
	path: string,
	id: string,
	settings: Pick<Newsletter2GoSettings, 'phpJsonEscaping'>,
): SandboxResponse {
	return envelope(201, { count: 1 }, [{ _href: `${request.origin}${path}/${id}`, id }], settings);
}

export function errorResponse(status: number, message: string, code: number = status): SandboxResponse {
	return json(status, { status, code, error_message: message }, { phpJsonEscaping: false });
}

/** OAuth2-style token error (§2.6). */
export function oauthError(status: number, error: string, description: string): SandboxResponse {
	return json(status, { error, error_description: description }, { phpJsonEscaping: false });
}

/** Turns `ApiError`s (and filter errors) a handler throws into error bodies. */
export function handleErrors(handler: Handler): Handler {
	return async (request) => {
		try {
			return await handler(request);
		} catch (error) {
			if (error instanceof ApiError) return errorResponse(error.status, error.message, error.code);
			if (error instanceof FilterError) return errorResponse(400, error.message, 400);
			throw error;
		}
	};
}

/** `2016-04-06T11:27:31+0000`: ISO 8601 with a colon-less offset (§5). */
export function formatTimestamp(epochMs: number): string {
	return `${new Date(epochMs).toISOString().slice(0, 19)}+0000`;
}

/** JSON, form-encoded or multipart body as a plain object or array; the token endpoint accepts all three (§2.2). */
export function parseBody(request: SandboxRequest): unknown {
	const text = request.body.toString('utf8');
	const header = String(request.headers['content-type'] ?? '');
	const type = header.toLowerCase();
	if (type.startsWith('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(text));
	}
	// the boundary is case-sensitive: read it from the header as sent
	if (type.startsWith('multipart/form-data')) return parseMultipart(text, header);
	if (text.trim() === '') return {};
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new ApiError(400, 'The request body is not valid JSON');
	}
}

function parseMultipart(text: string, contentType: string): Record<string, string> {
	const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
	if (!boundary) throw new ApiError(400, 'Multipart body without boundary');
	const fields: Record<string, string> = {};
	for (const part of text.split(`--${boundary}`)) {
		const split = part.indexOf('\r\n\r\n');
		if (split === -1) continue;
		const name = /name="([^"]+)"/.exec(part.slice(0, split))?.[1];
		if (name !== undefined) fields[name] = part.slice(split + 4).replace(/\r\n$/, '');
	}
	return fields;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `_expand=true` or `_expand=1` (§4; the WordPress plugin sends `1`). */
export function wantsExpand(query: Query): boolean {
	const value = queryValue(query, '_expand');
	return value === 'true' || value === '1';
}

/**
 * A collection GET (§3.3, §3.4, §4): `_filter` over the expanded records, then `_offset`/`_limit`;
 * stubs unless `_expand`, `_fields` picks fields; `info.count` is the number of matches and
 * `links._next` is present while more records exist.
 */
export function collection(
	request: SandboxRequest,
	records: readonly FilterRecord[],
	settings: Newsletter2GoSettings,
	additional?: (matches: readonly FilterRecord[]) => Record<string, unknown>,
): SandboxResponse {
	const matches = applyFilter(request.query, records, settings);
	const limit = readInteger(request.query, '_limit', settings.defaultLimit);
	const offset = readInteger(request.query, '_offset', 0);
	const page = matches.slice(offset, offset + Math.max(limit, 0));
	const base = `${request.origin}${request.path}`;
	const pageUrl = (start: number): string => {
		const params = new URLSearchParams();
		for (const [name, value] of Object.entries(request.query)) {
			if (name !== '_limit' && name !== '_offset') params.set(name, typeof value === 'string' ? value : value[0]);
		}
		params.set('_limit', String(limit));
		params.set('_offset', String(start));
		return `${base}?${params.toString()}`;
	};
	const links: EnvelopeInfo['links'] = { _href: pageUrl(offset) };
	if (settings.nextLinks && offset + limit < matches.length) links._next = pageUrl(offset + limit);
	const info: EnvelopeInfo = { count: matches.length, links };
	if (additional) info.additional = additional(matches);
	return envelope(200, info, page.map((record) => project(record, request.query)), settings);
}

export function applyFilter(
	query: Query,
	records: readonly FilterRecord[],
	settings: Pick<Newsletter2GoSettings, 'caseSensitiveFilter'>,
): FilterRecord[] {
	const filter = queryValue(query, '_filter');
	if (filter === undefined || filter === '') return [...records];
	const test = compileFilter(filter, { caseSensitive: settings.caseSensitiveFilter });
	return records.filter(test);
}

/** Stub `{_href, id}`, the named `_fields` (case-sensitive, §4), or everything with `_expand`. */
export function project(record: FilterRecord, query: Query): Record<string, unknown> {
	const fields = queryValue(query, '_fields');
	if (fields !== undefined && fields !== '') {
		const picked: Record<string, unknown> = { _href: record._href, id: record.id };
		for (const name of fields.split(',').map((field) => field.trim())) {
			if (Object.hasOwn(record, name)) picked[name] = record[name];
		}
		return picked;
	}
	return wantsExpand(query) ? { ...record } : { _href: record._href, id: record.id };
}

function readInteger(query: Query, name: string, fallback: number): number {
	const raw = queryValue(query, name);
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value)) throw new ApiError(400, `${name} must be an integer`);
	// `_limit=-1` is seen in one client and reads as "no limit" (§4.1, UNCERTAIN)
	if (name === '_limit' && value < 0) return Number.MAX_SAFE_INTEGER;
	if (value < 0) throw new ApiError(400, `${name} must not be negative`);
	return value;
}

/** The `_filter` of a bulk write; absent means "every recipient of the list" (§9 #7). */
export function bulkFilter(
	query: Query,
	settings: Pick<Newsletter2GoSettings, 'caseSensitiveFilter'>,
): (record: FilterRecord) => boolean {
	const filter = queryValue(query, '_filter');
	if (filter === undefined || filter === '') return () => true;
	return compileFilter(filter, { caseSensitive: settings.caseSensitiveFilter });
}
