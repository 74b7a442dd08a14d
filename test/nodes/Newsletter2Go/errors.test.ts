import { closedPort } from '../../harness/network';
import { useNewsletter2GoSandbox } from '../../sandbox/newsletter2go/testing';
import { byId, runError, runNode } from './helpers';

/**
 * Runs `start` with fake timers and moves them on by a second whenever the event loop is idle, so the
 * retry waits of the node pass at once while sockets keep working in real time.
 */
async function withFastRetries<T>(start: () => Promise<T>): Promise<T> {
	jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
	let settled = false;
	const running = start().finally(() => {
		settled = true;
	});
	while (!settled) {
		await new Promise((resolve) => setImmediate(resolve));
		jest.advanceTimersByTime(1000);
	}
	return await running;
}

describe('Newsletter2Go errors', () => {
	// before the sandbox's own hook, so that it closes with real timers
	afterEach(() => {
		jest.useRealTimers();
	});
	const { sandbox } = useNewsletter2GoSandbox();

	const get = (listId: string, options: Parameters<typeof runNode>[2] = {}) =>
		runNode(sandbox(), { resource: 'recipient', operation: 'get', list: byId(listId), email: 'anna@example.org' }, options);

	it('names the missing object on a 404 and passes Newsletter2Go\'s message on', async () => {
		const result = await get('zzzzzzzz');

		expect(runError(result)).toEqual({
			message: 'Newsletter2Go could not find the requested object (404): List zzzzzzzz not found (code 404)',
			description: 'Check the ID, email or list given to the node.',
		});
	});

	it('names host and socket error and points at the base URL and proxies when nothing answers', async () => {
		const port = await closedPort();

		const result = await withFastRetries(() => get('abcdefgh', { credentials: { baseUrl: `http://127.0.0.1:${port}` } }));

		expect(runError(result)).toEqual({
			message: `Could not connect to 127.0.0.1:${port} (ECONNREFUSED)`,
			description:
				'Nothing accepted the connection at that address and port. Check the base URL in the credential, and any proxy (HTTP_PROXY / HTTPS_PROXY on the n8n host) or firewall between n8n and the service.',
		});
	});

	it('answers a 5xx that persists with a server-error message after retrying', async () => {
		sandbox().faults.set({ kinds: ['500'], match: (request) => request.path !== '/oauth/v2/token' });

		const result = await withFastRetries(() => get(sandbox().state.defaultListId));

		expect(runError(result).message).toBe('Newsletter2Go answered with a server error (500): Injected fault 500 (code 500)');
		expect(sandbox().log.count((entry) => entry.status === 500)).toBe(6);
	});
});
