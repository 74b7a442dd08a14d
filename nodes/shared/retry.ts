import { formatValue, isRecord } from './values';

/** What the retry logic and error messages need to know about a failed request. */
export interface FailureInfo {
	status?: number;
	/** System or client error code, e.g. `ECONNRESET`. */
	code?: string;
	/** Wait the server asked for (`Retry-After`), milliseconds, never negative. */
	retryAfterMs?: number;
	/** Host (and port, when not the default) the request went to; never the path or query. */
	host?: string;
	message: string;
}

export interface RetryContext {
	/** The attempt that failed, counted from 1. */
	readonly attempt: number;
	readonly delayMs: number;
	readonly failure: FailureInfo;
}

export interface RetryOptions {
	/**
	 * Retries after the first attempt.
	 * @default 5
	 */
	readonly retries?: number;
	/**
	 * Shortest wait between attempts, milliseconds.
	 * @default 1000
	 */
	readonly minDelayMs?: number;
	/**
	 * Longest computed wait between attempts, milliseconds.
	 * @default 60000
	 */
	readonly maxDelayMs?: number;
	/**
	 * Growth of the wait ceiling per attempt.
	 * @default 2
	 */
	readonly factor?: number;
	/**
	 * Longest `Retry-After` that is honoured, milliseconds; a longer one ends the retries at once,
	 * because waiting less than asked would only earn another refusal.
	 * @default 120000
	 */
	readonly maxRetryAfterMs?: number;
	/** Waits; the node passes n8n's `sleep`, tests a fake. */
	readonly sleep: (ms: number) => Promise<void>;
	/**
	 * Source of jitter in [0, 1).
	 * @default Math.random
	 */
	readonly random?: () => number;
	/**
	 * Clock for HTTP-date `Retry-After` values, epoch milliseconds.
	 * @default Date.now
	 */
	readonly now?: () => number;
	/** @default isTransient */
	readonly shouldRetry?: (failure: FailureInfo) => boolean;
	readonly onRetry?: (context: RetryContext) => void;
}

const DEFAULTS = {
	retries: 5,
	minDelayMs: 1000,
	maxDelayMs: 60_000,
	factor: 2,
	maxRetryAfterMs: 120_000,
} as const;

const TRANSIENT_CODES: ReadonlySet<string> = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNREFUSED',
	'EPIPE',
	'EAI_AGAIN',
	'ECONNABORTED',
]);

const CONNECTION_PROBLEMS: Readonly<Record<string, string>> = {
	ECONNREFUSED: 'Nothing accepted the connection at that address and port.',
	ECONNRESET: 'The connection was closed before an answer arrived.',
	ETIMEDOUT: 'The connection timed out.',
	ECONNABORTED: 'The request was aborted before an answer arrived.',
	ENOTFOUND: 'The host name could not be resolved.',
	EAI_AGAIN: 'The host name could not be resolved (temporary DNS failure).',
};

// n8n's NodeApiError keeps Axios' error in `cause`, and Axios the socket's: three links, and a
// cause that points back to its own error must end the walk
const MAX_NESTING = 5;

/**
 * Calls `attempt` until it resolves, retrying failures that `shouldRetry` accepts. The wait grows
 * exponentially with full jitter: before retry n it is between `minDelayMs` and
 * min(`maxDelayMs`, `minDelayMs` × `factor`^n). A `Retry-After` from the server replaces it. The
 * last failure is passed on unchanged, so the caller can wrap it with its own context.
 */
export async function withRetry<T>(
	attempt: (attemptNumber: number) => Promise<T>,
	options: RetryOptions,
): Promise<T> {
	const settings = readOptions(options);
	for (let attemptNumber = 1; ; attemptNumber++) {
		let outcome: { value: T } | { error: unknown };
		try {
			outcome = { value: await attempt(attemptNumber) };
		} catch (error) {
			// classified below; when it is not retried, the error is passed on unchanged
			outcome = { error };
		}
		if ('value' in outcome) return outcome.value;

		const failure = describeFailure(outcome.error, settings.now);
		if (attemptNumber > settings.retries || !settings.shouldRetry(failure)) throw outcome.error;
		const delayMs = computeDelay(attemptNumber, failure, settings);
		if (delayMs === undefined) throw outcome.error;
		settings.onRetry?.(Object.freeze({ attempt: attemptNumber, delayMs, failure }));
		await settings.sleep(delayMs);
	}
}

/**
 * Reads status, error code, `Retry-After` and host from what reaches a request's retry: a response
 * with an error status (`HttpFailure`: `statusCode`, `response.headers`), a `NodeApiError` (`httpCode`;
 * n8n-core's wraps Axios' error, with the request's `config` or, from the legacy `request` helper,
 * its `options`, and the socket's error in `cause`) and a socket error of a stream. `now` is used
 * for HTTP-date `Retry-After` values.
 */
export function describeFailure(error: unknown, now: () => number = Date.now): FailureInfo {
	const chain = collectChain(error);
	const failure: FailureInfo = { message: readMessage(chain) };
	const status = firstDefined(chain, readStatus);
	if (status !== undefined) failure.status = status;
	const code = firstDefined(chain, readTransientCode) ?? firstDefined(chain, readCode);
	if (code !== undefined) failure.code = code;
	const retryAfter = firstDefined(chain, readRetryAfter);
	if (retryAfter !== undefined) {
		const retryAfterMs = parseRetryAfter(retryAfter, now);
		if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
	}
	const host = firstDefined(chain, readUrlHost) ?? firstDefined(chain, readSocketHost);
	if (host !== undefined) failure.host = host;
	return failure;
}

/**
 * Whether a failure is worth another attempt: 408, 429 and 5xx except 501 (not implemented), or,
 * without a status, a network error code that usually clears up.
 */
export function isTransient(failure: FailureInfo): boolean {
	const { status } = failure;
	if (status !== undefined) {
		return status === 408 || status === 429 || (status >= 500 && status <= 599 && status !== 501);
	}
	return failure.code !== undefined && TRANSIENT_CODES.has(failure.code);
}

/**
 * A user-facing message and fix when no connection could be made, or `undefined` for any other
 * failure (the caller explains HTTP statuses).
 */
export function describeNetworkProblem(
	failure: FailureInfo,
): { message: string; description: string } | undefined {
	const { code } = failure;
	if (code === undefined || !Object.hasOwn(CONNECTION_PROBLEMS, code)) return undefined;
	const host = failure.host ?? 'the service';
	return {
		message: `Could not connect to ${host} (${code})`,
		description: `${CONNECTION_PROBLEMS[code]} Check the base URL in the credential, and any proxy (HTTP_PROXY / HTTPS_PROXY on the n8n host) or firewall between n8n and the service.`,
	};
}

interface Settings {
	retries: number;
	minDelayMs: number;
	maxDelayMs: number;
	factor: number;
	maxRetryAfterMs: number;
	sleep: (ms: number) => Promise<void>;
	random: () => number;
	now: () => number;
	shouldRetry: (failure: FailureInfo) => boolean;
	onRetry?: (context: RetryContext) => void;
}

function readOptions(options: RetryOptions): Settings {
	if (typeof options !== 'object' || options === null) {
		throw new TypeError(`Expected \`options\` to be an object, got ${formatValue(options)}.`);
	}
	const retries = options.retries ?? DEFAULTS.retries;
	if (!Number.isInteger(retries) || retries < 0) {
		throw new TypeError(
			`Expected \`retries\` to be a non-negative integer, got ${formatValue(retries)}.`,
		);
	}
	const minDelayMs = readDelay(options, 'minDelayMs');
	const maxDelayMs = readDelay(options, 'maxDelayMs');
	if (maxDelayMs < minDelayMs) {
		throw new TypeError(
			`Expected \`maxDelayMs\` to be at least \`minDelayMs\` (${minDelayMs}), got ${maxDelayMs}.`,
		);
	}
	const maxRetryAfterMs = readDelay(options, 'maxRetryAfterMs');
	const factor = options.factor ?? DEFAULTS.factor;
	if (typeof factor !== 'number' || !Number.isFinite(factor) || factor < 1) {
		throw new TypeError(
			`Expected \`factor\` to be a number of at least 1, got ${formatValue(factor)}.`,
		);
	}
	const sleep = readFunction(options, 'sleep', undefined);
	if (sleep === undefined) {
		throw new TypeError('Expected `sleep` to be a function, got undefined.');
	}
	return {
		retries,
		minDelayMs,
		maxDelayMs,
		factor,
		maxRetryAfterMs,
		sleep,
		random: readFunction(options, 'random', Math.random),
		now: readFunction(options, 'now', Date.now),
		shouldRetry: readFunction(options, 'shouldRetry', isTransient),
		onRetry: readFunction(options, 'onRetry', undefined),
	};
}

function readDelay(
	options: RetryOptions,
	name: 'minDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs',
): number {
	const value: unknown = options[name] ?? DEFAULTS[name];
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		throw new TypeError(
			`Expected \`${name}\` to be a non-negative number, got ${formatValue(value)}.`,
		);
	}
	return value;
}

function readFunction<K extends 'sleep' | 'random' | 'now' | 'shouldRetry' | 'onRetry', D>(
	options: RetryOptions,
	name: K,
	defaultValue: D,
): NonNullable<RetryOptions[K]> | D {
	const value = options[name];
	if (value === undefined) return defaultValue;
	if (typeof value !== 'function') {
		throw new TypeError(`Expected \`${name}\` to be a function, got ${formatValue(value)}.`);
	}
	return value as NonNullable<RetryOptions[K]>;
}

/**
 * Milliseconds to wait before the next attempt, or `undefined` when the server asks for too long.
 */
function computeDelay(
	attempt: number,
	failure: FailureInfo,
	settings: Settings,
): number | undefined {
	if (failure.retryAfterMs !== undefined) {
		return failure.retryAfterMs <= settings.maxRetryAfterMs ? failure.retryAfterMs : undefined;
	}
	const { minDelayMs, maxDelayMs, factor } = settings;
	const ceiling = Math.min(maxDelayMs, minDelayMs * factor ** attempt);
	const random = settings.random();
	// a misbehaving random source must not produce a negative or endless wait
	const jitter = Number.isFinite(random) ? Math.min(Math.max(random, 0), 1) : 0;
	return Math.round(minDelayMs + jitter * (ceiling - minDelayMs));
}

function parseRetryAfter(value: string, now: () => number): number | undefined {
	const text = value.trim();
	// RFC 9110 §10.2.3: either delay-seconds or an HTTP-date
	if (/^\d+(?:\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now());
}

function collectChain(error: unknown): Record<string, unknown>[] {
	const chain: Record<string, unknown>[] = [];
	let current: unknown = error;
	while (isRecord(current) && chain.length < MAX_NESTING) {
		chain.push(current);
		current = current.cause;
	}
	return chain;
}

function firstDefined<V>(
	chain: readonly Record<string, unknown>[],
	read: (link: Record<string, unknown>) => V | undefined,
): V | undefined {
	for (const link of chain) {
		const value = read(link);
		if (value !== undefined) return value;
	}
	return undefined;
}

function readMessage(chain: readonly Record<string, unknown>[]): string {
	const message = firstDefined(chain, (link) =>
		typeof link.message === 'string' && link.message !== '' ? link.message : undefined,
	);
	return message ?? 'Unknown error';
}

// `statusCode` of an HttpFailure, `httpCode` of a NodeApiError (text; n8n puts a socket code there too)
function readStatus(link: Record<string, unknown>): number | undefined {
	const value = link.statusCode ?? link.httpCode;
	const status = typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : value;
	return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599
		? status
		: undefined;
}

function readCode(link: Record<string, unknown>): string | undefined {
	return typeof link.code === 'string' && link.code !== '' ? link.code : undefined;
}

// An HTTP client's own code (Axios: ERR_BAD_RESPONSE) can sit above the socket's code in the chain.
function readTransientCode(link: Record<string, unknown>): string | undefined {
	const code = readCode(link);
	return code !== undefined &&
		(TRANSIENT_CODES.has(code) || Object.hasOwn(CONNECTION_PROBLEMS, code))
		? code
		: undefined;
}

function readRetryAfter(link: Record<string, unknown>): string | undefined {
	const headers = isRecord(link.response) ? link.response.headers : undefined;
	if (!isRecord(headers)) return undefined;
	// n8n passes Node's lower-cased names on, a proxy's casing may differ
	for (const key of Object.keys(headers)) {
		if (key.toLowerCase() !== 'retry-after') continue;
		const value: unknown = headers[key];
		const first: unknown = Array.isArray(value) ? value[0] : value;
		return typeof first === 'string' ? first : undefined;
	}
	return undefined;
}

function readUrlHost(link: Record<string, unknown>): string | undefined {
	// Axios' `config`; the legacy `request` helper moves its url into `options`
	for (const holder of [link.config, link.options]) {
		if (!isRecord(holder) || typeof holder.url !== 'string') continue;
		const base = typeof holder.baseURL === 'string' ? holder.baseURL : undefined;
		if (URL.canParse(holder.url, base)) return new URL(holder.url, base).host;
	}
	return undefined;
}

function readSocketHost(link: Record<string, unknown>): string | undefined {
	if (typeof link.hostname === 'string' && link.hostname !== '') return link.hostname;
	if (typeof link.address === 'string' && link.address !== '') {
		return typeof link.port === 'number' ? `${link.address}:${link.port}` : link.address;
	}
	return undefined;
}
