import { startDirectoSandbox } from '../../../sandbox/directo';
import { useSandbox } from '../../../sandbox/framework/lifecycle';
import { customer, runDirecto } from '../helpers';

describe('Directo customer Get', () => {
	const sandbox = useSandbox(startDirectoSandbox);

	beforeEach(() => {
		sandbox().state.addCustomers([customer('K1001'), customer('K1002'), customer('K1003')]);
	});

	it('returns the customer with the code, one item per input item', async () => {
		const result = await runDirecto(
			sandbox(),
			{ resource: 'customer', operation: 'get', code: '={{ $json.code }}' },
			{ input: [{ code: 'K1002' }, { code: 'K1003' }] },
		);

		expect(result.items('Directo').map((item) => [item.json.code, item.pairedItem])).toEqual([
			['K1002', { item: 0 }],
			['K1003', { item: 1 }],
		]);
	});

	it('finds the customer also when Directo ignores the code filter', async () => {
		sandbox().state.settings.customerFilters = [];

		const result = await runDirecto(
			sandbox(),
			{ resource: 'customer', operation: 'get', code: 'K1003' },
			{ credentials: { sendFilters: true } },
		);

		expect(sandbox().state.callsFor('get')[0].params.code).toBe('K1003');
		expect(result.json('Directo').map((item) => item.code)).toEqual(['K1003']);
	});

	it('fails with a clear message for an unknown code', async () => {
		const result = await runDirecto(sandbox(), {
			resource: 'customer',
			operation: 'get',
			code: 'K9999',
		});

		expect(result.error?.message).toBe('Directo has no customer with code "K9999"');
	});

	it('turns an unknown code into an error item linked to its input when the node continues on fail', async () => {
		const result = await runDirecto(
			sandbox(),
			{ resource: 'customer', operation: 'get', code: '={{ $json.code }}' },
			{ input: [{ code: 'K9999' }, { code: 'K1001' }], continueOnFail: true },
		);

		expect(
			result.items('Directo').map((item) => [item.json.error ?? item.json.code, item.pairedItem]),
		).toEqual([
			['Directo has no customer with code "K9999"', { item: 0 }],
			['K1001', { item: 1 }],
		]);
	});
});
