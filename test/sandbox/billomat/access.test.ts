import { SandboxClock } from '../framework/clock';
import { useSandbox } from '../framework/lifecycle';
import { BILLOMAT_DEMO_APP, startBillomatSandbox } from '.';
import { call } from './testing';

// 10:07:30 UTC: inside the window 10:00–10:14:59
const NOW = Date.UTC(2025, 5, 2, 10, 7, 30);
const NEXT_WINDOW_SECONDS = Date.UTC(2025, 5, 2, 10, 15, 0) / 1000;

describe('Billomat sandbox: account, key and rate limit', () => {
	const sandbox = useSandbox(async () => await startBillomatSandbox({ clock: new SandboxClock(NOW) }));

	it('accepts the key in the X-BillomatApiKey header', async () => {
		expect((await call(sandbox(), '/clients')).status).toBe(200);
	});

	it('accepts the key as the api_key query parameter', async () => {
		const response = await call(sandbox(), `/clients?api_key=${sandbox().apiKey}`, { apiKey: null });

		expect(response.status).toBe(200);
	});

	it.each([
		['a missing key', null],
		['a wrong key', 'wrong'],
	])('answers 401 with an errors body for %s', async (_name, apiKey) => {
		const response = await call(sandbox(), '/clients', { apiKey });

		expect(response.status).toBe(401);
		expect(response.json()).toEqual({ errors: { error: 'Unauthorized: invalid or missing API key' } });
	});

	it('answers 404 for another Billomat ID', async () => {
		const response = await fetch(`${sandbox().baseUrl}/other/api/clients`, {
			headers: { 'x-billomatapikey': sandbox().apiKey, accept: 'application/json' },
		});

		expect(response.status).toBe(404);
	});

	it('never writes the API key or the app secret into the request log', async () => {
		await call(sandbox(), '/clients', { headers: { 'x-appid': BILLOMAT_DEMO_APP.id, 'x-appsecret': BILLOMAT_DEMO_APP.secret } });
		const logged = JSON.stringify(sandbox().log.entries);

		expect(logged).not.toContain(sandbox().apiKey);
		expect(logged).not.toContain(BILLOMAT_DEMO_APP.secret);
	});

	it('sends the remaining quota and the next clock-aligned window start on every answer', async () => {
		const ok = await call(sandbox(), '/clients');
		const notFound = await call(sandbox(), '/clients/9');
		const unauthorized = await call(sandbox(), '/clients', { apiKey: 'wrong' });

		expect([ok, notFound, unauthorized].map((response) => response.headers.get('x-rate-limit-remaining'))).toEqual(['299', '298', '297']);
		expect(ok.headers.get('x-rate-limit-reset')).toBe(String(NEXT_WINDOW_SECONDS));
	});

	it('answers 429 with the errors body once the 300 requests of the window are used', async () => {
		sandbox().state.spendQuota(300);
		const response = await call(sandbox(), '/clients');

		expect(response.status).toBe(429);
		expect(response.headers.get('x-rate-limit-remaining')).toBe('0');
		expect(response.json()).toEqual({
			errors: { error: 'Maximum number of requests (300 per 15 minutes) reached. Try again in 450 seconds.' },
		});
	});

	it('starts a fresh quota when the next window begins', async () => {
		sandbox().state.spendQuota(300);
		sandbox().state.clock.set(NEXT_WINDOW_SECONDS * 1000);

		expect((await call(sandbox(), '/clients')).headers.get('x-rate-limit-remaining')).toBe('299');
	});

	it('gives requests with valid app headers the higher quota', async () => {
		const response = await call(sandbox(), '/clients', {
			headers: { 'x-appid': BILLOMAT_DEMO_APP.id, 'x-appsecret': BILLOMAT_DEMO_APP.secret },
		});

		expect(response.headers.get('x-rate-limit-remaining')).toBe('999');
	});

	it('puts the quota headers on injected faults too', async () => {
		sandbox().faults.set({ kinds: ['503'], times: 1 });
		const response = await call(sandbox(), '/clients');

		expect(response.status).toBe(503);
		expect(response.headers.get('x-rate-limit-remaining')).toBe('299');
		expect(response.text).toContain('<errors><error>Injected fault 503</error></errors>');
	});
});
