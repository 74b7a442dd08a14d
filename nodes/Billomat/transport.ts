import { NodeOperationError, toPathSegment } from 'n8n-workflow';
import type { IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { toBillomatBaseUrl } from './account';
import { compactQuery, readHeader, sendRequest } from '../shared/n8n/http';
import type { HttpFailure, HttpResponse, QueryValue, RequestContext } from '../shared/n8n/http';
import { PageLimit } from '../shared/pages';
import { readBillomatError, readList, type BillomatRecord } from './mapping';
import { gateFor, rateLimitClock, RateLimitDeadlineError } from './rateLimit';

export const BILLOMAT_CREDENTIAL = 'billomatApi';
/** billomat.md §5: `per_page` is at most 1000; full scans use it to spend as little quota as possible. */
export const BILLOMAT_MAX_PAGE_SIZE = 1000;

/** What one run spent, for its report. */
export interface RequestStats {
	requests: number;
	rateLimitWaits: number;
	rateLimitWaitedMs: number;
	retries: number;
}

export function newRequestStats(): RequestStats {
	return { requests: 0, rateLimitWaits: 0, rateLimitWaitedMs: 0, retries: 0 };
}

export interface BillomatRequest {
	qs?: Record<string, QueryValue>;
	/** Sent as JSON, e.g. `{"client": {…}}`. */
	body?: object;
	itemIndex?: number;
	/** Epoch ms after which the request must not wait for the rate limit (a poll's budget). */
	deadline?: number;
	stats?: RequestStats;
	/** What a 404 means, e.g. `client "12"`, for the message "Billomat has no client "12" (404)". */
	notFound?: string;
}

const CREDENTIAL_HINT =
	'Open the Billomat credential, check the Billomat ID and the API key (the user needs API access enabled), and press Test.';

function explainBillomatFailure(
	failure: HttpFailure,
	notFound: string | undefined,
): { message: string; description: string } | undefined {
	const vendorMessage = readBillomatError(failure.body);
	const detail = vendorMessage ? `: ${vendorMessage}` : '';
	if (failure.statusCode === 404 && notFound !== undefined) {
		return {
			message: `Billomat has no ${notFound} (404)`,
			description: 'Check the ID given to the node; the record may have been deleted in Billomat.',
		};
	}
	if (failure.statusCode === 401) {
		return { message: `Billomat rejected the API key (401)${detail}`, description: CREDENTIAL_HINT };
	}
	if (failure.statusCode === 429) {
		return {
			message: `Billomat's rate limit stayed exhausted after several waits (429)${detail}`,
			description:
				'Other tools on this Billomat account may be using its 300 requests per 15 minutes. Register an app in Billomat (Settings → Administration → Apps) and enter its ID and secret in the credential, or run the workflow later.',
		};
	}
	return undefined;
}

function deadlineError(this: RequestContext, error: RateLimitDeadlineError, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(this.getNode(), error.message, {
		itemIndex,
		description:
			'Waiting for the next 15-minute window would take longer than this run may last. Nothing was emitted and the next run starts over. Poll less often (at least every 15 minutes for large accounts), or register an app in Billomat to raise the limit.',
	});
}

async function resolveBaseUrl(this: RequestContext, itemIndex?: number): Promise<string> {
	const credentials = await this.getCredentials(BILLOMAT_CREDENTIAL);
	try {
		return toBillomatBaseUrl(credentials);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), error as Error, { itemIndex, description: CREDENTIAL_HINT });
	}
}

/**
 * The only function of the Billomat node that sends HTTP: JSON, the account's quota kept by its
 * rate-limit gate (pauses before the limit, waits for the window after a 429), transient failures
 * retried. Paths are relative to the account's API root, e.g. `/clients`.
 */
export async function billomatRequest(
	this: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	request: BillomatRequest = {},
): Promise<HttpResponse> {
	const baseURL = await resolveBaseUrl.call(this, request.itemIndex);
	const gate = gateFor(baseURL);
	const stats = request.stats;
	const options: IHttpRequestOptions = {
		method,
		baseURL,
		url: path,
		qs: compactQuery(request.qs ?? {}),
		// billomat.md §2: without it Billomat answers in XML
		headers: { Accept: 'application/json' },
		json: true,
	};
	if (request.body !== undefined) {
		options.body = request.body;
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	}
	return await sendRequest.call(
		this,
		BILLOMAT_CREDENTIAL,
		options,
		{
			service: 'Billomat',
			credentialHint: CREDENTIAL_HINT,
			readErrorMessage: readBillomatError,
			explain: (failure) => explainBillomatFailure(failure, request.notFound),
			sleep: async (ms) => await rateLimitClock.sleep(ms),
			beforeAttempt: async () => {
				let waitedMs: number;
				try {
					waitedMs = await gate.acquire(request.deadline);
				} catch (error) {
					if (error instanceof RateLimitDeadlineError) throw deadlineError.call(this, error, request.itemIndex);
					throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: request.itemIndex });
				}
				if (stats === undefined) return;
				stats.requests += 1;
				if (waitedMs > 0) {
					stats.rateLimitWaits += 1;
					stats.rateLimitWaitedMs += waitedMs;
				}
			},
			onResponse: (response) =>
				gate.observe(
					response.statusCode,
					readHeader(response, 'x-rate-limit-remaining'),
					readHeader(response, 'x-rate-limit-reset'),
				),
			onRetry: () => {
				if (stats !== undefined) stats.retries += 1;
			},
		},
		request.itemIndex,
	);
}

/** `/clients/{id}` and the like, with the id escaped as one path segment. */
export function recordPath(collection: string, id: string, suffix = ''): string {
	return `/${collection}/${toPathSegment(id)}${suffix}`;
}

export interface PageOptions {
	/** Stop once this many items were yielded. */
	limit?: number;
	/** `order_by`; billomat.md §16 #2: `id ASC` keeps pages stable, but whether `id` is sortable is uncertain. */
	orderBy?: string;
	deadline?: number;
	stats?: RequestStats;
	itemIndex?: number;
	/** @default BILLOMAT_MAX_PAGE_SIZE */
	pageSize?: number;
}

/**
 * Pages through a Billomat list (`{"clients": {"client": …, "@total": …}}`), one array per page.
 * Stops when `@total` is reached, on an empty or short page, or once `limit` items were yielded;
 * a caller that stops iterating early sends no further request.
 */
export async function* billomatPages(
	this: RequestContext,
	path: string,
	keys: { list: string; item: string | readonly string[] },
	qs: Record<string, QueryValue>,
	options: PageOptions = {},
): AsyncGenerator<BillomatRecord[]> {
	const pageSize = Math.min(BILLOMAT_MAX_PAGE_SIZE, options.pageSize ?? BILLOMAT_MAX_PAGE_SIZE);
	// per_page stays fixed: page numbers count pages of that size
	const wanted = new PageLimit(options.limit);
	for (let page = 1; ; page++) {
		const response = await billomatRequest.call(this, 'GET', path, {
			qs: { ...qs, order_by: options.orderBy, per_page: pageSize, page },
			deadline: options.deadline,
			stats: options.stats,
			itemIndex: options.itemIndex,
		});
		const list = readList(response.body, keys.list, keys.item);
		const items = wanted.take(list.items);
		if (items.length > 0) yield items;
		const perPage = list.perPage ?? pageSize;
		// a missing @total must end the loop on a short page, or the last page would repeat forever
		const isLast =
			list.items.length === 0 ||
			(list.total !== undefined ? page * perPage >= list.total : list.items.length < perPage);
		if (isLast || wanted.reached) return;
	}
}
