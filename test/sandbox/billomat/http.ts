import { XMLParser } from 'fast-xml-parser';

import { queryValue } from '../framework/types';
import type { Handler, SandboxRequest, SandboxResponse } from '../framework/types';
import { BillomatError, formatOf, renderErrors } from './render';
import type { Format } from './render';
import type { BillomatState } from './state';

/** Rate-limit headers decided in `before`, added to the routed answer of the same request. */
const rateHeaders = new WeakMap<SandboxRequest, Record<string, string>>();

const BASE_PATH = /^\/([^/]+)\/api(\/.*)?$/;

function header(request: SandboxRequest, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * Runs before routing: account (billomat.md §1), quota (§4) and API key (§3). Every answer carries
 * `X-Rate-Limit-Remaining` and `X-Rate-Limit-Reset`; an exhausted window answers `429`.
 */
export function admit(state: BillomatState, request: SandboxRequest): SandboxResponse | undefined {
	const format = formatOf(request, state.settings);
	const match = BASE_PATH.exec(request.path);
	if (match === null || match[1] !== state.settings.billomatId) {
		return renderErrors(404, format, ['Unknown Billomat ID']);
	}
	const appId = header(request, 'x-appid');
	const appSecret = header(request, 'x-appsecret');
	const withApp = state.settings.apps.some((app) => app.id === appId && app.secret === appSecret);
	const quota = state.consume(withApp);
	const headers = {
		'X-Rate-Limit-Remaining': String(quota.remaining),
		'X-Rate-Limit-Reset': String(quota.resetSeconds),
	};
	if (!quota.allowed) {
		const limit = withApp ? state.settings.appQuota : state.settings.quota;
		const minutes = Math.round(state.settings.windowMs / 60000);
		const seconds = Math.max(0, quota.resetSeconds - Math.floor(state.clock.now() / 1000));
		return withHeaders(
			renderErrors(429, format, [
				`Maximum number of requests (${limit} per ${minutes} minutes) reached. Try again in ${seconds} seconds.`,
			]),
			headers,
		);
	}
	const key = header(request, 'x-billomatapikey') ?? queryValue(request.query, 'api_key');
	if (key === undefined || !state.settings.apiKeys.includes(key)) {
		return withHeaders(renderErrors(401, format, ['Unauthorized: invalid or missing API key']), headers);
	}
	rateHeaders.set(request, headers);
	return undefined;
}

export function withHeaders(response: SandboxResponse, headers: Record<string, string>): SandboxResponse {
	return { ...response, headers: { ...response.headers, ...headers } };
}

/** Wraps a route: a `BillomatError` becomes Billomat's error body; the quota headers are added. */
export function route(state: BillomatState, handler: (request: SandboxRequest, format: Format) => SandboxResponse): Handler {
	return (request) => {
		const format = formatOf(request, state.settings);
		let response: SandboxResponse;
		try {
			response = handler(request, format);
		} catch (error) {
			if (!(error instanceof BillomatError)) throw error;
			response = renderErrors(error.status, format, error.errors);
		}
		return withHeaders(response, rateHeaders.get(request) ?? {});
	};
}

const xmlParser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

/**
 * The fields of a write body `{"<root>": {…}}` or `<root>…</root>` (billomat.md §2, §7.4); values
 * as they came (the state stores them as strings).
 */
export function readBody(request: SandboxRequest, root: string): Record<string, unknown> {
	const type = String(request.headers['content-type'] ?? '');
	const text = request.body.toString('utf8');
	let parsed: unknown;
	try {
		if (/json/i.test(type)) parsed = JSON.parse(text);
		else if (/xml/i.test(type)) parsed = xmlParser.parse(text);
		else throw new BillomatError(415, ['Send the body as application/json or application/xml']);
	} catch (error) {
		if (error instanceof BillomatError) throw error;
		throw new BillomatError(400, ['The request body could not be parsed']);
	}
	const fields = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)[root] : undefined;
	if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
		throw new BillomatError(400, [`The request body needs a "${root}" element`]);
	}
	return fields as Record<string, unknown>;
}

/** A positive integer path or query value, or a `404`/`400`. */
export function readId(value: string | undefined, what: string): number {
	const id = Number(value);
	if (!Number.isInteger(id) || id < 1) throw new BillomatError(404, [`${what} not found`]);
	return id;
}

/** The record stored under the id from the path, else `404` "<what> not found". */
export function requireRecord<T>(records: ReadonlyMap<number, T>, rawId: string | undefined, what: string): T {
	const record = records.get(readId(rawId, what));
	if (record === undefined) throw new BillomatError(404, [`${what} not found`]);
	return record;
}
