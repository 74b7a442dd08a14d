import type { SandboxClock } from '../framework/clock';
import type { FaultSpec } from '../framework/faults';
import { parseQuery } from '../framework/router';
import { startSandbox, type Sandbox } from '../framework/server';
import type { Query, Route, SandboxRequest, SandboxResponse } from '../framework/types';
import { changedSince, parseTsFilter, recordFilter } from './filters';
import { applyPut } from './put';
import {
	errError,
	iisNotFound,
	renderResults,
	resultError,
	streamRecords,
	xmlAnswer,
} from './render';
import { COMPONENTS, type Component, type DirectoSettings, XML_DIRECT_DATABASE } from './settings';
import { type AnswerFault, type DirectoCall, DirectoState } from './state';

export interface DirectoSandboxOptions {
	/** Overrides of the defaults in `settings.ts`; change them later through `sandbox.state.settings`. */
	readonly settings?: Partial<DirectoSettings>;
	/** @default a clock following the system time */
	readonly clock?: SandboxClock;
	/** @default 0 (a free port) */
	readonly port?: number;
	/** Fixed delay per request in ms. @default 0 */
	readonly latencyMs?: number;
	readonly faults?: FaultSpec;
}

export interface DirectoSandbox extends Sandbox<DirectoState> {
	/** The XML Direct endpoint, `…/xmlcore/cap_xml_direct/xmlcore.asp`. */
	readonly url: string;
	/** The first XML Direct key. */
	readonly token: string;
	/** The endpoint of a legacy xmlcore interface. @default the first configured database */
	legacyUrl(database?: string): string;
	/** The appkey of the first legacy interface. */
	readonly appKey: string;
}

const ROUTING = ['get', 'put', 'what'];
const NOT_PARAMETERS = new Set(['token', 'key', 'xmldata']);

function firstValues(query: Query): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [name, value] of Object.entries(query))
		values[name] = typeof value === 'string' ? value : (value[0] ?? '');
	return values;
}

function readForm(request: SandboxRequest): Record<string, string> {
	const type = request.headers['content-type'] ?? '';
	if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return {};
	return firstValues(parseQuery(request.body.toString('utf8')));
}

function placeOf(
	name: string,
	query: Record<string, string>,
	body: Record<string, string>,
): 'query' | 'body' | 'none' {
	if (body[name] !== undefined) return 'body';
	return query[name] !== undefined ? 'query' : 'none';
}

function routingPlace(
	query: Record<string, string>,
	body: Record<string, string>,
): DirectoCall['routingIn'] {
	const inQuery = ROUTING.some((name) => query[name] !== undefined);
	const inBody = ROUTING.some((name) => body[name] !== undefined);
	if (inQuery && inBody) return 'both';
	if (inQuery) return 'query';
	return inBody ? 'body' : 'none';
}

function faultAnswer(
	fault: AnswerFault,
	settings: DirectoSettings,
	records: AsyncGenerator<Uint8Array>,
): SandboxResponse {
	const headers = { 'content-type': 'text/xml; charset=utf-8' };
	switch (fault.kind) {
		case 'empty':
			return { status: 200, headers, body: '' };
		case 'malformed':
			return xmlAnswer(
				'<transport><customers><customer code="K1" name="broken"></contact></customers></transport>',
			);
		case 'doctype':
			return xmlAnswer(
				'<!DOCTYPE transport [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><transport><customers><customer code="K1" name="&b;"/></customers></transport>',
			);
		case 'html':
			return {
				status: 200,
				headers: { 'content-type': 'text/html' },
				body: '<html><body><h1>Directo</h1><p>Login</p></body></html>',
			};
		case 'error':
			return xmlAnswer(fault.xml, settings.errorStatus);
		case 'truncated':
			return { status: 200, headers, body: truncate(records, fault.bytes) };
		case 'dropMidBody':
			return { status: 200, headers, body: dropAfterFirstChunk(records) };
	}
}

async function* truncate(
	chunks: AsyncGenerator<Uint8Array>,
	bytes: number,
): AsyncGenerator<Uint8Array> {
	let left = bytes;
	for await (const chunk of chunks) {
		if (chunk.length >= left) {
			yield chunk.subarray(0, left);
			return;
		}
		left -= chunk.length;
		yield chunk;
	}
}

async function* dropAfterFirstChunk(
	chunks: AsyncGenerator<Uint8Array>,
): AsyncGenerator<Uint8Array> {
	for await (const chunk of chunks) {
		yield chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2)));
		// let the client receive the head of the answer first, so the cut lands in the middle of the body
		await new Promise((resolve) => setTimeout(resolve, 50));
		throw new Error('connection dropped by fault injection');
	}
}

/**
 * One request to `/xmlcore/<database>/xmlcore.asp` (directo.md §2, §7, §11): key check, routing
 * parameters from query string and/or form body, `get` streamed, `put` with `xmldata`.
 */
function handle(state: DirectoState, request: SandboxRequest): SandboxResponse {
	const { settings } = state;
	const database = request.params.database;
	const isXmlDirect = database === XML_DIRECT_DATABASE;
	const legacy = settings.legacyInterfaces.find((entry) => entry.database === database);
	if (!isXmlDirect && legacy === undefined) return iisNotFound();

	const query = firstValues(request.query);
	const body = readForm(request);
	// an interface that reads only the form body never sees what came in the URL
	const fields = settings.routingParameters === 'body' ? body : { ...query, ...body };
	const keyName = isXmlDirect ? 'token' : 'key';
	const params: Record<string, string> = {};
	for (const [name, value] of Object.entries(fields))
		if (!NOT_PARAMETERS.has(name)) params[name] = value;
	const action = fields.get === '1' ? 'get' : fields.put === '1' ? 'put' : 'none';
	const call: DirectoCall = {
		at: state.clock.now(),
		method: request.method,
		database,
		action,
		what: fields.what,
		params,
		routingIn: routingPlace(query, body),
		keyIn: placeOf(keyName, query, body),
		xmldata: action === 'put' ? fields.xmldata : undefined,
		answer: '',
	};
	state.calls.push(call);
	const answer = (response: SandboxResponse, label: string): SandboxResponse => {
		call.answer = label;
		return response;
	};

	if (isXmlDirect && request.method !== 'POST')
		return answer(resultError(settings, '404', 'Invalid url given'), 'result 404');
	const key = fields[keyName];
	if (key === undefined || key === '') {
		return isXmlDirect
			? answer(errError(settings, 'token required'), 'err')
			: answer(resultError(settings, '5', 'Unauthorized'), 'result 5');
	}
	const token = isXmlDirect ? settings.tokens.find((entry) => entry.token === key) : undefined;
	if (isXmlDirect ? token === undefined : legacy?.appKey !== key) {
		return answer(resultError(settings, '5', 'Unauthorized'), 'result 5');
	}
	if (settings.routingParameters === 'query' && call.routingIn === 'body') {
		return answer(resultError(settings, '404', 'Invalid url given'), 'result 404');
	}
	const what = fields.what as Component | undefined;
	if (action === 'none' || what === undefined || !COMPONENTS.includes(what)) {
		return answer(resultError(settings, '404', 'Invalid url given'), 'result 404');
	}
	const allowed = (isXmlDirect ? token?.components : legacy?.components) ?? COMPONENTS;
	if (!allowed.includes(what) || (action === 'put' && token?.canWrite === false)) {
		return answer(resultError(settings, '5', 'Unauthorized'), 'result 5');
	}
	if (action === 'put') {
		const injected = state.takeWriteAnswer();
		if (injected !== undefined) return answer(xmlAnswer(injected), 'injected');
		const results = applyPut(state, what, fields.xmldata, {
			update: fields.xd_update === '1',
			customerUpdate: fields.xd_customer_update === '1',
		});
		return answer(
			xmlAnswer(renderResults(results)),
			`results ${results.map((r) => r.Type).join(',')}`,
		);
	}

	let since: number | undefined;
	if (fields.ts !== undefined && fields.ts !== '') {
		const parsed = parseTsFilter(fields.ts);
		if (parsed === undefined) return answer(errError(settings, `invalid ts "${fields.ts}"`), 'err');
		since = changedSince(parsed, settings);
	}
	const matches = recordFilter(what, params, settings, since);
	const records = (function* () {
		for (const record of state.records(what)) if (matches(record)) yield record;
	})();
	const stream = streamRecords(what, records, settings, (count) => {
		call.records = count;
	});
	const fault = state.takeFault();
	if (fault !== undefined)
		return answer(faultAnswer(fault, settings, stream), `fault ${fault.kind}`);
	return answer(
		{ status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: stream },
		'records',
	);
}

/** Starts the Directo XML interface emulator of directo.md §11 on 127.0.0.1. */
export async function startDirectoSandbox(
	options: DirectoSandboxOptions = {},
): Promise<DirectoSandbox> {
	const state = new DirectoState({ settings: options.settings, clock: options.clock });
	const routes: Route[] = [
		{
			method: '*',
			path: '/xmlcore/:database/xmlcore.asp',
			handler: (request) => handle(state, request),
		},
	];
	const sandbox = await startSandbox({
		name: 'directo',
		routes,
		state,
		port: options.port,
		latencyMs: options.latencyMs,
		faults: options.faults,
		now: () => state.clock.now(),
		renderError: (status, message) =>
			status === 404
				? iisNotFound()
				: { status, headers: { 'content-type': 'text/plain' }, body: message },
	});
	const legacyUrl = (
		database = state.settings.legacyInterfaces[0]?.database ?? 'demo_ee',
	): string => `${sandbox.baseUrl}/xmlcore/${database}/xmlcore.asp`;
	return Object.assign(sandbox, {
		url: `${sandbox.baseUrl}/xmlcore/${XML_DIRECT_DATABASE}/xmlcore.asp`,
		token: state.settings.tokens[0]?.token ?? '',
		appKey: state.settings.legacyInterfaces[0]?.appKey ?? '',
		legacyUrl,
	});
}
