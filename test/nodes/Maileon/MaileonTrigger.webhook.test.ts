import type { IDataObject } from 'n8n-workflow';

import { SuppressionLedger } from '../../../nodes/shared/suppression';
import { SandboxClock } from '../../sandbox/framework/clock';
import { startWebhookReceiver, TriggerHarness, type WebhookReceiver } from '../../harness/trigger';
import { loadFixture, maileonCredentials, runMaileon, useMaileonSandbox } from './helpers';

const workflow = loadFixture('maileon-trigger.workflow.json');
const UNSUBSCRIBED_AT = Date.UTC(2024, 4, 2, 14, 3, 11);

function ledgerEntries(harness: TriggerHarness): Record<string, number> {
	const ledger = harness.staticData().global as IDataObject | undefined;
	return ((ledger?.suppressionLedger as IDataObject | undefined)?.entries ?? {}) as Record<
		string,
		number
	>;
}

describe('Maileon Trigger webhook', () => {
	const { sandbox } = useMaileonSandbox({ clock: new SandboxClock(UNSUBSCRIBED_AT) });
	let receiver: WebhookReceiver;
	let harness: TriggerHarness;

	async function activate(parameters: IDataObject = {}): Promise<void> {
		harness = new TriggerHarness(workflow, {
			nodeName: 'Maileon Trigger',
			credentials: maileonCredentials(sandbox()),
			parameters: { 'Maileon Trigger': parameters },
			webhookBaseUrl: receiver.webhookBaseUrl,
		});
		await harness.runHook('create');
	}

	beforeEach(async () => {
		receiver = await startWebhookReceiver((request) => harness.receive(request));
		sandbox().state.seedContacts([{ email: 'anna+news@example.org', externalId: 'K-1001' }]);
	});

	afterEach(async () => {
		await receiver.close();
	});

	async function unsubscribeInMaileon(email = 'anna+news@example.org'): Promise<void> {
		sandbox().state.unsubscribe(email);
		await sandbox().webhooks.idle();
	}

	it('emits one item for an unsubscription Maileon delivers', async () => {
		await activate();

		await unsubscribeInMaileon();

		expect(receiver.calls).toHaveLength(1);
		expect(receiver.calls[0].items.map((item) => item.json)).toEqual([
			{
				event: 'unsubscription',
				email: 'anna+news@example.org',
				externalId: 'K-1001',
				timestamp: '2024-05-02T14:03:11.000Z',
				consent: {
					action: 'unsubscribe',
					reason: 'unsubscribed in Maileon',
					status: 'optOut',
					at: UNSUBSCRIBED_AT,
				},
				data: {
					email: 'anna+news@example.org',
					external_id: 'K-1001',
					timestamp: '2024-05-02 14:03:11',
				},
			},
		]);
		expect(sandbox().webhooks.deliveries.map((delivery) => delivery.status)).toEqual([200]);
	});

	it("adds the unsubscribed address to the workflow's suppression ledger with its time", async () => {
		await activate();

		await unsubscribeInMaileon();

		expect(ledgerEntries(harness)).toEqual({
			[SuppressionLedger.hash('anna+news@example.org')]: UNSUBSCRIBED_AT,
		});
		expect(JSON.stringify(harness.staticData())).not.toContain('anna');
	});

	it('leaves the ledger alone when "Add to Suppression Ledger" is off', async () => {
		await activate({ addToLedger: false });

		await unsubscribeInMaileon();

		expect(receiver.calls[0].items).toHaveLength(1);
		expect(ledgerEntries(harness)).toEqual({});
	});

	it('emits a double opt-in confirmation as consent to send, without touching the ledger', async () => {
		await activate({ events: ['doi'] });
		await runMaileon(sandbox(), {
			resource: 'contact',
			operation: 'upsert',
			email: 'ben@example.org',
			doi: true,
		});

		sandbox().state.confirmDoi('ben@example.org');
		await sandbox().webhooks.idle();

		expect(receiver.calls[0].items[0].json).toMatchObject({
			event: 'doi',
			email: 'ben@example.org',
			consent: { action: 'send', status: 'optIn', at: UNSUBSCRIBED_AT },
		});
		expect(ledgerEntries(harness)).toEqual({});
	});

	it('restores the + of an email that Maileon sent as a URL parameter', async () => {
		await activate();
		const [hook] = sandbox().state.webhooks;
		// a hook edited in Maileon to carry the email in the URL instead of the body (maileon.md §6.14)
		sandbox().state.replaceWebhook({
			...hook,
			urlParams: [...hook.urlParams, { name: 'email', standard_contact_field: 'email' }],
			standardFields: [],
		});
		sandbox().state.settings.webhookEmailPlusAsSpace = true;

		await unsubscribeInMaileon();

		expect(receiver.server.log.entries[0].query.email).toBe('anna news@example.org');
		expect(receiver.calls[0].items[0].json.email).toBe('anna+news@example.org');
		expect(ledgerEntries(harness)).toHaveProperty([
			SuppressionLedger.hash('anna+news@example.org'),
		]);
	});

	it('keeps the + of an email in the JSON body', async () => {
		await activate();

		const received = await harness.receive({
			query: { token: String(harness.nodeStaticData.secret), event: 'unsubscription' },
			body: { email: 'carl+list@example.org' },
		});

		expect(received.items[0].json.email).toBe('carl+list@example.org');
	});

	describe('secret check', () => {
		it.each([
			['a wrong token', { token: 'guessed', event: 'unsubscription' }],
			['no token', { event: 'unsubscription' }],
			['an empty token', { token: '', event: 'unsubscription' }],
			['the token twice', { token: ['x', 'y'], event: 'unsubscription' }],
		])('answers 401 and emits nothing for %s', async (_, query) => {
			await activate();

			const received = await harness.receive({ query, body: { email: 'anna+news@example.org' } });

			expect(received.status).toBe(401);
			expect(received.response.body).toEqual({ message: 'Unauthorized' });
			expect(received.result.workflowData).toBeUndefined();
			expect(ledgerEntries(harness)).toEqual({});
		});

		it('rejects every call before the trigger was activated', async () => {
			harness = new TriggerHarness(workflow, {
				nodeName: 'Maileon Trigger',
				credentials: maileonCredentials(sandbox()),
			});

			const received = await harness.receive({ query: { token: '' }, body: {} });

			expect(received.status).toBe(401);
		});

		it('rejects the token of a deactivated registration after reactivation', async () => {
			await activate();
			const oldSecret = String(harness.nodeStaticData.secret);
			await harness.runHook('delete');
			await harness.runHook('create');

			const received = await harness.receive({
				query: { token: oldSecret, event: 'unsubscription' },
				body: {},
			});

			expect(received.status).toBe(401);
		});
	});

	it('answers without items for an event the trigger no longer listens to', async () => {
		await activate({ events: ['doi'] });

		const received = await harness.receive({
			query: { token: String(harness.nodeStaticData.secret), event: 'unsubscription' },
			body: { email: 'anna+news@example.org' },
		});

		expect(received.status).toBe(200);
		expect(received.items).toEqual([]);
		expect(ledgerEntries(harness)).toEqual({});
	});
});
