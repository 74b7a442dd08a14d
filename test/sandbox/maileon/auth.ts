import type { SandboxRequest, SandboxResponse } from '../framework/types';
import { xmlError } from './http';
import { HTTP_METHODS } from './settings';
import type { MaileonState } from './state';

/**
 * maileon.md §2: `Basic base64(key)`; `401` for a missing, unknown or expired key, `403` when
 * the key lacks the privilege for the HTTP method. Returns undefined when the request may pass.
 */
export function authenticate(
	state: MaileonState,
	request: SandboxRequest,
): SandboxResponse | undefined {
	const header = request.headers.authorization;
	if (header === undefined || header.trim() === '') {
		return unauthorized('Authorization header is missing');
	}
	const match = /^Basic\s+(\S+)\s*$/i.exec(header.trim());
	if (!match) return unauthorized('Expected HTTP Basic authentication with the API key');
	const settings = state.settings;
	const token = match[1];
	const key = settings.apiKeys.find(
		(k) =>
			token === encodeKey(k.key) ||
			(settings.acceptKeyWithColon && token === encodeKey(`${k.key}:`)) ||
			(settings.acceptRawKey && token === k.key),
	);
	if (!key) return unauthorized('Invalid API key');
	if (key.expiresAt !== undefined && state.clock.now() >= key.expiresAt) {
		return unauthorized('API key expired');
	}
	const methods: readonly string[] = key.methods ?? HTTP_METHODS;
	const method = request.method === 'HEAD' ? 'GET' : request.method;
	if (!methods.includes(method)) {
		return xmlError(403, `The API key has no ${method} privilege`);
	}
	return undefined;
}

/** The header value a client must send for `key`. */
export function basicAuthorization(key: string): string {
	return `Basic ${encodeKey(key)}`;
}

function encodeKey(key: string): string {
	return Buffer.from(key, 'utf8').toString('base64');
}

function unauthorized(message: string): SandboxResponse {
	const response = xmlError(401, message);
	return {
		...response,
		headers: { ...response.headers, 'www-authenticate': 'Basic realm="Maileon API"' },
	};
}
