import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, IHookFunctions, IHttpRequestOptions, INode, ILoadOptionsFunctions, IPollFunctions, IWebhookFunctions, JsonObject } from 'n8n-workflow';

import { describeFailure, describeNetworkProblem, isTransient, withRetry } from '../retry';
import type { FailureInfo, RetryOptions } from '../retry';

export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface HttpResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** What a node folder tells the shared request path about its service. */
export interface ServiceProfile {
	/** Display name used in messages, e.g. "Maileon". */
	readonly service: string;
	/** What to do when the credential is refused (401/403). */
	readonly credentialHint: string;
	/** Turns a vendor error body into a short, secret-free explanation. */
	readonly readErrorMessage?: (body: unknown) => string | undefined;
	/** Vendor-specific texts for known failures; falls back to the generic ones. */
	readonly explain?: (failure: HttpFailure) => { message: string; description: string } | undefined;
	/** Retry settings; the wait between attempts is `sleep` below. */
	readonly retry?: Omit<RetryOptions, 'sleep'>;
	/** Called once per retried request, e.g. to count retries in the run report. */
	readonly onRetry?: (failure: FailureInfo) => void;
	/**
	 * Whether the credential keeps an expirable token that its `preAuthentication` renews. n8n-core
	 * renews it only when the request throws with status 401, so a 401 is then not passed back as a
	 * response: n8n logs in again, stores the new token and repeats the request once.
	 * @default false
	 */
	readonly renewsTokenOn401?: boolean;
	/**
	 * Runs before every attempt, retries included, e.g. to wait for a rate-limit window. An error it
	 * throws ends the request unchanged when it is a NodeApiError or NodeOperationError.
	 */
	readonly beforeAttempt?: () => Promise<void>;
	/** Sees every response, whatever its status, e.g. to read rate-limit headers. */
	readonly onResponse?: (response: HttpResponse) => void;
	/**
	 * Waits between retries; tests pass a fake.
	 * @default n8n's `sleep`
	 */
	readonly sleep?: (ms: number) => Promise<void>;
}

/** A response with an error status, shaped so the core's `describeFailure` can read it. */
export class HttpFailure extends Error {
	readonly statusCode: number;
	readonly response: { status: number; headers: HttpResponse['headers'] };
	readonly body: unknown;

	constructor(response: HttpResponse, vendorMessage: string | undefined) {
		super(vendorMessage ?? `HTTP ${response.statusCode}`);
		this.name = 'HttpFailure';
		this.statusCode = response.statusCode;
		this.response = { status: response.statusCode, headers: response.headers };
		this.body = response.body;
	}
}

function genericExplanation(
	profile: ServiceProfile,
	failure: FailureInfo,
	vendorMessage: string | undefined,
): { message: string; description: string } {
	const { service } = profile;
	const detail = vendorMessage ? `: ${vendorMessage}` : '';
	switch (failure.status) {
		case 401:
			return {
				message: `${service} rejected the credentials (401)${detail}`,
				description: profile.credentialHint,
			};
		case 403:
			return {
				message: `${service} refused this request (403)${detail}`,
				description: `The credentials are valid but lack the permission for this operation. ${profile.credentialHint}`,
			};
		case 404:
			return {
				message: `${service} could not find the requested object (404)${detail}`,
				description: 'Check the ID, email or list given to the node.',
			};
		case 429:
			return {
				message: `${service} is rate limiting this account (429)`,
				description:
					'The node waited and retried but the limit persisted. Run the workflow later or less often, or reduce the batch size.',
			};
		default:
			break;
	}
	if (failure.status !== undefined && failure.status >= 500) {
		return {
			message: `${service} answered with a server error (${failure.status})${detail}`,
			description: `The node retried the request. ${service} may be down or overloaded; run the workflow again later; what was already written is not written twice.`,
		};
	}
	if (failure.status !== undefined) {
		return {
			message: `${service} rejected the request (${failure.status})${detail}`,
			description: 'Check the node parameters against the message above.',
		};
	}
	return (
		describeNetworkProblem(failure) ?? {
			message: `The request to ${service} failed: ${failure.message}`,
			description: `Check the base URL in the ${service} credential and the network between n8n and ${service}.`,
		}
	);
}

/**
 * Sends one request with the node's credential, retrying 429, 5xx and network failures with backoff
 * (honouring Retry-After), and turns a final failure into a `NodeApiError` whose message says what
 * happened and whose description says what to do. Error bodies pass through `readErrorMessage` only,
 * so credentials and echoed request data never reach the message.
 */
export async function sendRequest(
	this: RequestContext,
	credentialType: string,
	options: IHttpRequestOptions,
	profile: ServiceProfile,
	itemIndex?: number,
): Promise<HttpResponse> {
	// set when `beforeAttempt` refused (e.g. to wait past a poll's time budget): its error says why already
	let refusedBeforeSending = false;
	const attempt = async (): Promise<HttpResponse> => {
		refusedBeforeSending = true;
		await profile.beforeAttempt?.();
		refusedBeforeSending = false;
		const response = (await this.helpers.httpRequestWithAuthentication
			.call(this, credentialType, {
				...options,
				returnFullResponse: true,
				ignoreHttpStatusErrors: profile.renewsTokenOn401 ? { ignore: true, except: [401] } : true,
			})
			// a 401 that survived the token renewal, or a refused login, arrives as a thrown error
			.catch(async (error: unknown) => readErrorResponse(error) ?? (await Promise.reject(error)))) as HttpResponse;
		profile.onResponse?.(response);
		if (response.statusCode >= 400) {
			throw new HttpFailure(response, profile.readErrorMessage?.(response.body));
		}
		return response;
	};

	try {
		return await withRetry(attempt, {
			...profile.retry,
			sleep: profile.sleep ?? sleep,
			shouldRetry: (failure) => isTransient(failure),
			onRetry: ({ failure }) => profile.onRetry?.(failure),
		});
	} catch (error) {
		throw refusedBeforeSending ? nodeError(this.getNode(), error) : explainFailure(this.getNode(), profile, error, itemIndex);
	}
}

/** The one `NodeApiError` of a request that failed for good: what happened, and what to do. */
function explainFailure(node: INode, profile: ServiceProfile, error: unknown, itemIndex: number | undefined): NodeApiError {
	const failure = describeFailure(error);
	const vendorMessage = error instanceof HttpFailure ? profile.readErrorMessage?.(error.body) : undefined;
	const explained =
		(error instanceof HttpFailure ? profile.explain?.(error) : undefined) ?? genericExplanation(profile, failure, vendorMessage);
	if (failure.status !== undefined) {
		const httpCode = String(failure.status);
		return new NodeApiError(node, { message: explained.message, httpCode }, { ...explained, httpCode, itemIndex });
	}
	// n8n swaps a message naming a socket code (ECONNREFUSED) for a vaguer one without the host;
	// its message mapping is the way to keep ours
	return new NodeApiError(node, { message: failure.message }, {
		description: explained.description,
		itemIndex,
		messageMapping: { [failure.message]: explained.message },
	});
}

/**
 * The HTTP response inside a thrown error (Axios keeps it in `response`, n8n's NodeApiError keeps the
 * Axios error in `cause`), or `undefined` when none came back. Only status, headers and body are
 * taken: the error's request config carries the credentials.
 */
export function readErrorResponse(error: unknown): HttpResponse | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
		const link = current as { response?: unknown; cause?: unknown };
		const response = link.response as { status?: unknown; headers?: unknown; data?: unknown } | undefined;
		if (typeof response === 'object' && response !== null && typeof response.status === 'number') {
			const headers = typeof response.headers === 'object' && response.headers !== null ? response.headers : {};
			return {
				statusCode: response.status,
				headers: { ...(headers as HttpResponse['headers']) },
				body: response.data,
			};
		}
		current = link.cause;
	}
	return undefined;
}

/**
 * Whether the platform refused a batch for its size (413, or a 400 that says so), so that the caller
 * splits the batch and sends the halves.
 */
export function isSizeRefusal(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	if (error.httpCode === '413') return true;
	return error.httpCode === '400' && /size|too many|too large|limit/i.test(error.message);
}

/**
 * Sends `rows` with one call of `send`; when the platform refuses them for their size
 * (`isSizeRefusal`), sends each half the same way instead. `accept` gets every part that went
 * through, with its answer; any other failure ends the run as a `NodeApiError`.
 */
export async function sendSplittingOnRefusal<Row, Answer>(
	node: INode,
	rows: Row[],
	send: (rows: Row[]) => Promise<Answer>,
	accept: (rows: Row[], answer: Answer) => Promise<void> | void,
): Promise<void> {
	let answer: Answer;
	try {
		answer = await send(rows);
	} catch (error) {
		if (rows.length > 1 && isSizeRefusal(error)) {
			const half = Math.ceil(rows.length / 2);
			await sendSplittingOnRefusal(node, rows.slice(0, half), send, accept);
			await sendSplittingOnRefusal(node, rows.slice(half), send, accept);
			return;
		}
		throw nodeError(node, error);
	}
	await accept(rows, answer);
}

/**
 * The error as the user sees it: a `NodeApiError` or `NodeOperationError` of ours passes unchanged,
 * anything else is wrapped once.
 */
export function nodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeApiError(node, error as JsonObject);
}

/** Reads a header case-insensitively (n8n lower-cases them, proxies may not). */
export function readHeader(response: HttpResponse, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(response.headers)) {
		if (key.toLowerCase() !== wanted) continue;
		return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

export type QueryValue = string | number | boolean | string[] | undefined;

/** What a node's transport takes besides method and path; each node adds its body and extras. */
export interface TransportRequest {
	qs?: Record<string, QueryValue>;
	/** Called for each retried attempt (counted in run reports). */
	onRetry?: (failure: FailureInfo) => void;
	itemIndex?: number;
}

/** Drops undefined query values so they are not sent as empty parameters. */
export function compactQuery(qs: Record<string, QueryValue>): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(qs)) {
		if (value !== undefined) result[key] = value;
	}
	return result;
}
