import { BILLOMAT_DEMO_APP } from '../../sandbox/billomat';
import { errorOf, runBillomat, useBillomatSandbox } from './helpers';

const CREDENTIAL_HINT =
	'Open the Billomat credential, check the Billomat ID and the API key (the user needs API access enabled), and press Test.';

describe('Billomat errors', () => {
	const { sandbox } = useBillomatSandbox();

	const getAll = (credentials?: Record<string, string>) =>
		runBillomat(sandbox(), { resource: 'client', operation: 'getAll', returnAll: true }, { credentials });

	it('says the key was refused and how to fix it on a 401', async () => {
		const result = await getAll({ apiKey: 'wrong-key-123' });

		expect(errorOf(result).message).toBe('Billomat rejected the API key (401): Unauthorized: invalid or missing API key');
		expect(errorOf(result).description).toBe(CREDENTIAL_HINT);
	});

	it('says what to enter when the Billomat ID is not usable', async () => {
		const result = await getAll({ billomatId: 'my company' });

		expect(errorOf(result).message).toBe(
			'The Billomat ID "my company" is not valid: enter the subdomain of your Billomat address, e.g. "mycompany" for https://mycompany.billomat.net',
		);
		expect(sandbox().log.size).toBe(0);
	});

	it('names host and error code when Billomat cannot be reached', async () => {
		const result = await getAll({ baseUrl: 'http://127.0.0.1:1/{billomatId}/api' });

		expect(errorOf(result).message).toBe('Could not connect to 127.0.0.1:1 (ECONNREFUSED)');
	});

	it('gives up with an explanation when the rate limit never lets a request through', async () => {
		sandbox().state.settings.quota = 0;

		const result = await getAll();

		expect(errorOf(result).message).toBe(
			"Billomat's rate limit stayed exhausted after several waits (429): Maximum number of requests (0 per 15 minutes) reached. Try again in 899 seconds.",
		);
		expect(errorOf(result).description).toContain('Register an app in Billomat');
		expect(sandbox().log.count((entry) => entry.status === 429)).toBe(6);
	});

	it('keeps the API key and app secret out of errors, outputs and static data', async () => {
		sandbox().state.seedClients([{ name: 'A', email: 'a@example.org', tags: ['newsletter'] }]);
		const secrets = { apiKey: 'wrong-key-123', appId: BILLOMAT_DEMO_APP.id, appSecret: BILLOMAT_DEMO_APP.secret };

		const failed = await getAll(secrets);
		const succeeded = await runBillomat(
			sandbox(),
			{ resource: 'client', operation: 'getNewsletterContacts' },
			{ credentials: { appId: BILLOMAT_DEMO_APP.id, appSecret: BILLOMAT_DEMO_APP.secret } },
		);

		for (const text of [
			JSON.stringify(failed.run.data.resultData),
			JSON.stringify(failed.error, Object.getOwnPropertyNames(failed.error ?? {})),
			JSON.stringify(succeeded.run.data.resultData),
			JSON.stringify(succeeded.staticData),
			JSON.stringify(sandbox().log.entries),
		]) {
			expect(text).not.toContain('wrong-key-123');
			expect(text).not.toContain(sandbox().apiKey);
			expect(text).not.toContain(BILLOMAT_DEMO_APP.secret);
		}
	});
});
