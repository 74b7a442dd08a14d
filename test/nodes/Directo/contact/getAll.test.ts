import { startDirectoSandbox } from '../../../sandbox/directo';
import { useSandbox } from '../../../sandbox/framework/lifecycle';
import { runDirecto } from '../helpers';

const mari = {
	code: '11',
	customercode: 'K1001',
	firstname: 'Mari',
	lastname: 'Mets',
	email: 'mari@mets.ee',
	closed: '0',
	ts: '2024-01-15T10:30:00',
};

describe('Directo contact Get Many', () => {
	const sandbox = useSandbox(startDirectoSandbox);

	beforeEach(() => {
		sandbox().state.addContacts([
			mari,
			{
				code: '12',
				customercode: 'K1002',
				firstname: 'Jaan',
				lastname: 'Tamm',
				email: 'jaan@tamm.ee',
				closed: '0',
				ts: '2024-01-16T10:30:00',
			},
			{
				code: '13',
				customercode: 'K1001',
				name: 'Old Contact',
				email: 'old@mets.ee',
				closed: '1',
				ts: '2024-01-17T10:30:00',
			},
		]);
	});

	it('returns the open contacts of a customer', async () => {
		const result = await runDirecto(sandbox(), {
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { customerCode: 'K1001' },
		});

		expect(result.json('Directo')).toEqual([{ ...mari, datafields: {} }]);
		expect(sandbox().state.callsFor('get')[0].what).toBe('contact');
	});

	it('returns up to the limit, closed ones included when asked', async () => {
		const result = await runDirecto(sandbox(), {
			resource: 'contact',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
			filters: { includeClosed: true, changedSince: '2024-01-16T00:00:00' },
		});

		expect(result.json('Directo').map((item) => item.code)).toEqual(['12', '13']);
	});
});
