import type { IncomingHttpHeaders } from 'node:http';

/** Query parameters; a name given more than once maps to an array in request order. */
export type Query = Readonly<Record<string, string | readonly string[]>>;

export interface SandboxRequest {
	readonly method: string;
	/** Path without the query, exactly as sent (still percent-encoded). */
	readonly path: string;
	/** Path parameters of the matched route, percent-decoded. */
	readonly params: Readonly<Record<string, string>>;
	readonly query: Query;
	readonly headers: IncomingHttpHeaders;
	readonly body: Buffer;
	/** Route pattern that matched, e.g. `POST /1.0/contacts/email/:email`; undefined for `handler` sandboxes. */
	readonly route?: string;
	/** `http://127.0.0.1:<port>` of the sandbox that received the request. */
	readonly origin: string;
}

export interface SandboxResponse {
	readonly status: number;
	readonly headers?: Readonly<Record<string, string | readonly string[]>>;
	/**
	 * A string or bytes are sent with `Content-Length`; an async iterable is streamed chunk by chunk
	 * (chunked encoding), so a large answer never sits in memory. A stream that throws cuts the
	 * connection, as a server failing mid-answer would.
	 */
	readonly body?: string | Uint8Array | AsyncIterable<string | Uint8Array>;
}

export type Handler = (request: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export interface Route {
	/** HTTP method, upper case, or `*` for any method. */
	readonly method: string;
	/** Path pattern; `:name` segments capture one decoded path segment. */
	readonly path: string;
	readonly handler: Handler;
}

/** First value of a query parameter. */
export function queryValue(query: Query, name: string): string | undefined {
	const value = query[name];
	if (value === undefined) return undefined;
	return typeof value === 'string' ? value : value[0];
}

/** All values of a query parameter, in request order. */
export function queryValues(query: Query, name: string): string[] {
	const value = query[name];
	if (value === undefined) return [];
	return typeof value === 'string' ? [value] : [...value];
}

export function jsonResponse(status: number, value: unknown): SandboxResponse {
	return {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		body: JSON.stringify(value),
	};
}

export function textResponse(status: number, text: string): SandboxResponse {
	return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
}
