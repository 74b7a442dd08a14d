import type { IncomingHttpHeaders } from 'node:http';

/** The parts of an express request n8n's webhook context hands to a trigger. */
export interface FakeRequestInit {
	/** @default 'POST' */
	readonly method?: string;
	/** Path without the query. @default the trigger's webhook path */
	readonly path?: string;
	/** Already decoded, as express's query parser leaves it (`+` and `%20` are spaces). */
	readonly query?: Readonly<Record<string, string | readonly string[]>>;
	readonly headers?: IncomingHttpHeaders;
	/** Parsed JSON body; n8n parses `application/json` bodies before the trigger runs. @default {} */
	readonly body?: unknown;
}

export interface FakeRequest {
	readonly method: string;
	readonly path: string;
	readonly url: string;
	readonly headers: IncomingHttpHeaders;
	readonly query: Record<string, string | string[]>;
	readonly params: Record<string, string>;
	readonly body: unknown;
}

export function createRequest(init: FakeRequestInit, defaultPath: string): FakeRequest {
	const query: Record<string, string | string[]> = {};
	const search = new URLSearchParams();
	for (const [name, value] of Object.entries(init.query ?? {})) {
		query[name] = typeof value === 'string' ? value : [...value];
		for (const one of typeof value === 'string' ? [value] : value) search.append(name, one);
	}
	const path = init.path ?? defaultPath;
	const encoded = search.toString();
	return {
		method: init.method ?? 'POST',
		path,
		url: encoded === '' ? path : `${path}?${encoded}`,
		headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
		query,
		params: {},
		body: init.body ?? {},
	};
}

/** Records what a trigger writes to the express response when it answers the call itself. */
export class FakeResponse {
	statusCode = 200;
	readonly headers: Record<string, string> = {};
	body: unknown;
	finished = false;

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string): this {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	header(name: string, value: string): this {
		return this.setHeader(name, value);
	}

	json(body: unknown): this {
		this.setHeader('content-type', 'application/json; charset=utf-8');
		return this.end(body);
	}

	send(body?: unknown): this {
		return this.end(body);
	}

	sendStatus(code: number): this {
		return this.status(code).end();
	}

	end(body?: unknown): this {
		if (this.finished) throw new Error('The trigger answered the same webhook call twice');
		this.body = body;
		this.finished = true;
		return this;
	}
}
