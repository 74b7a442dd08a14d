import type { SandboxRequest, SandboxResponse } from '../framework/types';
import { isRecord, json, oauthError, parseBody } from './http';
import type { Newsletter2GoState } from './state';

export const TOKEN_PATH = '/oauth/v2/token';
export const PASSWORD_GRANT = 'https://nl2go.com/jwt';
export const REFRESH_GRANT = 'https://nl2go.com/jwt_refresh';

/** `Basic base64(authKey)`, what clients send (§2.2). */
export function basicAuthorization(authKey: string): string {
	return `Basic ${Buffer.from(authKey, 'utf8').toString('base64')}`;
}

/**
 * `POST /oauth/v2/token` (§2.2–§2.4, §11): Basic auth key (also with a trailing `:`), JSON,
 * form-encoded or multipart body; the password grant, and refresh with `jwt_refresh` or,
 * leniently, `jwt`. Answers the bare token object, without the envelope.
 */
export function handleTokenRequest(state: Newsletter2GoState, request: SandboxRequest): SandboxResponse {
	const { settings } = state;
	const header = String(request.headers.authorization ?? '').trim();
	const accepted = [basicAuthorization(settings.authKey)];
	if (settings.acceptKeyWithColon) accepted.push(basicAuthorization(`${settings.authKey}:`));
	if (!accepted.includes(header)) {
		return oauthError(settings.invalidClientStatus, 'invalid_client', 'The client credentials are invalid');
	}
	const body = parseBody(request);
	if (!isRecord(body)) return oauthError(400, 'invalid_request', 'Expected an object');
	const grant = body.grant_type;
	const refreshToken = typeof body.refresh_token === 'string' ? body.refresh_token : undefined;
	const isRefresh =
		grant === REFRESH_GRANT || (grant === PASSWORD_GRANT && refreshToken !== undefined && settings.acceptRefreshWithJwtGrant);
	if (isRefresh) {
		const status = refreshToken === undefined ? 'invalid' : state.checkToken(refreshToken, 'refresh');
		if (status === 'expired') return oauthError(400, 'invalid_grant', 'The refresh token has expired');
		if (status === 'invalid') return oauthError(400, 'invalid_grant', 'Invalid refresh token');
		return json(200, state.issueToken('refresh'), settings);
	}
	if (grant !== PASSWORD_GRANT) return oauthError(400, 'unsupported_grant_type', 'The grant type is not supported');
	if (body.username !== settings.username || body.password !== settings.password) {
		return oauthError(400, 'invalid_grant', 'Invalid username and password combination');
	}
	return json(200, state.issueToken('password'), settings);
}

/** Every path but the token endpoint and the public form endpoints needs a valid bearer token (§2.5). */
export function authenticate(state: Newsletter2GoState, request: SandboxRequest): SandboxResponse | undefined {
	if (request.path === TOKEN_PATH || request.path.startsWith('/forms/generate/') || request.path.startsWith('/forms/submit/')) {
		return undefined;
	}
	const match = /^Bearer\s+(\S+)\s*$/i.exec(String(request.headers.authorization ?? '').trim());
	const status = match ? state.checkToken(match[1], 'access') : 'invalid';
	if (status === 'expired') return oauthError(401, 'invalid_grant', 'The access token provided has expired');
	if (status === 'invalid') return oauthError(401, 'invalid_grant', 'The access token provided is invalid');
	return undefined;
}
