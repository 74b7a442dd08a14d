import { useSandbox } from '../framework/lifecycle';
import { callDirecto } from './testing';
import { startDirectoSandbox } from './server';

const read = { query: { get: '1', what: 'customer' } };

describe('Directo sandbox: faults on demand', () => {
	const sandbox = useSandbox(() => startDirectoSandbox({ settings: { chunkBytes: 1024 } }));

	beforeEach(() => {
		sandbox().state.generateCustomers(200);
	});

	it.each([
		['an empty body', { kind: 'empty' } as const, ''],
		['a login page', { kind: 'html' } as const, '<html><body><h1>Directo</h1>'],
		[
			'an error document',
			{ kind: 'error', xml: '<err>database is locked</err>' } as const,
			'<err>database is locked</err>',
		],
		['a DOCTYPE with entities', { kind: 'doctype' } as const, '<!DOCTYPE transport ['],
	])('answers %s once, then normally', async (_name, fault, expected) => {
		sandbox().state.injectAnswer(fault);

		const faulted = await callDirecto(sandbox(), read);
		const next = await callDirecto(sandbox(), read);

		expect(faulted.text.startsWith(expected) || faulted.text.includes(expected)).toBe(true);
		expect(next.text).toContain('</transport>');
	});

	it('cuts the document after the given bytes but ends the response normally', async () => {
		sandbox().state.injectAnswer({ kind: 'truncated', bytes: 1500 });

		const response = await callDirecto(sandbox(), read);

		expect(response.status).toBe(200);
		expect(Buffer.byteLength(response.text)).toBe(1500);
	});

	it('drops the connection in the middle of the body', async () => {
		sandbox().state.injectAnswer({ kind: 'dropMidBody' });

		await expect(callDirecto(sandbox(), read)).rejects.toThrow();
	});

	it('injects HTTP faults through the framework', async () => {
		sandbox().faults.set({ kinds: ['503'], times: 1 });

		const faulted = await callDirecto(sandbox(), read);
		const next = await callDirecto(sandbox(), read);

		expect([faulted.status, next.status]).toEqual([503, 200]);
	});
});
