import { request as httpRequest, Agent } from 'node:http';

import { startSandbox } from './server';
import type { Sandbox } from './server';
import { jsonResponse, queryValues, textResponse } from './types';
import type { Route } from './types';

const routes: Route[] = [
	{
		method: 'GET',
		path: '/items/:id',
		handler: (req) => jsonResponse(200, { id: req.params.id, tags: queryValues(req.query, 'tag') }),
	},
	{
		method: 'POST',
		path: '/echo',
		handler: (req) => textResponse(200, req.body.toString('utf8')),
	},
	{
		method: 'GET',
		path: '/broken',
		handler: () => {
			throw new Error('state is inconsistent');
		},
	},
];

describe('startSandbox', () => {
	let sandbox: Sandbox<{ hits: number }>;

	beforeEach(async () => {
		sandbox = await startSandbox({ name: 'test', routes, state: { hits: 0 } });
	});

	afterEach(async () => {
		await sandbox.close();
	});

	it('listens on 127.0.0.1 on a free port', () => {
		expect(sandbox.baseUrl).toBe(`http://127.0.0.1:${sandbox.port}`);
		expect(sandbox.port).toBeGreaterThan(0);
	});

	it('returns the given state object', () => {
		sandbox.state.hits++;

		expect(sandbox.state).toEqual({ hits: 1 });
	});

	it('hands path parameters and repeated query parameters to the handler', async () => {
		const response = await fetch(`${sandbox.baseUrl}/items/a%40b?tag=x&tag=y`);

		expect(await response.json()).toEqual({ id: 'a@b', tags: ['x', 'y'] });
	});

	it('logs method, raw path, query, body size, status and route', async () => {
		await fetch(`${sandbox.baseUrl}/echo?mode=1`, { method: 'POST', body: 'hello' });

		expect(sandbox.log.entries).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: '/echo',
				query: { mode: '1' },
				bodyBytes: 5,
				status: 200,
				route: 'POST /echo',
			}),
		]);
		expect(typeof sandbox.log.entries[0].at).toBe('number');
	});

	it('keeps only the scheme of the Authorization header in the log', async () => {
		const secret = Buffer.from('very-secret-key').toString('base64');

		await fetch(`${sandbox.baseUrl}/items/1`, { headers: { Authorization: `Basic ${secret}` } });

		expect(sandbox.log.entries[0].headers.authorization).toBe('Basic ***');
		expect(JSON.stringify(sandbox.log.entries)).not.toContain(secret);
	});

	it('counts log entries by predicate', async () => {
		await fetch(`${sandbox.baseUrl}/items/1`);
		await fetch(`${sandbox.baseUrl}/items/2`);
		await fetch(`${sandbox.baseUrl}/echo`, { method: 'POST', body: '' });

		expect(sandbox.log.count((e) => e.route === 'GET /items/:id')).toBe(2);
		expect(sandbox.log.count()).toBe(3);
	});

	it('answers 404 for an unknown path and 405 with Allow for a wrong method', async () => {
		const missing = await fetch(`${sandbox.baseUrl}/nothing`);
		const wrongMethod = await fetch(`${sandbox.baseUrl}/echo`);

		expect(missing.status).toBe(404);
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.get('allow')).toBe('POST');
	});

	it('answers 500 when a handler throws and keeps the message in the log', async () => {
		const response = await fetch(`${sandbox.baseUrl}/broken`);

		expect(response.status).toBe(500);
		expect(sandbox.log.entries[0].error).toBe('state is inconsistent');
	});

	it('closes even while a keep-alive connection is open', async () => {
		const agent = new Agent({ keepAlive: true });
		await new Promise<void>((resolve, reject) => {
			httpRequest(`${sandbox.baseUrl}/items/1`, { agent }, (res) => {
				res.resume();
				res.on('end', resolve);
			})
				.on('error', reject)
				.end();
		});
		// a keep-alive connection left open would keep close() from resolving
		await expect(sandbox.close()).resolves.toBeUndefined();
		agent.destroy();
	});
});

describe('startSandbox options', () => {
	it('answers 413 to a body above the limit', async () => {
		const sandbox = await startSandbox({ name: 'limit', routes, bodyLimitBytes: 10 });
		try {
			const response = await fetch(`${sandbox.baseUrl}/echo`, {
				method: 'POST',
				body: 'x'.repeat(11),
			});

			expect(response.status).toBe(413);
			expect(sandbox.log.entries[0]).toEqual(
				expect.objectContaining({ status: 413, bodyBytes: 11 }),
			);
		} finally {
			await sandbox.close();
		}
	});

	it('answers 413 to a streamed body without Content-Length above the limit', async () => {
		const sandbox = await startSandbox({ name: 'limit', routes, bodyLimitBytes: 10 });
		try {
			const status = await new Promise<number>((resolve, reject) => {
				const req = httpRequest(`${sandbox.baseUrl}/echo`, { method: 'POST' }, (res) => {
					res.resume();
					resolve(res.statusCode ?? 0);
				});
				req.on('error', reject);
				req.write('x'.repeat(8));
				req.end('y'.repeat(8));
			});

			expect(status).toBe(413);
		} finally {
			await sandbox.close();
		}
	});

	it('adds the fixed latency to each request', async () => {
		const waits: number[] = [];
		const sleep = async (ms: number): Promise<void> => {
			waits.push(ms);
		};
		const sandbox = await startSandbox({ name: 'latency', routes, latencyMs: 120, sleep });
		try {
			await fetch(`${sandbox.baseUrl}/items/1`);

			expect(waits).toEqual([120]);
		} finally {
			await sandbox.close();
		}
	});

	it('does its own work within the latency and answers only once the latency is over', async () => {
		let endLatency = (): void => {};
		const sleep = async (): Promise<void> => await new Promise<void>((resolve) => (endLatency = resolve));
		let handled = false;
		const sandbox = await startSandbox({
			name: 'latency',
			routes: [{ method: 'GET', path: '/work', handler: () => ((handled = true), textResponse(200, 'done')) }],
			latencyMs: 50,
			sleep,
		});
		try {
			let answered = false;
			const response = fetch(`${sandbox.baseUrl}/work`).then(async (res) => {
				answered = true;
				return await res.text();
			});
			for (let turn = 0; turn < 100 && !handled; turn++) await new Promise((resolve) => setImmediate(resolve));

			expect(handled).toBe(true);
			expect(answered).toBe(false);
			endLatency();
			expect(await response).toBe('done');
		} finally {
			await sandbox.close();
		}
	});

	it('serves every request from one handler', async () => {
		const sandbox = await startSandbox({
			name: 'hook',
			handler: (req) => textResponse(202, req.method),
		});
		try {
			const response = await fetch(`${sandbox.baseUrl}/anything`, { method: 'PUT' });

			expect(response.status).toBe(202);
			expect(await response.text()).toBe('PUT');
		} finally {
			await sandbox.close();
		}
	});

	it('keeps request bodies in the log only when asked', async () => {
		const sandbox = await startSandbox({ name: 'bodies', routes, logBodies: true });
		try {
			await fetch(`${sandbox.baseUrl}/echo`, { method: 'POST', body: '<contacts/>' });

			expect(sandbox.log.entries[0].body).toBe('<contacts/>');
		} finally {
			await sandbox.close();
		}
	});

	it('rejects options with both routes and handler', async () => {
		await expect(
			startSandbox({ name: 'both', routes, handler: () => textResponse(200, '') }),
		).rejects.toThrow('Sandbox "both": expected exactly one of `routes` and `handler`.');
	});
});
