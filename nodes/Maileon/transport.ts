import { toPathSegment, type IHttpRequestMethods, type IHttpRequestOptions } from 'n8n-workflow';

import { compactQuery, readHeader, sendRequest } from '../shared/n8n/http';
import type { HttpFailure, HttpResponse, QueryValue, RequestContext, TransportRequest } from '../shared/n8n/http';
import { PageLimit } from '../shared/pages';
import { readCustomFields, readMaileonError } from './answers';
import type { ApiKeyReading } from './apiKey';
import { readBaseUrl, readCredentialKey } from './authentication';
import { explainMissingRight, explainRefusedKey, isKeyMethod } from './keyProblems';

export const MAILEON_CREDENTIAL = 'maileonApi';
/** Largest page Maileon serves (maileon.md §7); also the default bulk batch size (§14 #4). */
export const MAILEON_MAX_PAGE_SIZE = 1000;
export const MAILEON_MAX_BATCH = 1000;

export const MAILEON_XML = 'application/vnd.maileon.api+xml';
export const MAILEON_JSON = 'application/vnd.maileon.api+json';

export interface MaileonRequest extends TransportRequest {
	/** XML, as text or UTF-8 bytes, or an object sent as Maileon JSON. */
	body?: string | Buffer | object;
	/** @default MAILEON_XML for XML bodies, MAILEON_JSON for objects */
	contentType?: string;
}

function explainMaileonFailure(
	failure: HttpFailure,
	method: IHttpRequestMethods,
	key: ApiKeyReading,
): { message: string; description: string } | undefined {
	const vendorMessage = readMaileonError(failure.body);
	if (failure.statusCode === 401) return explainRefusedKey(key, vendorMessage);
	if (failure.statusCode === 403 && isKeyMethod(method)) return explainMissingRight(method);
	if (failure.statusCode === 409) {
		return {
			message: `Maileon found several contacts with this external ID (409)${vendorMessage ? `: ${vendorMessage}` : ''}`,
			description: 'Identify the contact by email or Maileon ID instead.',
		};
	}
	return undefined;
}

function baseOptions(method: IHttpRequestMethods, path: string, request: MaileonRequest): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method,
		url: path,
		qs: compactQuery(request.qs ?? {}),
		arrayFormat: 'repeat',
		headers: { Accept: `${MAILEON_XML}, ${MAILEON_JSON}, application/json` },
		json: false,
		encoding: 'text',
	};
	if (request.body !== undefined) {
		const isText = typeof request.body === 'string' || Buffer.isBuffer(request.body);
		options.body = isText ? (request.body as string | Buffer) : JSON.stringify(request.body);
		options.headers = {
			...options.headers,
			'Content-Type': `${request.contentType ?? (isText ? MAILEON_XML : MAILEON_JSON)}; charset=utf-8`,
		};
	}
	return options;
}

/** The only function of the Maileon node that sends HTTP. Paths are relative to the credential's base URL. */
export async function maileonRequest(
	this: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	request: MaileonRequest = {},
): Promise<HttpResponse> {
	const credentials = await this.getCredentials(MAILEON_CREDENTIAL);
	const baseURL = readBaseUrl(credentials);
	return await sendRequest.call(
		this,
		MAILEON_CREDENTIAL,
		{ ...baseOptions(method, path, request), baseURL },
		{
			service: 'Maileon',
			credentialHint: 'Open the Maileon credential, check the API key and its privileges, and press Test.',
			readErrorMessage: readMaileonError,
			explain: (failure) => explainMaileonFailure(failure, method, readCredentialKey(credentials)),
			onRetry: request.onRetry,
		},
		request.itemIndex,
	);
}

/** The names of the account's custom contact fields (maileon.md §6.2). */
export async function readCustomFieldNames(this: RequestContext, itemIndex?: number): Promise<Set<string>> {
	const response = await maileonRequest.call(this, 'GET', '/contacts/fields/custom', itemIndex === undefined ? {} : { itemIndex });
	return new Set(readCustomFields(response.body).map((field) => field.name));
}

/** `/contacts/email/{email}` with the email escaped as one path segment (maileon.md §1). */
export function contactPath(kind: 'email' | 'externalid', id: string, suffix = ''): string {
	return `/contacts/${kind}/${toPathSegment(id)}${suffix}`;
}

/**
 * Pages through a Maileon list endpoint. Stops at `X-Pages`, on a short page, or once `limit` items
 * were yielded, so a small limit never downloads the whole list.
 */
export async function* maileonPages(
	this: RequestContext,
	path: string,
	qs: Record<string, QueryValue>,
	parsePage: (body: unknown) => unknown[],
	limit?: number,
): AsyncGenerator<unknown[]> {
	const wanted = new PageLimit(limit);
	// page_index counts pages of one size: it is fixed by the first request
	const pageSize = wanted.pageSize(MAILEON_MAX_PAGE_SIZE);
	for (let pageIndex = 1; ; pageIndex++) {
		const response = await maileonRequest.call(this, 'GET', path, {
			qs: { ...qs, page_index: pageIndex, page_size: pageSize },
		});
		const page = wanted.take(parsePage(response.body));
		if (page.length > 0) yield page;
		const pages = Number(readHeader(response, 'x-pages'));
		const isLastPage = Number.isFinite(pages) ? pageIndex >= pages : page.length < pageSize;
		if (isLastPage || page.length < pageSize || wanted.reached) return;
	}
}
