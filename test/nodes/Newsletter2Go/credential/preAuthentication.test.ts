import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { Newsletter2GoApi } from '../../../../credentials/Newsletter2GoApi.credentials';
import { observe, registerCredential } from '../../../harness/secretRecorder';
import { TOKEN_PATH } from '../../../sandbox/newsletter2go';
import { useNewsletter2GoSandbox } from '../../../sandbox/newsletter2go/testing';

/** `helpers.httpRequest` for the options the credential uses: JSON body, full response, no status errors. */
const fetchHelper: IHttpRequestHelper = {
	helpers: {
		httpRequest: async (options: IHttpRequestOptions) => {
			const response = await fetch(String(options.url), {
				method: options.method,
				headers: { ...(options.headers as Record<string, string>), 'content-type': 'application/json' },
				body: JSON.stringify(options.body),
			});
			return { statusCode: response.status, headers: {}, body: (await response.json()) as unknown };
		},
	},
} as unknown as IHttpRequestHelper;

describe('Newsletter2Go credential', () => {
	const credential = new Newsletter2GoApi();
	const { sandbox } = useNewsletter2GoSandbox({ logBodies: true, settings: { acceptKeyWithColon: false } });

	const preAuthenticate = (extra: ICredentialDataDecryptedObject = {}) => {
		const credentials = { ...sandbox().credentials(), accessToken: '', refreshToken: '', ...extra };
		registerCredential(credential.name, credentials, credential);
		// only a failure is node output (n8n shows it); the tokens go back into the credential
		return observe('preAuthentication', async () => await credential.preAuthentication.call(fetchHelper, credentials), false);
	};
	const tokenBodies = () => sandbox().log.filter((entry) => entry.path === TOKEN_PATH).map((entry) => JSON.parse(entry.body ?? '{}') as unknown);

	it('logs in with the whole auth key as Basic header and the nl2go JWT grant as JSON', async () => {
		const tokens = await preAuthenticate();

		expect(tokens).toEqual({ accessToken: expect.stringMatching(/^__/), refreshToken: expect.stringMatching(/^__/) });
		expect(tokenBodies()).toEqual([
			{ username: 'demo@newsletter-sync.dev', password: 'sandbox-Passw0rd!', grant_type: 'https://nl2go.com/jwt' },
		]);
	});

	it('uses a stored refresh token with the jwt_refresh grant', async () => {
		const first = await preAuthenticate();

		await preAuthenticate({ refreshToken: first.refreshToken as string });

		expect(tokenBodies()[1]).toEqual({ refresh_token: first.refreshToken, grant_type: 'https://nl2go.com/jwt_refresh' });
		expect(sandbox().state.grants).toEqual(['password', 'refresh']);
	});

	it('falls back to the password login when the refresh token is refused', async () => {
		await preAuthenticate({ refreshToken: '__stale' });

		expect(tokenBodies().map((body) => (body as { grant_type: string }).grant_type)).toEqual([
			'https://nl2go.com/jwt_refresh',
			'https://nl2go.com/jwt',
		]);
	});

	it('fails a refused login with the reason and without the password', async () => {
		const attempt = preAuthenticate({ password: 'wrong-pass' });

		await expect(attempt).rejects.toThrow('Newsletter2Go refused the login: wrong username or password (400 invalid_grant)');
		await expect(attempt).rejects.toMatchObject({ response: { status: 400, data: { error: 'invalid_grant' } } });
	});

	it('tests the connection with an authenticated GET /companies', async () => {
		const { accessToken } = await preAuthenticate();

		const response = await fetch(`${sandbox().baseUrl}${String(credential.test.request.url)}`, {
			method: credential.test.request.method,
			headers: { authorization: `Bearer ${String(accessToken)}` },
		});

		expect(credential.test.request).toMatchObject({ url: '/companies', method: 'GET' });
		expect(response.status).toBe(200);
	});

	it('marks the access token as the expirable field and keeps every secret hidden', () => {
		const byName = Object.fromEntries(credential.properties.map((property) => [property.name, property]));

		expect(byName.accessToken).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
		for (const name of ['authKey', 'password', 'accessToken', 'refreshToken']) {
			expect(byName[name].typeOptions?.password).toBe(true);
		}
		expect(byName.baseUrl.default).toBe('https://api.newsletter2go.com');
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
		});
	});
});
