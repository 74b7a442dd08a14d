import { SandboxClock } from '../framework/clock';
import { startMaileonSandbox } from './server';
import type { MaileonSandbox } from './server';
import { maileonClient, useMaileonClient } from './fixtures';
import type { MaileonCall } from './fixtures';
import { childElement, childElements, childText } from './xml';

describe('Maileon sandbox unsubscribe', () => {
	let sandbox: MaileonSandbox;
	let call: MaileonCall;
	let clock: SandboxClock;
	const start = Date.UTC(2024, 4, 2, 14, 3, 11);

	beforeEach(async () => {
		clock = new SandboxClock(start);
		sandbox = await startMaileonSandbox({ clock, settings: { sentMailingIds: [4711] } });
		call = maileonClient(sandbox);
		sandbox.state.seedContacts([
			{
				email: 'anna@example.org',
				externalId: 'K-1',
				permission: 4,
				standardFields: { FIRSTNAME: 'Anna' },
			},
		]);
	});

	afterEach(async () => {
		await sandbox.close();
	});

	it.each<[string, () => { path: string; query: Record<string, string | number> }]>([
		['email', () => ({ path: '/contacts/email/anna%40example.org/unsubscribe', query: {} })],
		['external id', () => ({ path: '/contacts/externalid/K-1/unsubscribe', query: {} })],
		['Maileon id', () => ({ path: '/contacts/contact/unsubscribe', query: { id: 1001 } })],
	])('answers 204 and anonymises the contact unsubscribed by %s', async (_title, target) => {
		const { path, query } = target();

		const response = await call('DELETE', path, { query });

		expect(response.status).toBe(204);
		expect(sandbox.state.getContact('anna@example.org')).toBeUndefined();
		expect(sandbox.state.getContactById(1001)).toEqual(
			expect.objectContaining({
				anonymised: true,
				email: undefined,
				permission: 1,
				standardFields: {},
			}),
		);
	});

	it('adds a row with timestamp, contact and mailing to /reports/unsubscriptions', async () => {
		await call('DELETE', '/contacts/email/anna%40example.org/unsubscribe', {
			query: { mailingId: 4711 },
		});

		const row = childElements(
			(await call('GET', '/reports/unsubscriptions')).xml(),
			'unsubscriber',
		)[0];
		const contact = childElement(row, 'contact');

		expect(childText(row, 'timestamp')).toBe('2024-05-02 14:03:11');
		expect(
			contact && [
				childText(contact, 'id'),
				childText(contact, 'external_id'),
				childText(contact, 'email'),
			],
		).toEqual(['1001', 'K-1', 'anna@example.org']);
		expect(childText(row, 'mailing_id')).toBe('4711');
		expect(childText(row, 'source')).toBe('api');
	});

	it('answers 400 to a mailingId of a mailing that was not sent', async () => {
		const response = await call('DELETE', '/contacts/email/anna%40example.org/unsubscribe', {
			query: { mailingId: 99 },
		});

		expect(response.status).toBe(400);
		expect(childText(response.xml(), 'message')).toBe('Mailing 99 has not been sent');
		expect(sandbox.state.getContact('anna@example.org')).toBeDefined();
	});

	it('answers 400 to an unknown reason type', async () => {
		const response = await call('DELETE', '/contacts/email/anna%40example.org/unsubscribe', {
			query: { reason: 'bored|too much' },
		});

		expect(response.status).toBe(400);
	});

	it('keeps the contact readable until the processing delay has passed', async () => {
		sandbox.state.settings.unsubscribeDelayMs = 5000;
		await call('DELETE', '/contacts/email/anna%40example.org/unsubscribe');

		const during = await call('GET', '/contacts/email/anna%40example.org');
		clock.advance(5000);
		const after = await call('GET', '/contacts/email/anna%40example.org');

		expect([during.status, after.status]).toEqual([200, 404]);
	});

	it('dates a delayed unsubscription at its request time', async () => {
		sandbox.state.settings.unsubscribeDelayMs = 5000;
		await call('DELETE', '/contacts/email/anna%40example.org/unsubscribe');
		clock.advance(60_000);
		sandbox.state.settle();

		expect(sandbox.state.unsubscriptions.map((r) => r.timestamp)).toEqual([start]);
	});

	it('lands a delayed unsubscription on a running clock without another request', async () => {
		await sandbox.close();
		sandbox = await startMaileonSandbox({ settings: { unsubscribeDelayMs: 50 } });
		call = maileonClient(sandbox);
		sandbox.state.seedContacts([{ email: 'anna@example.org' }]);

		await call('DELETE', '/contacts/email/anna%40example.org/unsubscribe');
		const during = sandbox.state.unsubscriptions.length;
		for (
			let waited = 0;
			sandbox.state.unsubscriptions.length === 0 && waited < 2000;
			waited += 20
		) {
			await new Promise((resolve) => setTimeout(resolve, 20));
		}

		expect([during, sandbox.state.unsubscriptions.length]).toEqual([0, 1]);
	});

	it('treats the test hook unsubscribe as a click on the link', () => {
		sandbox.state.unsubscribe('anna@example.org');

		expect(sandbox.state.unsubscriptions).toEqual([
			expect.objectContaining({
				contactId: 1001,
				email: 'anna@example.org',
				source: 'link',
				timestamp: start,
			}),
		]);
	});

	it('creates a fresh contact when the same email is added again', async () => {
		sandbox.state.unsubscribe('anna@example.org');

		await call('POST', '/contacts/email/anna%40example.org', { query: { permission: 2 } });

		expect(sandbox.state.getContact('anna@example.org')).toEqual(
			expect.objectContaining({ id: 1002, permission: 2, standardFields: {} }),
		);
	});

	it('sets no unsubscription marker by default', () => {
		sandbox.state.unsubscribe('anna@example.org');

		expect(sandbox.state.getMarker('anna@example.org')).toBeUndefined();
	});

	it('sets the unsubscription marker when unsubscribeSetsMarker is on', () => {
		sandbox.state.settings.unsubscribeSetsMarker = true;

		sandbox.state.unsubscribe('anna@example.org');

		expect(sandbox.state.getMarker('anna@example.org')).toEqual({
			email: 'anna@example.org',
			at: start,
		});
	});
});

describe('Maileon sandbox unsubscription marker', () => {
	const { sandbox, call } = useMaileonClient();
	const marker = '/contacts/email/bob%40example.org/unsubscription';

	it('answers GET with 404 before and 200 after PUT', async () => {
		const before = await call('GET', marker);
		await call('PUT', marker);
		const after = await call('GET', marker);

		expect([before.status, after.status]).toEqual([404, 200]);
	});

	it('answers PUT with 201 when created and 200 when already there', async () => {
		const first = await call('PUT', marker);
		const second = await call('PUT', marker);

		expect([first.status, second.status]).toEqual([201, 200]);
	});

	it('answers DELETE with 200 when removed and 404 when there was none', async () => {
		await call('PUT', marker);

		const first = await call('DELETE', marker);
		const second = await call('DELETE', marker);

		expect([first.status, second.status]).toEqual([200, 404]);
	});

	it('does not unsubscribe an existing contact', async () => {
		sandbox().state.seedContacts([{ email: 'bob@example.org', permission: 4 }]);

		await call('PUT', marker);

		expect(sandbox().state.getContact('bob@example.org')?.permission).toBe(4);
	});
});
