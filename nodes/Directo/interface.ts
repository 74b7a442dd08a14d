import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

// directo.md §1, §2 and §7.
export const XML_DIRECT_URL = 'https://login.directo.ee/xmlcore/cap_xml_direct/xmlcore.asp';
const LEGACY_URL_PREFIX = 'https://login.directo.ee/xmlcore/';
const ROUTING_FIELDS = new Set(['get', 'put', 'what']);

function toStrings(value: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return result;
	for (const [name, entry] of Object.entries(value)) {
		if (entry !== undefined && entry !== null) result[name] = String(entry);
	}
	return result;
}

/**
 * A request to the Directo interface the credential names: its URL, a form-urlencoded POST and the
 * key as `token` (XML Direct) or `key` (legacy xmlcore). Every parameter goes in the form body, as
 * Directo's examples post them (wiki en/xml_direct and en/xmlcore curl examples; 5dvision/directo
 * src/Transport/Transport.php sends all as form_params), unless the credential asks for the routing
 * fields and `qs` in the query string.
 */
export function toDirectoRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const isLegacy = credentials.interfaceType === 'xmlcore';
	const putAllInBody = credentials.parameterPlacement !== 'query';
	const configuredUrl = String(credentials.url ?? '').trim();
	const database = String(credentials.databaseName ?? '').trim();
	let url = configuredUrl;
	if (url === '')
		url =
			isLegacy && database !== ''
				? `${LEGACY_URL_PREFIX}${encodeURIComponent(database)}/xmlcore.asp`
				: XML_DIRECT_URL;

	const query: Record<string, string> = {};
	const form = new URLSearchParams();
	const given = { ...toStrings(requestOptions.qs), ...toStrings(requestOptions.body) };
	for (const [name, value] of Object.entries(given)) {
		const inQuery =
			!putAllInBody &&
			name !== 'xmldata' &&
			(ROUTING_FIELDS.has(name) || requestOptions.qs?.[name] !== undefined);
		if (inQuery) query[name] = value;
		else form.append(name, value);
	}
	form.append(isLegacy ? 'key' : 'token', String(credentials.apiKey ?? '').trim());
	return {
		...requestOptions,
		url,
		baseURL: undefined,
		method: 'POST',
		qs: query,
		body: form.toString(),
		headers: {
			...requestOptions.headers,
			'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
		},
	};
}
