import { useSandbox } from '../framework/lifecycle';
import { callDirecto, codesIn } from './testing';
import { startDirectoSandbox } from './server';

describe('Directo sandbox: keys and routing', () => {
	const sandbox = useSandbox(startDirectoSandbox);

	beforeEach(() => {
		sandbox().state.addCustomers([
			{ code: 'K1001', name: 'Mets OÜ', email: 'mari@mets.ee', ts: '2024-01-15T10:30:00' },
		]);
	});

	it('answers "token required" when the key is missing', async () => {
		const response = await callDirecto(sandbox(), {
			query: { get: '1', what: 'customer' },
			key: null,
		});

		expect(response.status).toBe(200);
		expect(response.text).toContain('<err>token required</err>');
	});

	it('answers Unauthorized for a wrong key', async () => {
		const response = await callDirecto(sandbox(), {
			query: { get: '1', what: 'customer' },
			key: 'wrong',
		});

		expect(response.text).toContain('<result type="5" desc="Unauthorized"/>');
	});

	it('answers Unauthorized for a component the key is not allowed to use', async () => {
		sandbox().state.settings.tokens = [{ token: 'only-contacts', components: ['contact'] }];

		const response = await callDirecto(sandbox(), {
			query: { get: '1', what: 'customer' },
			key: 'only-contacts',
		});

		expect(response.text).toContain('<result type="5" desc="Unauthorized"/>');
	});

	it.each([
		['query string', { query: { get: '1', what: 'customer' } }],
		['form body', { form: { get: '1', what: 'customer' } }],
	])('reads routing parameters from the %s by default', async (_place, options) => {
		const response = await callDirecto(sandbox(), options);

		expect(codesIn(response.text)).toEqual(['K1001']);
	});

	it('answers "Invalid url given" to routing parameters in the body when it reads them from the query only', async () => {
		sandbox().state.settings.routingParameters = 'query';

		const response = await callDirecto(sandbox(), { form: { get: '1', what: 'customer' } });

		expect(response.text).toContain('<result type="404" desc="Invalid url given"/>');
	});

	it('ignores the query string when it reads the form body only, as Directo documents its fields', async () => {
		sandbox().state.settings.routingParameters = 'body';

		const response = await callDirecto(sandbox(), { query: { get: '1', what: 'customer' } });

		expect(response.text).toContain('<result type="404" desc="Invalid url given"/>');
		expect(sandbox().state.calls[0]).toMatchObject({ action: 'none', routingIn: 'query' });
	});

	it('logs where the key and the routing parameters arrived, never the key itself', async () => {
		await callDirecto(sandbox(), { query: { get: '1', what: 'customer', ts: '01.01.2024' } });

		expect(sandbox().state.calls).toEqual([
			expect.objectContaining({
				action: 'get',
				what: 'customer',
				routingIn: 'query',
				keyIn: 'body',
				answer: 'records',
				records: 1,
			}),
		]);
		expect(sandbox().state.calls[0].params).toEqual({ get: '1', what: 'customer', ts: '01.01.2024' });
		expect(JSON.stringify(sandbox().state.calls)).not.toContain(sandbox().token);
	});

	it('serves a legacy xmlcore interface with its appkey as "key", also over GET', async () => {
		const response = await callDirecto(sandbox(), {
			url: sandbox().legacyUrl(),
			method: 'GET',
			query: { get: '1', what: 'customer', key: sandbox().appKey },
			key: null,
		});

		expect(codesIn(response.text)).toEqual(['K1001']);
	});

	it('answers Unauthorized to a legacy interface without its appkey', async () => {
		const response = await callDirecto(sandbox(), {
			url: sandbox().legacyUrl(),
			query: { get: '1', what: 'customer' },
		});

		expect(response.text).toContain('<result type="5" desc="Unauthorized"/>');
	});

	it('answers an IIS 404 page for a database without an interface', async () => {
		const response = await callDirecto(sandbox(), {
			url: sandbox().legacyUrl('unknown_db'),
			query: { get: '1', what: 'customer' },
		});

		expect(response.status).toBe(404);
		expect(response.text).toContain('404 - File or directory not found.');
	});

	it('answers "Invalid url given" without get or put', async () => {
		const response = await callDirecto(sandbox(), { query: { what: 'customer' } });

		expect(response.text).toContain('<result type="404" desc="Invalid url given"/>');
	});
});
