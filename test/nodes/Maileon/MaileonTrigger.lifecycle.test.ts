import type { IDataObject } from 'n8n-workflow';

import { TriggerHarness } from '../../harness/trigger';
import { loadFixture, maileonCredentials, requestsTo, useMaileonSandbox } from './helpers';

const workflow = loadFixture('maileon-trigger.workflow.json');

describe('Maileon Trigger webhook lifecycle', () => {
	const { sandbox } = useMaileonSandbox();

	function trigger(parameters: IDataObject = {}): TriggerHarness {
		return new TriggerHarness(workflow, {
			nodeName: 'Maileon Trigger',
			credentials: maileonCredentials(sandbox()),
			parameters: { 'Maileon Trigger': parameters },
		});
	}

	/** A trigger whose `create` hook has run, so its webhooks are registered in the sandbox. */
	async function registeredTrigger(parameters: IDataObject = {}): Promise<TriggerHarness> {
		const harness = trigger(parameters);
		await harness.runHook('create');
		return harness;
	}

	describe('create', () => {
		it('registers one webhook per event with the secret, the event name and the body fields', async () => {
			const harness = trigger({ events: ['unsubscription', 'doi'] });

			await expect(harness.runHook('create')).resolves.toBe(true);

			const secret = String(harness.nodeStaticData.secret);
			expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(sandbox().state.webhooks).toEqual([
				{
					id: 1,
					url: harness.webhookUrl(),
					event: 'unsubscription',
					urlParams: [
						{ name: 'token', custom_value: secret },
						{ name: 'event', custom_value: 'unsubscription' },
					],
					standardFields: ['email', 'external_id'],
					customFields: [],
					eventFields: ['timestamp', 'msg_id'],
				},
				expect.objectContaining({ id: 2, event: 'doi', url: harness.webhookUrl() }),
			]);
		});

		it('sends the definitions as plain JSON', async () => {
			await trigger({ events: ['unsubscription', 'bounce'] }).runHook('create');

			const posts = requestsTo(sandbox(), 'POST', '/webhooks');
			expect(posts.map((entry) => [entry.status, entry.headers['content-type']])).toEqual([
				[201, 'application/json; charset=utf-8'],
				[201, 'application/json; charset=utf-8'],
			]);
		});

		it.each([['json' as const], ['xml' as const]])(
			'keeps the webhook ids Maileon answers as %s',
			async (shape) => {
				sandbox().state.settings.webhookCreateResponse = shape;
				const harness = trigger({ events: ['unsubscription', 'doi'] });

				await harness.runHook('create');

				expect(harness.nodeStaticData.webhookIds).toEqual({ unsubscription: '1', doi: '2' });
			},
		);

		it('replaces registrations of its URL left by an earlier activation whose secret is lost', async () => {
			const harness = trigger();
			sandbox().state.addWebhook({
				url: harness.webhookUrl(),
				event: 'unsubscription',
				urlParams: [{ name: 'token', custom_value: 'forgotten' }],
				standardFields: [],
				customFields: [],
				eventFields: [],
			});

			await harness.runHook('create');

			expect(requestsTo(sandbox(), 'DELETE', '/webhooks/1')).toHaveLength(1);
			expect(sandbox().state.webhooks.map((hook) => hook.id)).toEqual([2]);
		});

		it('leaves webhooks of other URLs alone', async () => {
			sandbox().state.addWebhook({
				url: 'https://other.example.org/hook',
				event: 'unsubscription',
				urlParams: [],
				standardFields: [],
				customFields: [],
				eventFields: [],
			});

			await trigger().runHook('create');

			expect(sandbox().state.webhooks.map((hook) => hook.url)).toEqual([
				'https://other.example.org/hook',
				expect.stringContaining('/webhook/'),
			]);
		});

		it('registers the test URL when the editor listens for a test event', async () => {
			await trigger().runHook('create', { mode: 'manual', activation: 'manual' });

			expect(sandbox().state.webhooks[0].url).toBe(
				'http://127.0.0.1:5678/webhook-test/5b0e3f7a-9c2d-4e61-a8b4-2f6d1c9e7a30/webhook',
			);
		});
	});

	describe('checkExists', () => {
		it('is true while every registered event still exists in Maileon', async () => {
			const harness = await registeredTrigger({ events: ['unsubscription', 'doi'] });

			await expect(harness.runHook('checkExists')).resolves.toBe(true);
		});

		it('is false before the first activation, without asking Maileon', async () => {
			await expect(trigger().runHook('checkExists')).resolves.toBe(false);
			expect(sandbox().log.size).toBe(0);
		});

		it.each<[string, string[], (harness: TriggerHarness) => void]>([
			['a webhook was deleted in Maileon', ['unsubscription', 'doi'], () => sandbox().state.deleteWebhook(2)],
			[
				'an event was added since the registration',
				['unsubscription'],
				(harness) => {
					harness.node.parameters.events = ['unsubscription', 'bounce'];
				},
			],
		])('is false when %s', async (_, events, change) => {
			const harness = await registeredTrigger({ events });
			change(harness);

			await expect(harness.runHook('checkExists')).resolves.toBe(false);
		});

		it('lets a Maileon failure surface instead of answering "not registered"', async () => {
			const harness = await registeredTrigger();
			sandbox().faults.set({ kinds: ['500'], match: (request) => request.method === 'GET' });

			await expect(harness.runHook('checkExists')).rejects.toThrow(
				'Maileon answered with a server error (500): Injected fault 500',
			);
		});
	});

	describe('delete', () => {
		it('removes every registered webhook and forgets ids and secret', async () => {
			const harness = await registeredTrigger({ events: ['unsubscription', 'doi'] });

			await expect(harness.runHook('delete')).resolves.toBe(true);

			expect(sandbox().state.webhooks).toEqual([]);
			expect(requestsTo(sandbox(), 'DELETE', '/webhooks/1')).toHaveLength(1);
			expect(requestsTo(sandbox(), 'DELETE', '/webhooks/2')).toHaveLength(1);
			expect(harness.nodeStaticData).toEqual({});
		});

		it('treats a webhook Maileon no longer has (404) as already gone', async () => {
			const harness = await registeredTrigger();
			sandbox().state.deleteWebhook(1);

			await expect(harness.runHook('delete')).resolves.toBe(true);
			expect(requestsTo(sandbox(), 'DELETE', '/webhooks/1')[0].status).toBe(404);
			expect(harness.nodeStaticData).toEqual({});
		});

		it('lets a server error surface and keeps the id for the next attempt', async () => {
			const harness = await registeredTrigger();
			sandbox().faults.set({ kinds: ['500'], match: (request) => request.method === 'DELETE' });

			await expect(harness.runHook('delete')).rejects.toThrow(
				'Maileon answered with a server error (500): Injected fault 500',
			);
			expect(harness.nodeStaticData.webhookIds).toEqual({ unsubscription: '1' });
		});
	});
});
