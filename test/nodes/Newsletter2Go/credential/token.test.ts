import { TOKEN_PATH } from '../../../sandbox/newsletter2go';
import { useNewsletter2GoSandbox } from '../../../sandbox/newsletter2go/testing';
import { byId, NODE, runError, runNode } from '../helpers';

describe('Newsletter2Go access token', () => {
	const { sandbox, listId } = useNewsletter2GoSandbox();

	beforeEach(() => {
		sandbox().state.seedRecipients(listId(), [{ email: 'anna@example.org' }, { email: 'ben@example.org' }]);
	});

	const getRecipients = (options: Parameters<typeof runNode>[2] = {}) =>
		runNode(
			sandbox(),
			{ resource: 'recipient', operation: 'get', list: byId(listId()), email: '={{ $json.email }}' },
			{ input: [{ email: 'anna@example.org' }, { email: 'ben@example.org' }], ...options },
		);
	const tokenRequests = () => sandbox().log.filter((entry) => entry.path === TOKEN_PATH);

	it('logs in once and sends the token with every request of the run', async () => {
		const result = await getRecipients();

		expect(result.status).toBe('success');
		expect(sandbox().state.grants).toEqual(['password']);
		const apiCalls = sandbox().log.filter((entry) => entry.path !== TOKEN_PATH);
		expect(apiCalls.map((entry) => entry.headers.authorization)).toEqual(['Bearer ***', 'Bearer ***']);
		expect(result.credentials.get('newsletter2GoApi')?.accessToken).toMatch(/^__eyJ/);
	});

	it('reuses the stored token in the next run without logging in again', async () => {
		const first = await getRecipients();

		await getRecipients({ credentials: first.credentials.get('newsletter2GoApi') });

		expect(tokenRequests()).toHaveLength(1);
	});

	it('renews an expired token once with the refresh token, stores it and finishes the run', async () => {
		const first = await getRecipients();
		const stored = first.credentials.get('newsletter2GoApi');
		sandbox().state.expireAccessTokens();
		sandbox().log.clear();

		const second = await getRecipients({ credentials: stored });

		expect(second.status).toBe('success');
		expect(second.json(NODE).map((recipient) => recipient.email)).toEqual(['anna@example.org', 'ben@example.org']);
		expect(sandbox().state.grants).toEqual(['password', 'refresh']);
		expect(sandbox().log.entries.map((entry) => `${entry.path === TOKEN_PATH ? 'token' : 'get'} ${entry.status}`)).toEqual([
			'get 401',
			'token 200',
			'get 200',
			'get 200',
		]);
		const renewed = second.credentials.get('newsletter2GoApi');
		expect(renewed?.accessToken).not.toBe(stored?.accessToken);
		expect(renewed?.refreshToken).not.toBe(stored?.refreshToken);
	});

	it('logs in with the password again when the refresh token has expired too', async () => {
		const first = await getRecipients();
		sandbox().state.expireAccessTokens();
		sandbox().state.expireRefreshTokens();

		const second = await getRecipients({ credentials: first.credentials.get('newsletter2GoApi') });

		expect(second.status).toBe('success');
		expect(sandbox().state.grants).toEqual(['password', 'password']);
		expect(tokenRequests().map((entry) => entry.status)).toEqual([200, 400, 200]);
	});

	it('stops with a clear message when the password is wrong', async () => {
		const result = await getRecipients({ credentials: { password: 'wrong' } });

		expect(runError(result)).toEqual({
			message: 'Newsletter2Go refused the login: wrong username or password (400 invalid_grant)',
			description:
				'Open the Newsletter2Go credential, check the auth key (shown at ui.newsletter2go.com/api-client), username and password, and press Test.',
		});
	});

	it('stops with a clear message when the auth key is wrong', async () => {
		const result = await getRecipients({ credentials: { authKey: 'abc_def:ghi' } });

		expect(runError(result).message).toBe('Newsletter2Go rejected the auth key (401 invalid_client)');
	});

	it('stops when Newsletter2Go refuses the token even after logging in again', async () => {
		sandbox().state.acceptBearerTokens = false;

		const result = await getRecipients();

		expect(runError(result).message).toBe(
			'Newsletter2Go rejected the access token even after logging in again (401 invalid_grant)',
		);
		expect(sandbox().state.grants).toEqual(['password', 'refresh']);
	});

	it('keeps the auth key, password and token out of outputs, errors and run data', async () => {
		const success = await getRecipients();
		const token = String(success.credentials.get('newsletter2GoApi')?.accessToken);
		sandbox().state.acceptBearerTokens = false;
		const failure = await getRecipients({ credentials: success.credentials.get('newsletter2GoApi') });
		const wrongLogin = await getRecipients({ credentials: { password: 'wrong-Secret-1' } });

		const { authKey, password } = sandbox().state.settings;
		for (const result of [success, failure, wrongLogin]) {
			const text = JSON.stringify({ run: result.run, error: runErrorText(result.error) });
			for (const secret of [authKey, password, token, 'wrong-Secret-1', Buffer.from(authKey).toString('base64')]) {
				expect(text).not.toContain(secret);
			}
		}
	});
});

function runErrorText(error: unknown): string {
	if (!(error instanceof Error)) return '';
	return JSON.stringify({ ...error, message: error.message, stack: error.stack });
}
