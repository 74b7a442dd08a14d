import { startDirectoSandbox } from '../../../sandbox/directo';
import { useSandbox } from '../../../sandbox/framework/lifecycle';
import { customer, runDirecto } from '../helpers';

const getAll = (extra: Record<string, unknown> = {}) => ({
	resource: 'customer',
	operation: 'getAll',
	returnAll: true,
	...extra,
});

describe('Directo customer Get Many', () => {
	const sandbox = useSandbox(startDirectoSandbox);

	beforeEach(() => {
		sandbox().state.addCustomers([
			customer('K1001', { ts: '2024-01-15T10:30:00', class: 'KLIENT', vatregion: '0' }),
			customer('K1002', {
				ts: '2024-01-16T08:00:00',
				class: 'VIP',
				datafields: { OPTIN: ['no', '16.01.2024'], SEGMENT: 'retail' },
			}),
			customer('K1003', { ts: '2024-01-16T18:00:00', class: 'vip', closed: '1' }),
		]);
	});

	it('returns the open customers with their attributes and datafields by code', async () => {
		const result = await runDirecto(sandbox(), getAll());

		expect(result.json('Directo').map((item) => item.code)).toEqual(['K1001', 'K1002']);
		expect(result.json('Directo')[1]).toEqual({
			code: 'K1002',
			name: 'K1002 OÜ',
			contact: 'Mari Mets',
			email: 'k1002@example.org',
			class: 'VIP',
			closed: '0',
			ts: '2024-01-16T08:00:00',
			datafields: {
				OPTIN: { content: 'no', param: '16.01.2024' },
				SEGMENT: { content: 'retail', param: '' },
			},
		});
	});

	it('includes closed customers when asked', async () => {
		const result = await runDirecto(sandbox(), getAll({ filters: { includeClosed: true } }));

		expect(result.json('Directo').map((item) => item.code)).toEqual(['K1001', 'K1002', 'K1003']);
	});

	it('sends the date of Changed Since as ts and keeps only changes at or after its exact time', async () => {
		const result = await runDirecto(
			sandbox(),
			getAll({ filters: { changedSince: '2024-01-16T12:00:00', includeClosed: true } }),
		);

		expect(sandbox().state.callsFor('get')[0].params).toEqual({
			get: '1',
			what: 'customer',
			ts: '16.01.2024',
		});
		expect(result.json('Directo').map((item) => item.code)).toEqual(['K1003']);
	});

	it('posts get, what and ts as form fields by default, as Directo documents, so an interface reading only the form honours ts', async () => {
		sandbox().state.settings.routingParameters = 'body';

		const result = await runDirecto(
			sandbox(),
			getAll({ filters: { changedSince: '2024-01-16T12:00:00', includeClosed: true } }),
		);

		expect(sandbox().state.callsFor('get')).toEqual([
			expect.objectContaining({ routingIn: 'body', keyIn: 'body', answer: 'records' }),
		]);
		expect(sandbox().state.callsFor('get')[0].params).toEqual({ get: '1', what: 'customer', ts: '16.01.2024' });
		expect(result.json('Directo').map((item) => item.code)).toEqual(['K1003']);
	});

	it('converts a Changed Since with an offset into Directo time', async () => {
		const result = await runDirecto(
			sandbox(),
			getAll({ filters: { changedSince: '2024-01-16T06:00:00Z' } }),
		);

		// 06:00 UTC is 08:00 in Tallinn in winter: K1002 changed exactly then
		expect(result.json('Directo').map((item) => item.code)).toEqual(['K1002']);
	});

	it('sends ts with a time of day when the credential says Directo honours it', async () => {
		await runDirecto(sandbox(), getAll({ filters: { changedSince: '2024-01-16T12:00:00' } }), {
			credentials: { changedSinceFormat: 'dateTime' },
		});

		expect(sandbox().state.callsFor('get')[0].params.ts).toBe('2024-01-16 12:00:00');
	});

	it('filters by class, case-insensitively, after reading', async () => {
		const result = await runDirecto(
			sandbox(),
			getAll({ filters: { classes: 'vip, PARTNER', includeClosed: true } }),
		);

		expect(result.json('Directo').map((item) => item.code)).toEqual(['K1002', 'K1003']);
	});

	it('sends closed=0 to Directo only when the credential says Directo filters', async () => {
		await runDirecto(sandbox(), getAll(), { credentials: { sendFilters: true } });
		await runDirecto(sandbox(), getAll());

		expect(sandbox().state.callsFor('get').map((call) => call.params.closed)).toEqual([
			'0',
			undefined,
		]);
	});

	it('stops reading once the limit is reached and closes the answer early', async () => {
		sandbox().state.reset();
		sandbox().state.generateCustomers(50_000);

		const result = await runDirecto(sandbox(), {
			resource: 'customer',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
		});

		expect(result.json('Directo').map((item) => item.code)).toEqual([
			'G000001',
			'G000002',
			'G000003',
		]);
		// the sandbox counts the records only when it wrote the whole answer
		expect(sandbox().state.callsFor('get')[0].records).toBeUndefined();
	});

	it('links every record to its input item', async () => {
		const result = await runDirecto(sandbox(), getAll());

		expect(result.items('Directo').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
		]);
	});

	it('rejects a Changed Since that is not a date', async () => {
		const result = await runDirecto(sandbox(), getAll({ filters: { changedSince: 'last week' } }));

		expect(result.error?.message).toBe('"Changed Since" is not a date: last week');
	});
});
