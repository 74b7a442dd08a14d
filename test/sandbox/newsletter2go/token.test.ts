import { SandboxClock } from '../framework/clock';
import { useSandbox } from '../framework/lifecycle';
import { basicAuthorization, PASSWORD_GRANT, REFRESH_GRANT, startNewsletter2GoSandbox, TOKEN_PATH } from '.';
import { newsletter2GoClient, requestToken } from './testing';

describe('Newsletter2Go sandbox token endpoint', () => {
	let clock: SandboxClock;
	const sandbox = useSandbox(async () => {
		clock = new SandboxClock(Date.UTC(2026, 0, 5, 9));
		return await startNewsletter2GoSandbox({ clock });
	});

	const login = () => {
		const { username, password } = sandbox().state.settings;
		return requestToken(sandbox(), { username, password, grant_type: PASSWORD_GRANT });
	};

	async function postToken(body: string, contentType: string, authorization = sandbox().basicAuthorization) {
		const response = await fetch(`${sandbox().baseUrl}${TOKEN_PATH}`, {
			method: 'POST',
			headers: { authorization, 'content-type': contentType },
			body,
		});
		return { status: response.status, json: (await response.json()) as Record<string, unknown> };
	}

	it('answers a password login with the bare token object of the reference', async () => {
		const result = await login();

		expect(result.status).toBe(200);
		expect(result.json).toMatchObject({
			expires_in: 7200,
			token_type: 'bearer',
			scope: null,
			account_id: 'awtfn5jn',
			type: 'user',
		});
		expect(result.json.access_token).toMatch(/^__eyJ/);
		expect(result.json.refresh_token).toMatch(/^__eyJ/);
		expect(result.json).not.toHaveProperty('status');
	});

	it.each([
		['form-encoded', 'application/x-www-form-urlencoded'],
		['multipart', 'multipart/form-data; boundary=XyZ'],
	])('accepts a %s token request', async (_label, contentType) => {
		const { username, password } = sandbox().state.settings;
		const fields = { username, password, grant_type: PASSWORD_GRANT };
		const body = contentType.startsWith('multipart')
			? Object.entries(fields)
					.map(([name, value]) => `--XyZ\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
					.join('') + '--XyZ--\r\n'
			: new URLSearchParams(fields).toString();

		expect((await postToken(body, contentType)).status).toBe(200);
	});

	it('accepts the auth key with a trailing colon, as one client sends it', async () => {
		const { username, password, authKey } = sandbox().state.settings;
		const body = JSON.stringify({ username, password, grant_type: PASSWORD_GRANT });

		expect((await postToken(body, 'application/json', basicAuthorization(`${authKey}:`))).status).toBe(200);
	});

	it.each([401, 400] as const)('refuses a wrong auth key with invalid_client and status %i', async (status) => {
		sandbox().state.settings.invalidClientStatus = status;
		const body = JSON.stringify({ grant_type: PASSWORD_GRANT });

		const result = await postToken(body, 'application/json', basicAuthorization('wrong:key'));

		expect(result).toEqual({ status, json: { error: 'invalid_client', error_description: 'The client credentials are invalid' } });
	});

	it('refuses a wrong password with 400 invalid_grant', async () => {
		const result = await requestToken(sandbox(), { username: sandbox().state.settings.username, password: 'nope', grant_type: PASSWORD_GRANT });

		expect(result.status).toBe(400);
		expect(result.json.error).toBe('invalid_grant');
	});

	it.each([REFRESH_GRANT, PASSWORD_GRANT])('issues a new token pair for a refresh token sent with grant %s', async (grant) => {
		const first = await login();

		const refreshed = await requestToken(sandbox(), { refresh_token: first.json.refresh_token, grant_type: grant });

		expect(refreshed.status).toBe(200);
		expect(refreshed.json.access_token).not.toBe(first.json.access_token);
		expect(refreshed.json.refresh_token).not.toBe(first.json.refresh_token);
		expect(sandbox().state.grants).toEqual(['password', 'refresh']);
	});

	it('refuses a refresh token after a month', async () => {
		const first = await login();
		clock.advance(31 * 24 * 3600 * 1000);

		const refreshed = await requestToken(sandbox(), { refresh_token: first.json.refresh_token, grant_type: REFRESH_GRANT });

		expect(refreshed).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
	});

	it('answers 401 invalid_grant once the access token is two hours old', async () => {
		const call = newsletter2GoClient(sandbox());
		expect((await call('GET', '/companies')).status).toBe(200);
		clock.advance(7200 * 1000);

		const result = await call('GET', '/companies');

		expect(result).toMatchObject({
			status: 401,
			json: { error: 'invalid_grant', error_description: 'The access token provided has expired' },
		});
	});

	it('expires every access token on demand', async () => {
		const call = newsletter2GoClient(sandbox());
		await call('GET', '/companies');
		sandbox().state.expireAccessTokens();

		expect((await call('GET', '/companies')).status).toBe(401);
	});

	it('requires a bearer token on resource endpoints', async () => {
		const call = newsletter2GoClient(sandbox());

		expect((await call('GET', '/lists', { authorization: null })).status).toBe(401);
		expect((await call('GET', '/lists', { authorization: sandbox().basicAuthorization })).status).toBe(401);
	});

	it('keeps the Basic key and bearer tokens out of its request log', async () => {
		const call = newsletter2GoClient(sandbox());
		await call('GET', '/companies');

		expect(sandbox().log.entries.map((entry) => entry.headers.authorization)).toEqual(['Basic ***', 'Bearer ***']);
	});
});
