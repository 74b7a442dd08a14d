import type { IAuthenticateGeneric, ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IDataObject, IHttpRequestHelper, INodeProperties, Icon } from 'n8n-workflow';

import { basicAuthorization, explainTokenFailure, NEWSLETTER2GO_BASE_URL, normaliseBaseUrl, PASSWORD_GRANT, readOAuthError, readTokenPair, REFRESH_GRANT, TOKEN_PATH } from '../nodes/Newsletter2Go/auth';
import type { TokenPair } from '../nodes/Newsletter2Go/auth';

interface TokenAnswer {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

export class Newsletter2GoApi implements ICredentialType {
	name = 'newsletter2GoApi';

	displayName = 'Newsletter2Go API';

	icon: Icon = {
		light: 'file:../nodes/Newsletter2Go/newsletter2go.svg',
		dark: 'file:../nodes/Newsletter2Go/newsletter2go.dark.svg',
	};

	documentationUrl = 'https://docs.newsletter2go.com';

	properties: INodeProperties[] = [
		{
			displayName: 'Auth Key',
			name: 'authKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: '<client ID>:<client secret>',
			description:
				'Shown in Newsletter2Go at ui.newsletter2go.com/api-client; paste the whole string including the colon',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'name@email.com',
			description: 'The login email of the Newsletter2Go user',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: NEWSLETTER2GO_BASE_URL,
			description: 'Change only for a test server',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	/**
	 * Trades the auth key and login for a two-hour access token (newsletter2go.md §2). n8n calls this
	 * when the stored token is empty and again after a request answered 401, then saves the result.
	 * A stored refresh token is tried first; once it has expired (after a month) the password login
	 * takes over, as §15 #1 advises.
	 */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const url = `${normaliseBaseUrl(credentials.baseUrl)}${TOKEN_PATH}`;
		const Authorization = basicAuthorization(credentials.authKey);
		const requestToken = async (body: IDataObject): Promise<TokenAnswer> =>
			(await this.helpers.httpRequest({
				method: 'POST',
				url,
				headers: { Authorization },
				body,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as TokenAnswer;

		const storedRefreshToken = String(credentials.refreshToken ?? '');
		if (storedRefreshToken !== '') {
			const refreshed = await requestToken({ refresh_token: storedRefreshToken, grant_type: REFRESH_GRANT });
			const pair = readAnswer(refreshed);
			if (pair !== undefined) return { ...pair };
		}
		const login = await requestToken({
			username: String(credentials.username ?? ''),
			password: String(credentials.password ?? ''),
			grant_type: PASSWORD_GRANT,
		});
		const pair = readAnswer(login);
		if (pair === undefined) throw loginError(login);
		return { ...pair };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	// the cheapest authenticated call; the official Shopware plugin tests the connection with it (§2.7)
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{($credentials.baseUrl || "https://api.newsletter2go.com").replace(/\\/+$/, "")}}',
			url: '/companies',
			method: 'GET',
		},
	};
}

function readAnswer(answer: TokenAnswer): TokenPair | undefined {
	return answer.statusCode >= 200 && answer.statusCode < 300 ? readTokenPair(answer.body) : undefined;
}

/**
 * The refused login as an error; nodes read `response` (status and the OAuth error code only, never
 * the request, which carries the password). n8n's credential test (n8n 2.41, packages/cli
 * credentials-tester.service.ts) shows `cause.response.statusText` of a failed test request, and an
 * error thrown here is that cause: so `statusText` carries what went wrong and what to do, which
 * the editor would otherwise reduce to "Received HTTP status code: 401".
 */
function loginError(answer: TokenAnswer): Error {
	const code = readOAuthError(answer.body);
	const explained = explainTokenFailure(answer.statusCode, answer.body) ?? {
		message: `Newsletter2Go refused the login (${answer.statusCode})`,
		description:
			'Check the auth key, username and password in the Newsletter2Go credential and press Test again; after a 429 wait a minute first.',
	};
	const error = new Error(explained.message);
	// Retry-After only: the node's retry waits as long as a rate-limited login asks
	const retryAfter = answer.headers?.['retry-after'];
	return Object.assign(error, {
		description: explained.description,
		response: {
			status: answer.statusCode,
			statusText: `${explained.message}. ${explained.description}`,
			headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
			data: code === undefined ? {} : { error: code },
		},
	});
}
