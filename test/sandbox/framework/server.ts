import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { FaultController } from './faults';
import type { FaultDecision, FaultKind, FaultRequest, FaultSpec } from './faults';
import { RequestLog, redactHeaders } from './log';
import type { LogEntry } from './log';
import { isRouteMatch, parseQuery, Router } from './router';
import type { Handler, Query, Route, SandboxRequest, SandboxResponse } from './types';
import { textResponse } from './types';

/** 64 MiB: far above any batch the nodes send, low enough to keep a runaway client from filling memory. */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

export interface SandboxOptions<S> {
	/** Shown in errors and by the CLI. */
	readonly name: string;
	/** Routed requests; give either `routes` or `handler`. */
	readonly routes?: readonly Route[] | Router;
	/** One function for every request. */
	readonly handler?: Handler;
	/** Returned unchanged as `sandbox.state`, for the tests to seed and inspect. */
	readonly state?: S;
	/** Faults active from the start. @default none */
	readonly faults?: FaultSpec;
	/**
	 * The time every answer takes at least, in ms, counted from the arrival of the request's body;
	 * the handler runs within it. @default 0
	 */
	readonly latencyMs?: number;
	/** @default 0 (a free port) */
	readonly port?: number;
	/** Larger bodies get `413`. @default 64 MiB */
	readonly bodyLimitBytes?: number;
	/** Keep each request body as text in the log (costs memory in benchmarks). @default false */
	readonly logBodies?: boolean;
	/** Clock for log timestamps. @default Date.now */
	readonly now?: () => number;
	/** Waits for latency and slow faults; tests pass one that records. @default a timer that `close` cancels */
	readonly sleep?: (ms: number) => Promise<void>;
	/** Response for router misses, faults, `413` and handler failures. @default plain text */
	readonly renderError?: (status: number, message: string) => SandboxResponse;
	/** Runs before routing and faults, e.g. authentication; a response short-circuits the request. */
	readonly before?: (request: SandboxRequest) => SandboxResponse | undefined;
}

export interface Sandbox<S> {
	readonly name: string;
	/** `http://127.0.0.1:<port>`, no trailing slash. */
	readonly baseUrl: string;
	readonly port: number;
	readonly log: RequestLog;
	readonly faults: FaultController;
	readonly state: S;
	/** The time every answer takes at least, in ms (see `SandboxOptions`); may be changed while the sandbox runs. */
	latencyMs: number;
	/** Stops listening and destroys open (also keep-alive) connections. */
	close(): Promise<void>;
}

interface PendingSleep {
	readonly timer: NodeJS.Timeout;
	readonly resolve: () => void;
}

/** Starts an HTTP emulator on 127.0.0.1. */
export async function startSandbox<S = undefined>(options: SandboxOptions<S>): Promise<Sandbox<S>> {
	validateOptions(options);
	const router = resolveRouter(options);
	const now = options.now ?? Date.now;
	const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
	const renderError =
		options.renderError ?? ((status: number, message: string) => textResponse(status, message));
	const log = new RequestLog();
	const faults = new FaultController(options.faults);
	const sockets = new Set<Socket>();
	const sleeps = new Set<PendingSleep>();
	let closing = false;
	let origin = '';

	const sleep = options.sleep ?? ((ms: number): Promise<void> => {
		if (ms <= 0 || closing) return Promise.resolve();
		return new Promise<void>((resolve) => {
			const pending: PendingSleep = {
				timer: setTimeout(() => {
					sleeps.delete(pending);
					resolve();
				}, ms),
				resolve,
			};
			sleeps.add(pending);
		});
	});

	const server: Server = createServer((req, res) => {
		void handleRequest(req, res);
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	const sandbox: Sandbox<S> = {
		name: options.name,
		baseUrl: '',
		port: 0,
		log,
		faults,
		state: options.state as S,
		latencyMs: options.latencyMs ?? 0,
		close: async () => {
			if (closing) return;
			closing = true;
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			for (const socket of sockets) socket.destroy();
			for (const pending of sleeps) {
				clearTimeout(pending.timer);
				pending.resolve();
			}
			sleeps.clear();
			await closed;
		},
	};

	async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const at = now();
		const method = (req.method ?? 'GET').toUpperCase();
		const rawUrl = req.url ?? '/';
		const queryStart = rawUrl.indexOf('?');
		const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
		const query: Query = queryStart === -1 ? {} : parseQuery(rawUrl.slice(queryStart + 1));
		const headers = redactHeaders(req.headers);
		const routed = router ? router.match(method, path) : undefined;
		const route = routed && isRouteMatch(routed) ? routed.route : undefined;
		let bodyBytes = 0;
		let bodyText: string | undefined;

		const record = (status: number, extra: { fault?: FaultKind; error?: string } = {}): void => {
			const entry: LogEntry = {
				method,
				path,
				query,
				headers,
				bodyBytes,
				status,
				at,
				...(route !== undefined ? { route } : {}),
				...(extra.fault !== undefined ? { fault: extra.fault } : {}),
				...(extra.error !== undefined ? { error: extra.error } : {}),
				...(bodyText !== undefined ? { body: bodyText } : {}),
			};
			log.add(entry);
		};

		const declared = Number(req.headers['content-length'] ?? 0);
		if (declared > bodyLimit) {
			bodyBytes = declared;
			send(
				res,
				method,
				withHeader(renderError(413, tooLargeMessage(bodyLimit)), 'connection', 'close'),
			);
			req.resume();
			record(413);
			return;
		}

		let body: Buffer;
		try {
			const read = await readBody(req, bodyLimit);
			bodyBytes = read.bytes;
			if (read.body === undefined) {
				send(
					res,
					method,
					withHeader(renderError(413, tooLargeMessage(bodyLimit)), 'connection', 'close'),
				);
				record(413);
				return;
			}
			body = read.body;
		} catch (error) {
			// the client went away while sending; nobody is left to answer, but the log shows it
			record(0, { error: errorMessage(error) });
			return;
		}
		if (options.logBodies) bodyText = body.toString('utf8');

		const request: SandboxRequest = {
			method,
			path,
			params: routed && isRouteMatch(routed) ? routed.params : {},
			query,
			headers: req.headers,
			body,
			route,
			origin,
		};

		// every answer takes the latency at least, counted from here: the sandbox's own work (reading
		// a 1,000-contact body, updating its state) runs inside it, as on a server answering in that time
		const latency = sleep(sandbox.latencyMs);

		const early = options.before?.(request);
		if (early) {
			await latency;
			if (closing) return;
			send(res, method, early);
			record(early.status);
			return;
		}

		const faultRequest: FaultRequest = { method, path, query, headers, route };
		const fault = faults.decide(faultRequest);
		if (fault && fault.kind !== 'slow') {
			await latency;
			if (closing) return;
			applyFault(res, method, fault, renderError);
			record(fault.kind === 'drop' ? 0 : Number(fault.kind), { fault: fault.kind });
			return;
		}
		if (fault) {
			// a slow answer waits on top of the latency
			await latency;
			await sleep(fault.slowMs);
			if (closing) return;
		}

		let response: SandboxResponse;
		let failure: string | undefined;
		try {
			if (options.handler) response = await options.handler(request);
			else if (routed && isRouteMatch(routed)) response = await routed.handler(request);
			else if (routed && routed.status === 405) {
				response = withHeader(
					renderError(405, `Method ${method} not allowed on ${path}`),
					'allow',
					routed.allowed.join(', '),
				);
			} else response = renderError(404, `No route for ${method} ${path}`);
		} catch (error) {
			// a broken handler is a bug in the sandbox: answer 500 and keep the message for the test to see
			failure = errorMessage(error);
			response = renderError(500, `Sandbox "${options.name}" failed: ${failure}`);
		}
		await latency;
		if (closing) return;
		if (isStreamBody(response.body)) {
			const streamFailure = await sendStream(res, method, response, response.body);
			record(response.status, { fault: fault?.kind, error: failure ?? streamFailure });
			return;
		}
		send(res, method, response);
		record(response.status, { fault: fault?.kind, error: failure });
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	origin = `http://127.0.0.1:${address.port}`;
	Object.assign(sandbox, { baseUrl: origin, port: address.port });
	return sandbox;
}

function applyFault(
	res: ServerResponse,
	method: string,
	fault: FaultDecision,
	renderError: (status: number, message: string) => SandboxResponse,
): void {
	if (fault.kind === 'drop') {
		res.socket?.destroy();
		return;
	}
	const status = Number(fault.kind);
	let response = renderError(status, `Injected fault ${status}`);
	if (fault.retryAfter !== undefined) {
		response = withHeader(response, 'retry-after', fault.retryAfter);
	}
	send(res, method, response);
}

function isStreamBody(body: SandboxResponse['body']): body is AsyncIterable<string | Uint8Array> {
	return typeof body === 'object' && !(body instanceof Uint8Array) && Symbol.asyncIterator in body;
}

function responseHeaders(response: SandboxResponse): Record<string, string | string[]> {
	const headers: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(response.headers ?? {})) {
		headers[name.toLowerCase()] = typeof value === 'string' ? value : [...value];
	}
	return headers;
}

/**
 * Streams an async iterable body with back-pressure. Resolves with the stream's error message when
 * it threw (the connection is then cut) or `undefined`; a client that goes away ends the stream.
 */
async function sendStream(
	res: ServerResponse,
	method: string,
	response: SandboxResponse,
	body: AsyncIterable<string | Uint8Array>,
): Promise<string | undefined> {
	if (res.destroyed || res.headersSent) return undefined;
	res.writeHead(response.status, responseHeaders(response));
	if (method === 'HEAD') {
		res.end();
		return undefined;
	}
	try {
		for await (const chunk of body) {
			if (res.destroyed) return undefined;
			if (!res.write(chunk)) await waitForDrain(res);
		}
		res.end();
		return undefined;
	} catch (error) {
		res.destroy();
		return errorMessage(error);
	}
}

function waitForDrain(res: ServerResponse): Promise<void> {
	return new Promise((resolve) => {
		const done = (): void => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

function send(res: ServerResponse, method: string, response: SandboxResponse): void {
	if (res.destroyed || res.headersSent) return;
	const body =
		response.body === undefined || isStreamBody(response.body)
			? undefined
			: typeof response.body === 'string'
				? Buffer.from(response.body, 'utf8')
				: response.body;
	const headers = responseHeaders(response);
	headers['content-length'] = String(body?.byteLength ?? 0);
	res.writeHead(response.status, headers);
	if (body && method !== 'HEAD' && response.status !== 204 && response.status !== 304) {
		res.end(body);
	} else res.end();
}

function withHeader(response: SandboxResponse, name: string, value: string): SandboxResponse {
	return { ...response, headers: { ...response.headers, [name]: value } };
}

/** Reads the whole body; `body` is undefined when it exceeds `limit` (the rest is drained). */
function readBody(req: IncomingMessage, limit: number): Promise<{ body?: Buffer; bytes: number }> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let bytes = 0;
		let tooLarge = false;
		req.on('data', (chunk: Buffer) => {
			bytes += chunk.length;
			if (bytes > limit) tooLarge = true;
			if (!tooLarge) chunks.push(chunk);
		});
		req.on('end', () =>
			resolve(
				tooLarge
					? { bytes }
					: { body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), bytes },
			),
		);
		req.on('error', reject);
		req.on('aborted', () => reject(new Error('Client aborted the request')));
	});
}

function tooLargeMessage(limit: number): string {
	return `Request body exceeds ${limit} bytes`;
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function resolveRouter<S>(options: SandboxOptions<S>): Router | undefined {
	if (options.handler) return undefined;
	return options.routes instanceof Router ? options.routes : new Router(options.routes ?? []);
}

function validateOptions<S>(options: SandboxOptions<S>): void {
	if (typeof options.name !== 'string' || options.name === '') {
		throw new Error('Expected `name` to be a non-empty string.');
	}
	if ((options.routes === undefined) === (options.handler === undefined)) {
		throw new Error(
			`Sandbox "${options.name}": expected exactly one of \`routes\` and \`handler\`.`,
		);
	}
	const port = options.port ?? 0;
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`Expected \`port\` to be an integer between 0 and 65535, got ${port}.`);
	}
	const latency = options.latencyMs ?? 0;
	if (!Number.isFinite(latency) || latency < 0) {
		throw new Error(`Expected \`latencyMs\` to be a non-negative number, got ${latency}.`);
	}
	const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
	if (!Number.isInteger(limit) || limit < 0) {
		throw new Error(`Expected \`bodyLimitBytes\` to be a non-negative integer, got ${limit}.`);
	}
}
