import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { readApiKey, toKeyFormat, type ApiKeyReading } from './apiKey';

/** Maileon's API (maileon.md §1). */
export const MAILEON_BASE_URL = 'https://api.maileon.com/1.0';

/** The credential's base URL without a trailing slash; Maileon's own when none is stored. */
export function readBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const baseUrl = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	return baseUrl === '' ? MAILEON_BASE_URL : baseUrl;
}

/** The API key of a Maileon credential as it will be sent. */
export function readCredentialKey(credentials: ICredentialDataDecryptedObject): ApiKeyReading {
	return readApiKey(String(credentials.apiKey ?? ''), toKeyFormat(credentials.keyFormat));
}

/** The credential's HTTP proxy, or undefined for a direct connection. */
export function readProxy(credentials: ICredentialDataDecryptedObject): IHttpRequestOptions['proxy'] {
	const host = String(credentials.proxyHost ?? '').trim();
	if (host === '') return undefined;
	const username = String(credentials.proxyUser ?? '');
	return {
		host,
		port: Number(credentials.proxyPort ?? 8080),
		...(username !== '' ? { auth: { username, password: String(credentials.proxyPassword ?? '') } } : {}),
	};
}

/** Maileon wants the key itself base64-encoded, with no user name and no colon (maileon.md §2). */
export function authenticateMaileonRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const authenticated: IHttpRequestOptions = {
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Basic ${readCredentialKey(credentials).token}` },
	};
	const proxy = readProxy(credentials);
	if (proxy !== undefined) authenticated.proxy = proxy;
	return authenticated;
}
