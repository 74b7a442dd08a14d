import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { HttpFailure } from '../../../nodes/shared/n8n/http';
import { describeFailure, describeNetworkProblem, isTransient, withRetry } from '../../../nodes/shared/retry';
import type { FailureInfo, RetryContext, RetryOptions } from '../../../nodes/shared/retry';

const URL_WITH_SECRET = 'https://api.example.com/1.0/contacts?apikey=s3cr3t';
const NOW = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');

// Axios' network error as n8n-core hands it to NodeApiError: its code, the request config, the socket's error
class AxiosError extends Error {
	constructor(
		message: string,
		readonly code: string,
		readonly cause: unknown,
		readonly config: Record<string, string> = { url: URL_WITH_SECRET },
	) {
		super(message);
		this.name = 'AxiosError';
	}
}

/** A response with an error status, as the shared request path throws it into the retry. */
function httpError(status: number, headers: Record<string, string> = {}): HttpFailure {
	return new HttpFailure({ statusCode: status, headers, body: '' }, `Request failed with status code ${status}`);
}

/** A connection failure as n8n's httpRequestWithAuthentication throws it. */
function n8nNetworkError(code: string, config?: Record<string, string>): NodeApiError {
	const axiosError = new AxiosError(`connect ${code}`, code, socketError(code), config);
	return new NodeApiError(node, axiosError as unknown as JsonObject);
}

function socketError(code: string): Error {
	return Object.assign(new Error(`connect ${code} 10.0.0.1:443`), {
		code,
		address: '10.0.0.1',
		port: 443,
	});
}

const node: INode = {
	id: 'node-1',
	name: 'Sync',
	type: 'n8n-nodes-newsletter-sync.test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** Fails with `failures` in turn, then resolves with "ok". */
function attemptsFailingWith(...failures: unknown[]) {
	return jest.fn(async (attempt: number) => {
		if (attempt <= failures.length) throw failures[attempt - 1];
		return 'ok';
	});
}

function retryOptions(overrides: Partial<RetryOptions> = {}) {
	const sleeps: number[] = [];
	const options: RetryOptions = {
		sleep: async (ms) => {
			sleeps.push(ms);
		},
		random: () => 0,
		now: () => NOW,
		...overrides,
	};
	return { options, sleeps };
}

describe('withRetry', () => {
	it('resolves with the result of the first successful attempt without waiting', async () => {
		const { options, sleeps } = retryOptions();
		await expect(withRetry(async () => 'ok', options)).resolves.toBe('ok');
		expect(sleeps).toEqual([]);
	});

	it('passes the attempt number, counted from 1', async () => {
		const attempt = attemptsFailingWith(httpError(503), httpError(503));
		await withRetry(attempt, retryOptions().options);
		expect(attempt.mock.calls).toEqual([[1], [2], [3]]);
	});

	it.each([
		['408', httpError(408)],
		['429', httpError(429)],
		['500', httpError(500)],
		['502', httpError(502)],
		['503', httpError(503)],
		['504', httpError(504)],
		['ECONNRESET', socketError('ECONNRESET')],
		['ETIMEDOUT', socketError('ETIMEDOUT')],
		['ECONNREFUSED', socketError('ECONNREFUSED')],
		['EPIPE', socketError('EPIPE')],
		['EAI_AGAIN', socketError('EAI_AGAIN')],
		['ECONNRESET from n8n', n8nNetworkError('ECONNRESET')],
		['ECONNABORTED', socketError('ECONNABORTED')],
	])('retries after %s', async (_, error) => {
		const attempt = attemptsFailingWith(error);
		await expect(withRetry(attempt, retryOptions().options)).resolves.toBe('ok');
	});

	it.each([
		['400', httpError(400), 'Request failed with status code 400'],
		['401', httpError(401), 'Request failed with status code 401'],
		['403', httpError(403), 'Request failed with status code 403'],
		['404', httpError(404), 'Request failed with status code 404'],
		['422', httpError(422), 'Request failed with status code 422'],
		['501', httpError(501), 'Request failed with status code 501'],
		['ENOTFOUND', socketError('ENOTFOUND'), 'connect ENOTFOUND 10.0.0.1:443'],
		['an error without status or code', new Error('mapping failed'), 'mapping failed'],
	])('passes %s on at once without retrying', async (_, error, message) => {
		const attempt = attemptsFailingWith(error);
		await expect(withRetry(attempt, retryOptions().options)).rejects.toThrow(message);
		expect(attempt).toHaveBeenCalledTimes(1);
	});

	it('passes the original error on unchanged', async () => {
		const error = httpError(404);
		await expect(withRetry(attemptsFailingWith(error), retryOptions().options)).rejects.toBe(error);
	});

	it('gives up after `retries` retries with the last failure', async () => {
		const { options, sleeps } = retryOptions({ retries: 2 });
		const attempt = attemptsFailingWith(httpError(503), httpError(502), httpError(500));
		await expect(withRetry(attempt, options)).rejects.toThrow(
			'Request failed with status code 500',
		);
		expect([attempt.mock.calls.length, sleeps.length]).toEqual([3, 2]);
	});

	it('makes a single attempt with retries set to 0', async () => {
		const attempt = attemptsFailingWith(httpError(503));
		await expect(withRetry(attempt, retryOptions({ retries: 0 }).options)).rejects.toThrow(
			'Request failed with status code 503',
		);
	});

	it('waits the seconds a 429 asks for in Retry-After', async () => {
		const { options, sleeps } = retryOptions();
		await withRetry(attemptsFailingWith(httpError(429, { 'retry-after': '7' })), options);
		expect(sleeps).toEqual([7000]);
	});

	it('waits until the HTTP date a 503 gives in Retry-After', async () => {
		const { options, sleeps } = retryOptions();
		const error = httpError(503, { 'retry-after': 'Wed, 21 Oct 2015 07:28:30 GMT' });
		await withRetry(attemptsFailingWith(error), options);
		expect(sleeps).toEqual([30_000]);
	});

	it('does not wait for a Retry-After date in the past', async () => {
		const { options, sleeps } = retryOptions();
		const error = httpError(429, { 'retry-after': 'Wed, 21 Oct 2015 07:00:00 GMT' });
		await withRetry(attemptsFailingWith(error), options);
		expect(sleeps).toEqual([0]);
	});

	it('honours a Retry-After above maxDelayMs up to maxRetryAfterMs', async () => {
		const { options, sleeps } = retryOptions({ maxDelayMs: 5000, maxRetryAfterMs: 90_000 });
		await withRetry(attemptsFailingWith(httpError(429, { 'retry-after': '90' })), options);
		expect(sleeps).toEqual([90_000]);
	});

	it('stops retrying when Retry-After asks for longer than maxRetryAfterMs', async () => {
		const { options, sleeps } = retryOptions();
		const attempt = attemptsFailingWith(httpError(429, { 'retry-after': '3600' }));
		await expect(withRetry(attempt, options)).rejects.toThrow(
			'Request failed with status code 429',
		);
		expect(sleeps).toEqual([]);
	});

	it('grows the wait by `factor` and caps it at maxDelayMs', async () => {
		const { options, sleeps } = retryOptions({ random: () => 1, maxDelayMs: 10_000 });
		await withRetry(
			attemptsFailingWith(...Array.from({ length: 5 }, () => httpError(503))),
			options,
		);
		expect(sleeps).toEqual([2000, 4000, 8000, 10_000, 10_000]);
	});

	it('waits minDelayMs when the random source gives 0', async () => {
		const { options, sleeps } = retryOptions({ random: () => 0 });
		await withRetry(attemptsFailingWith(httpError(503), httpError(503), httpError(503)), options);
		expect(sleeps).toEqual([1000, 1000, 1000]);
	});

	it.each([
		[0.25, [1250, 1750]],
		[0.5, [1500, 2500]],
		[0.75, [1750, 3250]],
	])(
		'spreads the wait with the random value %p between minDelayMs and the ceiling',
		async (value, waits) => {
			const { options, sleeps } = retryOptions({ random: () => value });
			await withRetry(attemptsFailingWith(httpError(503), httpError(503)), options);
			expect(sleeps).toEqual(waits);
		},
	);

	it.each([
		['below 0', -3, 1000],
		['above 1', 7, 2000],
		['NaN', Number.NaN, 1000],
	])('treats a random value %s as the nearest bound', async (_, value, wait) => {
		const { options, sleeps } = retryOptions({ random: () => value });
		await withRetry(attemptsFailingWith(httpError(503)), options);
		expect(sleeps).toEqual([wait]);
	});

	it('calls onRetry before each wait with the failed attempt, the delay and the failure', async () => {
		const log: Array<string | RetryContext> = [];
		const { options } = retryOptions({
			sleep: async (ms) => {
				log.push(`sleep ${ms}`);
			},
			onRetry: (context) => log.push(context),
		});
		await withRetry(attemptsFailingWith(httpError(503)), options);
		expect(log).toEqual([
			{
				attempt: 1,
				delayMs: 1000,
				failure: { status: 503, message: 'Request failed with status code 503' },
			},
			'sleep 1000',
		]);
	});

	it('asks shouldRetry instead of isTransient when one is given', async () => {
		const shouldRetry = (failure: FailureInfo) => failure.status === 409;
		const attempt = attemptsFailingWith(httpError(409));
		await expect(withRetry(attempt, retryOptions({ shouldRetry }).options)).resolves.toBe('ok');
	});

	it('does not retry a 503 when shouldRetry says no', async () => {
		const attempt = attemptsFailingWith(httpError(503));
		const { options } = retryOptions({ shouldRetry: () => false });
		await expect(withRetry(attempt, options)).rejects.toThrow(
			'Request failed with status code 503',
		);
	});

	it.each([
		[{ retries: -1 }, 'Expected `retries` to be a non-negative integer, got -1.'],
		[{ retries: 1.5 }, 'Expected `retries` to be a non-negative integer, got 1.5.'],
		[{ retries: Infinity }, 'Expected `retries` to be a non-negative integer, got Infinity.'],
		[{ minDelayMs: -1 }, 'Expected `minDelayMs` to be a non-negative number, got -1.'],
		[{ maxDelayMs: Number.NaN }, 'Expected `maxDelayMs` to be a non-negative number, got NaN.'],
		[{ maxDelayMs: 500 }, 'Expected `maxDelayMs` to be at least `minDelayMs` (1000), got 500.'],
		[
			{ maxRetryAfterMs: '60' },
			'Expected `maxRetryAfterMs` to be a non-negative number, got "60".',
		],
		[{ factor: 0.5 }, 'Expected `factor` to be a number of at least 1, got 0.5.'],
		[{ sleep: undefined }, 'Expected `sleep` to be a function, got undefined.'],
		[{ random: 0.5 }, 'Expected `random` to be a function, got 0.5.'],
		[{ now: 'now' }, 'Expected `now` to be a function, got "now".'],
		[{ shouldRetry: true }, 'Expected `shouldRetry` to be a function, got true.'],
		[{ onRetry: {} }, 'Expected `onRetry` to be a function, got an object.'],
	])('rejects the options %p before the first attempt', async (overrides, message) => {
		const attempt = jest.fn(async () => 'ok');
		const options = { ...retryOptions().options, ...overrides } as unknown as RetryOptions;
		await expect(withRetry(attempt, options)).rejects.toThrow(message);
		expect(attempt).not.toHaveBeenCalled();
	});
});

describe('describeFailure', () => {
	it('reads status, Retry-After and message of a response with an error status', () => {
		expect(describeFailure(httpError(429, { 'retry-after': '5' }))).toEqual({
			status: 429,
			retryAfterMs: 5000,
			message: 'Request failed with status code 429',
		});
	});

	it('reads code and host of a connection failure from the causes of n8n\'s NodeApiError', () => {
		expect(describeFailure(n8nNetworkError('ECONNREFUSED'))).toMatchObject({
			code: 'ECONNREFUSED',
			host: 'api.example.com',
		});
	});

	it('reads the status of a NodeApiError from its httpCode', () => {
		const error = new NodeApiError(node, { message: 'limit' }, { httpCode: '429' });
		expect(describeFailure(error).status).toBe(429);
	});

	it.each([
		['a socket code in httpCode', { httpCode: 'ECONNRESET' }],
		['a number that is not a status', { statusCode: 42 }],
		['a status beyond 599', { statusCode: 600 }],
	])('ignores %s as a status', (_, error) => {
		expect(describeFailure(error)).not.toHaveProperty('status');
	});

	it('prefers the socket code in a cause over the HTTP client code', () => {
		const error = { code: 'ERR_NETWORK', message: 'Network Error', cause: { code: 'ECONNRESET' } };
		expect(describeFailure(error).code).toBe('ECONNRESET');
	});

	it('reads Retry-After whatever the casing of the header name', () => {
		expect(describeFailure(httpError(429, { 'Retry-After': '3' })).retryAfterMs).toBe(3000);
	});

	it('ignores a Retry-After that is neither seconds nor a date', () => {
		expect(describeFailure(httpError(429, { 'retry-after': 'soon' }))).not.toHaveProperty('retryAfterMs');
	});

	it('reads an HTTP-date Retry-After against the injected clock', () => {
		const error = httpError(503, { 'retry-after': 'Wed, 21 Oct 2015 07:29:00 GMT' });
		expect(describeFailure(error, () => NOW).retryAfterMs).toBe(60_000);
	});

	it('keeps only the host of the request URL, never its path or query', () => {
		const failure = describeFailure(n8nNetworkError('ECONNRESET'));
		expect([failure.host, JSON.stringify(failure).includes('s3cr3t')]).toEqual([
			'api.example.com',
			false,
		]);
	});

	it('resolves a relative request URL against baseURL', () => {
		const error = n8nNetworkError('ETIMEDOUT', { baseURL: 'https://api.example.com:8443/1.0', url: '/contacts' });
		expect(describeFailure(error).host).toBe('api.example.com:8443');
	});

	it('reads the host of a failure of n8n\'s legacy request helper from its options', () => {
		const error = { code: 'ECONNREFUSED', message: 'connect', options: { url: URL_WITH_SECRET } };
		expect(describeFailure(error).host).toBe('api.example.com');
	});

	it('reads the host name of a failed DNS lookup', () => {
		const error = { code: 'ENOTFOUND', hostname: 'api.example.invalid', message: 'getaddrinfo' };
		expect(describeFailure(error).host).toBe('api.example.invalid');
	});

	it('reads address and port of a refused connection', () => {
		expect(describeFailure(socketError('ECONNREFUSED')).host).toBe('10.0.0.1:443');
	});

	it('calls a failure without any message an unknown error', () => {
		expect(describeFailure(undefined)).toEqual({ message: 'Unknown error' });
	});

	it('stops at a cause that points back to the error', () => {
		const error: Record<string, unknown> = { message: 'loop' };
		error.cause = error;
		expect(describeFailure(error)).toEqual({ message: 'loop' });
	});
});

describe('isTransient', () => {
	it.each<[string, FailureInfo, boolean]>([
		['408', { status: 408, message: '' }, true],
		['429', { status: 429, message: '' }, true],
		['500', { status: 500, message: '' }, true],
		['501', { status: 501, message: '' }, false],
		['503', { status: 503, message: '' }, true],
		['599', { status: 599, message: '' }, true],
		['400', { status: 400, message: '' }, false],
		['401', { status: 401, message: '' }, false],
		['404', { status: 404, message: '' }, false],
		['ECONNRESET', { code: 'ECONNRESET', message: '' }, true],
		['EAI_AGAIN', { code: 'EAI_AGAIN', message: '' }, true],
		['ENOTFOUND', { code: 'ENOTFOUND', message: '' }, false],
		['a 400 with a network code', { status: 400, code: 'ECONNRESET', message: '' }, false],
		['neither status nor code', { message: 'boom' }, false],
	])('answers %s with %s', (_, failure, expected) => {
		expect(isTransient(failure)).toBe(expected);
	});
});

describe('describeNetworkProblem', () => {
	it('names host and code and points to the base URL and a proxy', () => {
		expect(
			describeNetworkProblem({ code: 'ECONNREFUSED', host: 'api.example.com', message: 'connect' }),
		).toEqual({
			message: 'Could not connect to api.example.com (ECONNREFUSED)',
			description:
				'Nothing accepted the connection at that address and port. Check the base URL in the credential, and any proxy (HTTP_PROXY / HTTPS_PROXY on the n8n host) or firewall between n8n and the service.',
		});
	});

	it.each([
		['ECONNRESET', 'The connection was closed before an answer arrived.'],
		['ETIMEDOUT', 'The connection timed out.'],
		['ENOTFOUND', 'The host name could not be resolved.'],
		['EAI_AGAIN', 'The host name could not be resolved (temporary DNS failure).'],
		['ECONNABORTED', 'The request was aborted before an answer arrived.'],
	])('explains %s', (code, cause) => {
		const problem = describeNetworkProblem({ code, host: 'api.example.com', message: '' });
		expect([
			problem?.message,
			problem?.description.startsWith(`${cause} Check the base URL`),
		]).toEqual([`Could not connect to api.example.com (${code})`, true]);
	});

	it('says "the service" when the host is not known', () => {
		expect(describeNetworkProblem({ code: 'ETIMEDOUT', message: '' })?.message).toBe(
			'Could not connect to the service (ETIMEDOUT)',
		);
	});

	it.each<[string, FailureInfo]>([
		['an HTTP failure', { status: 503, host: 'api.example.com', message: '' }],
		['another code', { code: 'EPIPE', message: '' }],
		['a failure without code', { message: 'boom' }],
	])('returns undefined for %s', (_, failure) => {
		expect(describeNetworkProblem(failure)).toBeUndefined();
	});
});
