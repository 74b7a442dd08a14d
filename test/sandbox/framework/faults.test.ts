import { FaultController } from './faults';
import type { FaultRequest } from './faults';
import { startSandbox } from './server';
import type { Sandbox } from './server';
import { textResponse } from './types';

const anyRequest: FaultRequest = { method: 'GET', path: '/x', query: {}, headers: {} };

describe('fault injection over HTTP', () => {
	let sandbox: Sandbox<undefined>;
	let waits: number[];

	beforeEach(async () => {
		waits = [];
		sandbox = await startSandbox({
			name: 'faults',
			sleep: async (ms) => {
				waits.push(ms);
			},
			routes: [
				{ method: 'GET', path: '/ok', handler: () => textResponse(200, 'ok') },
				{ method: 'POST', path: '/write', handler: () => textResponse(201, 'written') },
			],
		});
	});

	afterEach(async () => {
		await sandbox.close();
	});

	it('answers 429 with Retry-After in seconds', async () => {
		sandbox.faults.set({ kinds: ['429'], retryAfterSeconds: 7 });

		const response = await fetch(`${sandbox.baseUrl}/ok`);

		expect(response.status).toBe(429);
		expect(response.headers.get('retry-after')).toBe('7');
	});

	it('answers 429 without Retry-After by default', async () => {
		sandbox.faults.set({ kinds: ['429'] });

		const response = await fetch(`${sandbox.baseUrl}/ok`);

		expect(response.status).toBe(429);
		expect(response.headers.get('retry-after')).toBeNull();
	});

	it('sends Retry-After as an HTTP date in the near future', async () => {
		sandbox.faults.set({
			kinds: ['503'],
			retryAfterSeconds: 'http-date',
			httpDateDelaySeconds: 30,
		});

		const before = Date.now();
		const response = await fetch(`${sandbox.baseUrl}/ok`);
		const after = Date.now();
		const retryAt = Date.parse(response.headers.get('retry-after') ?? '');

		expect(response.status).toBe(503);
		// 30 s after the moment the sandbox answered, in whole seconds
		expect(retryAt).toBeGreaterThan(before + 30_000 - 1000);
		expect(retryAt).toBeLessThanOrEqual(after + 30_000);
	});

	it('answers 500 for a 500 fault and logs the fault', async () => {
		sandbox.faults.set({ kinds: ['500'] });

		const response = await fetch(`${sandbox.baseUrl}/ok`);

		expect(response.status).toBe(500);
		expect(sandbox.log.entries[0]).toEqual(expect.objectContaining({ status: 500, fault: '500' }));
	});

	it('destroys the connection without a response on drop', async () => {
		sandbox.faults.set({ kinds: ['drop'] });

		await expect(fetch(`${sandbox.baseUrl}/ok`)).rejects.toThrow('fetch failed');
		expect(sandbox.log.entries[0]).toEqual(expect.objectContaining({ status: 0, fault: 'drop' }));
	});

	it('delays a slow response and then answers normally', async () => {
		sandbox.faults.set({ kinds: ['slow'], slowMs: 150 });

		const response = await fetch(`${sandbox.baseUrl}/ok`);

		expect(response.status).toBe(200);
		expect(waits).toEqual([0, 150]);
	});

	it('faults only the requests the match predicate selects', async () => {
		sandbox.faults.set({ kinds: ['503'], match: (req) => req.route === 'POST /write' });

		const read = await fetch(`${sandbox.baseUrl}/ok`);
		const write = await fetch(`${sandbox.baseUrl}/write`, { method: 'POST' });

		expect([read.status, write.status]).toEqual([200, 503]);
	});

	it('fails every matching request after k with failAfter', async () => {
		sandbox.faults.failAfter(2);
		const statuses: number[] = [];

		for (let i = 0; i < 4; i++) statuses.push((await fetch(`${sandbox.baseUrl}/ok`)).status);

		expect(statuses).toEqual([200, 200, 500, 500]);
	});

	it('stops after `times` faults', async () => {
		sandbox.faults.set({ kinds: ['429'], times: 1 });
		const statuses: number[] = [];

		for (let i = 0; i < 3; i++) statuses.push((await fetch(`${sandbox.baseUrl}/ok`)).status);

		expect(statuses).toEqual([429, 200, 200]);
	});

	it('passes every request again after clear', async () => {
		sandbox.faults.set({ kinds: ['500'] });
		sandbox.faults.clear();

		expect((await fetch(`${sandbox.baseUrl}/ok`)).status).toBe(200);
	});

	it('faults the same requests in two runs with the same seed', async () => {
		const run = async (): Promise<number[]> => {
			sandbox.faults.set({ kinds: ['429', '503'], rate: 0.4, seed: 42 });
			const statuses: number[] = [];
			for (let i = 0; i < 20; i++) statuses.push((await fetch(`${sandbox.baseUrl}/ok`)).status);
			return statuses;
		};

		const first = await run();
		const second = await run();

		expect(second).toEqual(first);
		expect(first.filter((s) => s !== 200).length).toBeGreaterThan(0);
		expect(first.filter((s) => s === 200).length).toBeGreaterThan(0);
	});
});

describe('FaultController', () => {
	it('injects close to `rate` of requests over many draws', () => {
		const faults = new FaultController({ kinds: ['500'], rate: 0.25, seed: 7 });
		let injected = 0;

		for (let i = 0; i < 4000; i++) if (faults.decide(anyRequest)) injected++;

		expect(injected / 4000).toBeGreaterThan(0.22);
		expect(injected / 4000).toBeLessThan(0.28);
	});

	it('gives a different sequence for a different seed', () => {
		const draw = (seed: number): boolean[] => {
			const faults = new FaultController({ kinds: ['500'], rate: 0.5, seed });
			return Array.from({ length: 32 }, () => faults.decide(anyRequest) !== undefined);
		};

		expect(draw(1)).not.toEqual(draw(2));
	});

	it('counts seen and injected requests', () => {
		const faults = new FaultController({ kinds: ['500'], afterRequests: 1 });

		faults.decide(anyRequest);
		faults.decide(anyRequest);

		expect([faults.seen, faults.injected]).toEqual([2, 1]);
	});

	it.each([
		[
			'a rate above 1',
			{ kinds: ['500'] as const, rate: 2 },
			'Expected `rate` to be a number between 0 and 1, got 2.',
		],
		['no kinds', { kinds: [] }, 'Expected `kinds` to be a non-empty array of fault kinds.'],
		[
			'a negative afterRequests',
			{ kinds: ['drop'] as const, afterRequests: -1 },
			'Expected `afterRequests` to be a non-negative number, got -1.',
		],
	])('rejects %s', (_title, spec, message) => {
		expect(() => new FaultController().set(spec)).toThrow(message);
	});
});
