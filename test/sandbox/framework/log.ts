import type { IncomingHttpHeaders } from 'node:http';

import type { FaultKind } from './faults';
import type { Query } from './types';

export interface LogEntry {
	readonly method: string;
	/** Path without the query, as sent (percent-encoded). */
	readonly path: string;
	readonly query: Query;
	/** Lower-case names; `authorization` keeps only its scheme (`Basic ***`). */
	readonly headers: Readonly<Record<string, string>>;
	readonly bodyBytes: number;
	/** Status sent; `0` when the connection was dropped without a response. */
	readonly status: number;
	/** Time the request arrived, from the sandbox clock (epoch ms). */
	readonly at: number;
	/** `METHOD /pattern` of the matched route, if any. */
	readonly route?: string;
	/** The injected fault, if this request got one. */
	readonly fault?: FaultKind;
	/** Message of an exception the handler threw (the client got a `500`). */
	readonly error?: string;
	/** Request body as UTF-8 text; only when the sandbox runs with `logBodies: true`. */
	readonly body?: string;
}

export type LogPredicate = (entry: LogEntry) => boolean;

/** Requests in arrival order of their responses, for assertions. */
export class RequestLog {
	private readonly items: LogEntry[] = [];

	get entries(): readonly LogEntry[] {
		return this.items;
	}

	get size(): number {
		return this.items.length;
	}

	add(entry: LogEntry): void {
		this.items.push(entry);
	}

	count(predicate: LogPredicate = () => true): number {
		let n = 0;
		for (const entry of this.items) if (predicate(entry)) n++;
		return n;
	}

	filter(predicate: LogPredicate): LogEntry[] {
		return this.items.filter(predicate);
	}

	last(predicate: LogPredicate = () => true): LogEntry | undefined {
		for (let i = this.items.length - 1; i >= 0; i--) {
			if (predicate(this.items[i])) return this.items[i];
		}
		return undefined;
	}

	clear(): void {
		this.items.length = 0;
	}
}

/** Copies headers for the log; credentials are reduced to their scheme so a key never lands there. */
export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const copy: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		const text = Array.isArray(value) ? value.join(', ') : value;
		copy[name] = SECRET_HEADERS.has(name) ? redactCredential(text) : text;
	}
	return copy;
}

// Billomat sends its key and app secret in headers of their own (billomat.md §3)
const SECRET_HEADERS = new Set([
	'authorization',
	'proxy-authorization',
	'x-api-key',
	'cookie',
	'x-billomatapikey',
	'x-appsecret',
]);

function redactCredential(value: string): string {
	const scheme = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s+\S/.exec(value.trim());
	return scheme ? `${scheme[1]} ***` : '***';
}
