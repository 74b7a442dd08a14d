import { NodeApiError, toPathSegment } from 'n8n-workflow';
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { compactQuery, sendRequest } from '../shared/n8n/http';
import type { HttpFailure, HttpResponse, QueryValue, RequestContext, TransportRequest } from '../shared/n8n/http';
import { explainTokenFailure, normaliseBaseUrl } from './auth';
import { chunk } from '../shared/batch';
import { PageLimit, readAllPages } from '../shared/pages';
import { isRecord } from '../shared/values';
import { emailFilter, readEnvelope, readNewsletter2GoError, toOutput, type Envelope } from './mapping';

export const NEWSLETTER2GO_CREDENTIAL = 'newsletter2GoApi';
/** Recipients per array upsert; no maximum is documented, 1000 is the reference default (§15 #5). */
export const NEWSLETTER2GO_MAX_BATCH = 1000;
/** Page size of collection reads; 5000 worked in production, no maximum is documented (§4.1, §15 #10). */
export const NEWSLETTER2GO_PAGE_SIZE = 1000;

export interface Newsletter2GoRequest extends TransportRequest {
	/** Sent as JSON. */
	body?: object;
}

function explainFailure(failure: HttpFailure): { message: string; description: string } | undefined {
	const token = explainTokenFailure(failure.statusCode, failure.body);
	if (token !== undefined) return token;
	const vendorMessage = readNewsletter2GoError(failure.body);
	if (failure.statusCode === 400 && /code 1062/.test(vendorMessage ?? '')) {
		return {
			message: `Newsletter2Go already has an object with this name (400): ${vendorMessage}`,
			description: 'Pick another name, or use the existing object.',
		};
	}
	return undefined;
}

/**
 * The only function of the Newsletter2Go node that sends HTTP. Paths are relative to the credential's
 * base URL; an expired access token is renewed by the credential and the request repeated once.
 */
export async function newsletter2GoRequest(
	this: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	request: Newsletter2GoRequest = {},
): Promise<HttpResponse> {
	const credentials = await this.getCredentials(NEWSLETTER2GO_CREDENTIAL);
	return await sendRequest.call(
		this,
		NEWSLETTER2GO_CREDENTIAL,
		{
			method,
			url: path,
			baseURL: normaliseBaseUrl(credentials.baseUrl),
			qs: compactQuery(request.qs ?? {}),
			body: request.body,
			headers: { Accept: 'application/json' },
			json: true,
		},
		{
			service: 'Newsletter2Go',
			credentialHint:
				'Open the Newsletter2Go credential, check the auth key, username and password, and press Test.',
			readErrorMessage: readNewsletter2GoError,
			explain: explainFailure,
			onRetry: request.onRetry,
			renewsTokenOn401: true,
		},
		request.itemIndex,
	);
}

/** A request whose answer is the response envelope (§3.3). */
export async function newsletter2GoEnvelope(
	this: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	request: Newsletter2GoRequest = {},
): Promise<Envelope> {
	const response = await newsletter2GoRequest.call(this, method, path, request);
	const envelope = readEnvelope(response.body);
	if (envelope === undefined) {
		throw new NodeApiError(this.getNode(), { message: 'Unexpected answer' }, {
			message: `Newsletter2Go answered ${method} ${path} with something other than its JSON envelope`,
			description: 'Check the base URL in the Newsletter2Go credential; a proxy or a wrong host may have answered.',
			itemIndex: request.itemIndex,
		});
	}
	return envelope;
}

/** `/lists/{id}/…` with every id escaped as one path segment. */
export function listPath(listId: string, ...rest: string[]): string {
	return ['', 'lists', listId, ...rest].map((segment, index) => (index < 2 ? segment : toPathSegment(segment))).join('/');
}

export interface PageOptions {
	/** Stop once this many records were yielded. */
	limit?: number;
	/** @default NEWSLETTER2GO_PAGE_SIZE */
	pageSize?: number;
	/** @default 0 */
	startOffset?: number;
	itemIndex?: number;
}

/**
 * Pages through a collection with `_limit`/`_offset` (§4.1). Continues while `info.links._next` is
 * present; without it (its presence is not guaranteed, §15 #11) stops on a short page or once
 * `_offset + _limit` reaches `info.count`. Stops as soon as `limit` records were yielded.
 */
export async function* newsletter2GoPages(
	this: RequestContext,
	path: string,
	qs: Record<string, QueryValue>,
	options: PageOptions = {},
): AsyncGenerator<unknown[]> {
	const { itemIndex } = options;
	const wanted = new PageLimit(options.limit);
	const pageSize = options.pageSize ?? NEWSLETTER2GO_PAGE_SIZE;
	for (let offset = options.startOffset ?? 0; ; ) {
		const size = wanted.pageSize(pageSize);
		const page = await newsletter2GoEnvelope.call(this, 'GET', path, {
			qs: { ...qs, _limit: size, _offset: offset },
			itemIndex,
		});
		const records = wanted.take(page.value.slice(0, size));
		if (records.length > 0) yield records;
		offset += size;
		const hasNext = page.next ?? (records.length === size && (page.count === undefined || offset < page.count));
		if (!hasNext || records.length === 0 || wanted.reached) return;
	}
}

/** Every record of a paged collection as output JSON, stopping at `limit`. */
export async function collectPages(
	this: RequestContext,
	path: string,
	qs: Record<string, QueryValue>,
	options: PageOptions = {},
): Promise<IDataObject[]> {
	const records = await readAllPages(newsletter2GoPages.call(this, path, qs, options));
	return records.map((record) => toOutput(record) as IDataObject);
}

/** Addresses per `_filter` of OR-ed comparisons: keeps the URL far below common 8 KB limits. */
export const EMAILS_PER_FILTER = 50;

/**
 * The expanded recipients of a list with any of these addresses, by lower-cased address; one
 * request per `EMAILS_PER_FILTER` addresses.
 */
export async function findRecipients(
	this: RequestContext,
	listId: string,
	emails: readonly string[],
	itemIndex?: number,
): Promise<Map<string, Record<string, unknown>>> {
	const found = new Map<string, Record<string, unknown>>();
	const wanted = [...new Set(emails.map((email) => email.trim().toLowerCase()))];
	for (const part of chunk(wanted, EMAILS_PER_FILTER)) {
		const qs = { _filter: emailFilter(part), _expand: true };
		for await (const page of newsletter2GoPages.call(this, listPath(listId, 'recipients'), qs, { itemIndex })) {
			for (const record of page) {
				if (isRecord(record) && typeof record.email === 'string') found.set(record.email.trim().toLowerCase(), record);
			}
		}
	}
	return found;
}

/**
 * A filter-based bulk write (`PATCH`/`POST`/`DELETE` with `_filter`) for the given addresses,
 * `EMAILS_PER_FILTER` per request; returns the affected count Newsletter2Go reports. Without a
 * filter these calls hit every recipient of the list (§9 #7), so an empty address list sends nothing.
 */
export async function writeByEmails(
	this: RequestContext,
	method: 'PATCH' | 'POST' | 'DELETE',
	path: string,
	emails: readonly string[],
	request: Pick<Newsletter2GoRequest, 'body' | 'onRetry'> = {},
): Promise<number> {
	let affected = 0;
	for (const part of chunk([...new Set(emails)], EMAILS_PER_FILTER)) {
		const envelope = await newsletter2GoEnvelope.call(this, method, path, {
			...request,
			qs: { _filter: emailFilter(part) },
		});
		affected += envelope.count ?? 0;
	}
	return affected;
}
