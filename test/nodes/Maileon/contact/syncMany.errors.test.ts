import { closedPort } from '../../../harness/network';
import type { FaultRequest } from '../../../sandbox/framework/faults';
import { contactItem, ledgerOf, requestsTo, runMaileon, staticDataWithLedger, useMaileonSandbox } from '../helpers';

const SYNC = { resource: 'contact', operation: 'syncMany', setMarker: false };
const isSync = (request: FaultRequest) =>
	request.method === 'POST' && request.path === '/1.0/contacts';

describe('Maileon Synchronize Many failures', () => {
	const { sandbox } = useMaileonSandbox();

	describe('when Maileon stays unavailable (503)', () => {
		// ben re-consented after his unsubscribe: only an acknowledged batch may lift his ledger entry
		const reconsented = contactItem('ben@example.org', {
			consent: {
				action: 'send',
				reason: 'explicit opt-in',
				status: 'optIn',
				at: Date.UTC(2024, 5, 1),
			},
		});
		const staticData = staticDataWithLedger(['ben@example.org'], Date.UTC(2024, 0, 1));

		beforeEach(() => {
			sandbox().faults.set({ kinds: ['503'], retryAfterSeconds: 1, match: isSync });
		});

		it('fails with what happened and what to do', async () => {
			const result = await runMaileon(sandbox(), SYNC, {
				input: [contactItem('anna@example.org')],
			});

			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(
				'Maileon answered with a server error (503): Injected fault 503',
			);
			expect((result.error as { description?: string }).description).toBe(
				'The node retried the request. Maileon may be down or overloaded; run the workflow again later; what was already written is not written twice.',
			);
		});

		it('gives up after the first attempt and 5 retries', async () => {
			await runMaileon(sandbox(), SYNC, { input: [contactItem('anna@example.org')] });

			expect(requestsTo(sandbox(), 'POST', '/contacts')).toHaveLength(6);
		});

		it('leaves the suppression ledger as it was', async () => {
			const result = await runMaileon(sandbox(), SYNC, { input: [reconsented], staticData });

			expect(result.staticData).toEqual(staticData);
		});
	});

	it('says the API key was refused (401) and how to fix it', async () => {
		const result = await runMaileon(sandbox(), SYNC, {
			input: [contactItem('anna@example.org')],
			credentials: { apiKey: 'not-the-key' },
		});

		expect(result.error?.message).toBe('Maileon rejected the API key (401)');
		expect((result.error as { description?: string }).description).toBe(
			'The key looked like a plain Maileon key (not base64), so it was base64-encoded before sending. If that is wrong, change Key Format in the Maileon credential. Otherwise the key is wrong, has expired or the account is blocked: copy the key again from Maileon (Settings → API Keys), paste it into the credential and press Test.',
		);
	});

	it('says which privilege the API key lacks (403) and where to grant it', async () => {
		sandbox().state.settings.apiKeys = [{ key: sandbox().apiKey, methods: ['GET', 'PUT', 'DELETE'] }];
		const result = await runMaileon(sandbox(), SYNC, { input: [contactItem('anna@example.org')] });

		expect(result.error?.message).toBe('The Maileon API key lacks the create right (POST answered 403)');
		expect((result.error as { description?: string }).description).toBe(
			'In Maileon under Settings → API Keys give the key the create right, or use a key that has it, then retry.',
		);
		expect(requestsTo(sandbox(), 'POST', '/contacts')).toHaveLength(1);
	});

	it('names host and code when nothing listens at the base URL, and points at proxies', async () => {
		const port = await closedPort();

		const result = await runMaileon(sandbox(), SYNC, {
			input: [contactItem('anna@example.org')],
			credentials: { baseUrl: `http://127.0.0.1:${port}/1.0` },
		});

		expect(result.error?.message).toBe(`Could not connect to 127.0.0.1:${port} (ECONNREFUSED)`);
		expect((result.error as { description?: string }).description).toBe(
			'Nothing accepted the connection at that address and port. Check the base URL in the credential, and any proxy (HTTP_PROXY / HTTPS_PROXY on the n8n host) or firewall between n8n and the service.',
		);
	});

	it('lifts the ledger entry of a batch Maileon took and keeps the one of the batch it never acknowledged', async () => {
		const reconsent = (email: string) =>
			contactItem(email, { consent: { action: 'send', reason: 'explicit opt-in', status: 'optIn', at: Date.UTC(2024, 5, 1) } });
		// the first batch goes through, the second meets a Maileon that stays unavailable
		sandbox().faults.set({ kinds: ['503'], afterRequests: 1, match: isSync });

		const result = await runMaileon(sandbox(), { ...SYNC, options: { batchSize: 1 } }, {
			input: [reconsent('anna@example.org'), reconsent('ben@example.org')],
			staticData: staticDataWithLedger(['anna@example.org', 'ben@example.org']),
		});

		expect(result.status).toBe('error');
		expect(sandbox().state.getContact('anna@example.org')).toBeDefined();
		expect(ledgerOf(result.staticData).has('anna@example.org')).toBe(false);
		expect(ledgerOf(result.staticData).has('ben@example.org')).toBe(true);
	});
});
