import { recordSleeps, type RecordedSleeps } from '../../../harness/sleep';
import { TOKEN_PATH } from '../../../sandbox/newsletter2go';
import { useNewsletter2GoSandbox } from '../../../sandbox/newsletter2go/testing';
import { byId, runNode } from '../helpers';

describe('Newsletter2Go login under a rate limit', () => {
	let sleeps: RecordedSleeps;
	beforeEach(() => {
		sleeps = recordSleeps();
	});
	afterEach(() => sleeps.restore());
	const { sandbox } = useNewsletter2GoSandbox();

	it.each(['429', '503'] as const)('waits as long as the Retry-After of a %s login asks, then logs in', async (kind) => {
		sandbox().faults.set({ kinds: [kind], times: 1, retryAfterSeconds: 7, match: (request) => request.path === TOKEN_PATH });

		const result = await runNode(sandbox(), { resource: 'recipient', operation: 'getAll', list: byId(sandbox().state.defaultListId), returnAll: true });

		expect(result.status).toBe('success');
		expect(sleeps.waits).toEqual([7000]);
		expect(sandbox().state.grants).toEqual(['password']);
	});
});
