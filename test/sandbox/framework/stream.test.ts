import { startSandbox } from './server';
import type { Sandbox } from './server';

async function* chunks(count: number, fail = false): AsyncGenerator<string> {
	for (let i = 0; i < count; i++) yield `chunk ${i};`;
	if (fail) throw new Error('source broke');
}

describe('startSandbox with a streamed body', () => {
	let sandbox: Sandbox<undefined>;
	let failing = false;

	beforeEach(async () => {
		failing = false;
		sandbox = await startSandbox({
			name: 'stream',
			handler: () => ({
				status: 200,
				headers: { 'content-type': 'text/plain' },
				body: chunks(3, failing),
			}),
		});
	});

	afterEach(async () => {
		await sandbox.close();
	});

	it('sends an async iterable body chunk by chunk, without Content-Length', async () => {
		const response = await fetch(sandbox.baseUrl);

		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('transfer-encoding')).toBe('chunked');
		expect(await response.text()).toBe('chunk 0;chunk 1;chunk 2;');
		expect(sandbox.log.entries[0]).toMatchObject({ status: 200 });
	});

	it('cuts the connection when the stream throws, and logs why', async () => {
		failing = true;

		await expect(fetch(sandbox.baseUrl).then((response) => response.text())).rejects.toThrow();
		expect(sandbox.log.entries[0]).toMatchObject({ status: 200, error: 'source broke' });
	});
});
