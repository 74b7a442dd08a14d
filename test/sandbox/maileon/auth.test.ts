import { SandboxClock } from '../framework/clock';
import { basicAuthorization } from './auth';
import { startMaileonSandbox } from './server';
import type { MaileonSandbox } from './server';
import { HTTP_METHODS, MAILEON_DEMO_API_KEY } from './settings';
import { childText } from './xml';
import { maileonClient } from './fixtures';
import type { MaileonCall } from './fixtures';

const READ_ONLY_KEY = 'read-only-key-0123456789';
const EXPIRED_KEY = 'expired-key-0123456789';

describe('Maileon sandbox authentication', () => {
	let sandbox: MaileonSandbox;
	let call: MaileonCall;
	const clock = new SandboxClock(Date.UTC(2024, 4, 2, 12, 0, 0));

	beforeEach(async () => {
		sandbox = await startMaileonSandbox({
			clock,
			settings: {
				apiKeys: [
					{ key: MAILEON_DEMO_API_KEY },
					{ key: READ_ONLY_KEY, methods: ['GET'] },
					{ key: EXPIRED_KEY, expiresAt: clock.now() - 1 },
				],
			},
		});
		call = maileonClient(sandbox);
	});

	afterEach(async () => {
		await sandbox.close();
	});

	it.each(['GET', 'POST', 'PUT', 'DELETE'])(
		'answers %s /ping with 200 for a valid key',
		async (method) => {
			expect((await call(method, '/ping')).status).toBe(200);
		},
	);

	it.each([
		['no Authorization header', null, 'Authorization header is missing'],
		['an unknown key', basicAuthorization('not-a-key-at-all'), 'Invalid API key'],
		['an expired key', basicAuthorization(EXPIRED_KEY), 'API key expired'],
		[
			'a Bearer token',
			`Bearer ${MAILEON_DEMO_API_KEY}`,
			'Expected HTTP Basic authentication with the API key',
		],
		[
			'base64(key:) by default',
			`Basic ${Buffer.from(`${MAILEON_DEMO_API_KEY}:`).toString('base64')}`,
			'Invalid API key',
		],
		['the raw key by default', `Basic ${MAILEON_DEMO_API_KEY}`, 'Invalid API key'],
	])('answers 401 with an XML error for %s', async (_title, authorization, message) => {
		const response = await call('GET', '/ping', { authorization });

		expect(response.status).toBe(401);
		expect(response.headers.get('content-type')).toContain('application/vnd.maileon.api+xml');
		expect(childText(response.xml(), 'message')).toBe(message);
	});

	it('accepts base64(key:) when acceptKeyWithColon is on', async () => {
		sandbox.state.settings.acceptKeyWithColon = true;

		const response = await call('GET', '/ping', {
			authorization: `Basic ${Buffer.from(`${MAILEON_DEMO_API_KEY}:`).toString('base64')}`,
		});

		expect(response.status).toBe(200);
	});

	it('accepts the raw key when acceptRawKey is on', async () => {
		sandbox.state.settings.acceptRawKey = true;

		expect(
			(await call('GET', '/ping', { authorization: `Basic ${MAILEON_DEMO_API_KEY}` })).status,
		).toBe(200);
	});

	it('answers 403 to a method the key has no privilege for', async () => {
		const authorization = basicAuthorization(READ_ONLY_KEY);

		const read = await call('GET', '/ping', { authorization });
		const write = await call('POST', '/ping', { authorization });

		expect(read.status).toBe(200);
		expect(write.status).toBe(403);
		expect(childText(write.xml(), 'message')).toBe('The API key has no POST privilege');
	});

	it.each([
		['GET', '/contacts/fields/custom'],
		['POST', '/contacts/fields/custom/Shoe?type=string'],
		['DELETE', '/contacts/email/anna%40example.org'],
	] as const)('answers 403 to %s %s for a key without that privilege', async (method, path) => {
		sandbox.state.seedContacts([{ email: 'anna@example.org' }]);
		sandbox.state.settings.apiKeys = [{ key: MAILEON_DEMO_API_KEY, methods: HTTP_METHODS.filter((m) => m !== method) }];

		const response = await call(method, path);

		expect(response.status).toBe(403);
		expect(childText(response.xml(), 'message')).toBe(`The API key has no ${method} privilege`);
		expect(sandbox.state.getContact('anna@example.org')).toBeDefined();
	});

	it('expires a key once the sandbox clock passes its expiry', async () => {
		sandbox.state.settings.apiKeys = [
			{ key: MAILEON_DEMO_API_KEY, expiresAt: clock.now() + 60_000 },
		];
		const before = await call('GET', '/ping');
		clock.advance(60_000);

		const after = await call('GET', '/ping');

		expect([before.status, after.status]).toEqual([200, 401]);
	});

	it('never writes the key into the request log', async () => {
		await call('GET', '/ping');
		await call('GET', '/ping', { authorization: `Basic ${MAILEON_DEMO_API_KEY}` });

		const logged = JSON.stringify(sandbox.log.entries);

		expect(logged).not.toContain(MAILEON_DEMO_API_KEY);
		expect(logged).not.toContain(Buffer.from(MAILEON_DEMO_API_KEY).toString('base64'));
		expect(sandbox.log.entries.map((e) => e.headers.authorization)).toEqual([
			'Basic ***',
			'Basic ***',
		]);
	});

	it('answers 404 with an XML error outside the API', async () => {
		const response = await call('GET', '/nothing/here');

		expect(response.status).toBe(404);
		expect(childText(response.xml(), 'message')).toBe('No route for GET /1.0/nothing/here');
	});
});
