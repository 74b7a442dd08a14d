/** Token facts of newsletter2go.md §2, shared by the credential and the transport. */

export const NEWSLETTER2GO_BASE_URL = 'https://api.newsletter2go.com';
export const TOKEN_PATH = '/oauth/v2/token';
export const PASSWORD_GRANT = 'https://nl2go.com/jwt';
/** The docs disagree (§2.4, §15 #1); the official plugins and clients send this one. */
export const REFRESH_GRANT = 'https://nl2go.com/jwt_refresh';

export interface TokenPair {
	accessToken: string;
	refreshToken: string;
}

const CREDENTIAL_HINT =
	'Open the Newsletter2Go credential, check the auth key (shown at ui.newsletter2go.com/api-client), username and password, and press Test.';

/** The credential's base URL without trailing slashes; empty falls back to the public API. */
export function normaliseBaseUrl(raw: unknown): string {
	const text = typeof raw === 'string' ? raw.trim().replace(/\/+$/, '') : '';
	return text === '' ? NEWSLETTER2GO_BASE_URL : text;
}

/** `Basic base64(auth key)`: the whole `<client_id>:<client_secret>` string, colon included (§2.2, §9 #3). */
export function basicAuthorization(authKey: unknown): string {
	return `Basic ${Buffer.from(String(authKey ?? '').trim(), 'utf8').toString('base64')}`;
}

/** Access and refresh token of a token response (§2.3), or `undefined` when the body is not one. */
export function readTokenPair(body: unknown): TokenPair | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const { access_token: accessToken, refresh_token: refreshToken } = body as Record<string, unknown>;
	if (typeof accessToken !== 'string' || accessToken === '') return undefined;
	return { accessToken, refreshToken: typeof refreshToken === 'string' ? refreshToken : '' };
}

/** The OAuth2 `error` code of a token or bearer failure (§2.6), e.g. `invalid_grant`. */
export function readOAuthError(body: unknown): string | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const code = (body as Record<string, unknown>).error;
	// only a short code: `error_description` is free server text and stays out of messages
	return typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? code : undefined;
}

/**
 * What to tell the user when Newsletter2Go refuses the login or a token. Clients must key off the
 * status and the `error` code, not the text (§2.6, §15 #2).
 */
export function explainTokenFailure(
	status: number,
	body: unknown,
): { message: string; description: string } | undefined {
	const code = readOAuthError(body);
	if (code === 'invalid_client') {
		return {
			message: `Newsletter2Go rejected the auth key (${status} invalid_client)`,
			description: `The auth key must be the whole "<client ID>:<client secret>" string. ${CREDENTIAL_HINT}`,
		};
	}
	if (status === 400 && code === 'invalid_grant') {
		return {
			message: 'Newsletter2Go refused the login: wrong username or password (400 invalid_grant)',
			description: CREDENTIAL_HINT,
		};
	}
	if (status === 401) {
		return {
			message: `Newsletter2Go rejected the access token even after logging in again (401${code ? ` ${code}` : ''})`,
			description: `The user may have lost API access. ${CREDENTIAL_HINT}`,
		};
	}
	if (code !== undefined) {
		return { message: `Newsletter2Go refused the login (${status} ${code})`, description: CREDENTIAL_HINT };
	}
	return undefined;
}
