import { SandboxClock } from '../framework/clock';
import { startSandbox } from '../framework/server';
import type { Sandbox } from '../framework/server';
import { textResponse } from '../framework/types';
import { startMaileonSandbox } from './server';
import type { MaileonSandbox } from './server';
import { maileonClient } from './fixtures';
import type { MaileonCall } from './fixtures';

const UNSUBSCRIPTION_HOOK = {
	event: 'unsubscription',
	urlParams: [
		{ name: 'token', custom_value: 's3cret' },
		{ name: 'email', standard_contact_field: 'email' },
	],
	standardFields: ['email', 'external_id'],
	eventFields: ['timestamp'],
};

describe('Maileon sandbox /webhooks', () => {
	let sandbox: MaileonSandbox;
	let receiver: Sandbox<undefined>;
	let call: MaileonCall;
	const hookUrl = (): string => `${receiver.baseUrl}/webhook/maileon`;
	const createHook = (definition: Record<string, unknown>) =>
		call('POST', '/webhooks', {
			body: JSON.stringify({ url: hookUrl(), ...definition }),
			contentType: 'application/json',
		});

	beforeEach(async () => {
		receiver = await startSandbox({
			name: 'receiver',
			handler: () => textResponse(200, 'ok'),
			logBodies: true,
		});
		sandbox = await startMaileonSandbox({
			clock: new SandboxClock(Date.UTC(2024, 4, 2, 14, 3, 11)),
		});
		call = maileonClient(sandbox);
		sandbox.state.seedContacts([{ email: 'anna+news@example.org', externalId: 'K-1' }]);
	});

	afterEach(async () => {
		await sandbox.close();
		await receiver.close();
	});

	describe('CRUD', () => {
		it('creates a webhook with 201 and a JSON id', async () => {
			const response = await createHook(UNSUBSCRIPTION_HOOK);

			expect(response.status).toBe(201);
			expect(response.headers.get('content-type')).toContain('application/json');
			expect(response.json()).toEqual({ id: 1 });
		});

		it('answers the id as <id> XML when webhookCreateResponse is xml', async () => {
			sandbox.state.settings.webhookCreateResponse = 'xml';

			const response = await createHook(UNSUBSCRIPTION_HOOK);

			expect(response.xml().name).toBe('id');
			expect(response.xml().text).toBe('1');
		});

		it('lists, reads, updates and deletes a webhook', async () => {
			await createHook(UNSUBSCRIPTION_HOOK);

			await call('PUT', '/webhooks/1', {
				body: JSON.stringify({ url: hookUrl(), event: 'doi' }),
				contentType: 'application/json',
			});
			const read = await call('GET', '/webhooks/1');
			const listed = await call('GET', '/webhooks');
			const deleted = await call('DELETE', '/webhooks/1');
			const gone = await call('GET', '/webhooks/1');

			expect(read.json()).toEqual(
				expect.objectContaining({ id: 1, event: 'doi', newsletterAccountId: 4711 }),
			);
			expect(listed.json()).toEqual([expect.objectContaining({ id: 1 })]);
			expect([deleted.status, gone.status]).toEqual([200, 404]);
		});

		it.each([
			[
				'an unknown event',
				{ event: 'opened' },
				'"event" must be one of doi, unsubscription, bounce, filtered, contact_field_change',
			],
			[
				'a url param with two sources',
				{ event: 'doi', urlParams: [{ name: 't', custom_value: 'x', custom_contact_field: 'y' }] },
				'"urlParams[0]" needs exactly one of standard_contact_field, custom_contact_field, custom_value as a string',
			],
		])('answers 400 with a JSON message to %s', async (_title, definition, message) => {
			const response = await createHook(definition);

			expect(response.status).toBe(400);
			expect(response.json()).toEqual({ message });
		});

		it('answers 415 to a webhook sent as XML', async () => {
			const response = await call('POST', '/webhooks', { body: '<webhook/>' });

			expect(response.status).toBe(415);
		});
	});

	describe('delivery', () => {
		it('posts the selected fields as flat JSON with the URL params on unsubscription', async () => {
			await createHook(UNSUBSCRIPTION_HOOK);

			await call('DELETE', '/contacts/externalid/K-1/unsubscribe');
			await sandbox.webhooks.idle();

			const delivered = receiver.log.entries[0];
			expect(delivered).toEqual(
				expect.objectContaining({
					method: 'POST',
					path: '/webhook/maileon',
					query: { token: 's3cret', email: 'anna+news@example.org' },
				}),
			);
			expect(delivered.headers['content-type']).toBe('application/json');
			expect(JSON.parse(delivered.body ?? '')).toEqual({
				email: 'anna+news@example.org',
				external_id: 'K-1',
				timestamp: '2024-05-02 14:03:11',
			});
			expect(sandbox.webhooks.deliveries).toEqual([
				expect.objectContaining({ webhookId: 1, status: 200 }),
			]);
		});

		it('turns + in a URL-param email into a space when webhookEmailPlusAsSpace is on', async () => {
			sandbox.state.settings.webhookEmailPlusAsSpace = true;
			await createHook(UNSUBSCRIPTION_HOOK);

			sandbox.state.unsubscribe('anna+news@example.org');
			await sandbox.webhooks.idle();

			expect(receiver.log.entries[0].query.email).toBe('anna news@example.org');
		});

		it('sends no body when no fields are selected', async () => {
			await createHook({
				event: 'unsubscription',
				urlParams: [{ name: 'token', custom_value: 's3cret' }],
			});

			sandbox.state.unsubscribe('anna+news@example.org');
			await sandbox.webhooks.idle();

			expect(receiver.log.entries[0]).toEqual(expect.objectContaining({ bodyBytes: 0 }));
			expect(receiver.log.entries[0].headers['content-type']).toBeUndefined();
		});

		it('fires the doi webhook when the confirmation is clicked', async () => {
			await createHook({ event: 'doi', standardFields: ['email'] });
			await call('POST', '/contacts/email/bob%40example.org', { query: { doi: true } });

			sandbox.state.confirmDoi('bob@example.org');
			await sandbox.webhooks.idle();

			expect(receiver.log.entries.map((e) => e.body)).toEqual(['{"email":"bob@example.org"}']);
		});

		it('calls only the webhooks of the event that happened', async () => {
			await createHook({ event: 'doi', standardFields: ['email'] });

			sandbox.state.unsubscribe('anna+news@example.org');
			await sandbox.webhooks.idle();

			expect(receiver.log.size).toBe(0);
		});

		it('gives up on a receiver slower than webhookTimeoutMs', async () => {
			sandbox.state.settings.webhookTimeoutMs = 100;
			receiver.faults.set({ kinds: ['slow'], slowMs: 1000 });
			await createHook(UNSUBSCRIPTION_HOOK);

			sandbox.state.unsubscribe('anna+news@example.org');
			await sandbox.webhooks.idle();

			expect(sandbox.webhooks.deliveries).toEqual([
				expect.objectContaining({ error: 'The operation was aborted due to timeout' }),
			]);
		});

		it('records the status of a receiver that fails', async () => {
			receiver.faults.set({ kinds: ['503'] });
			await createHook(UNSUBSCRIPTION_HOOK);

			sandbox.state.unsubscribe('anna+news@example.org');
			await sandbox.webhooks.idle();

			expect(sandbox.webhooks.deliveries).toEqual([expect.objectContaining({ status: 503 })]);
		});
	});
});
