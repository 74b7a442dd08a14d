import type { FaultRequest } from '../../../sandbox/framework/faults';
import { retryWaits } from '../../../harness/sleep';
import { contactItem, requestsTo, runMaileon, useMaileonSandbox } from '../helpers';

const SYNC = { resource: 'contact', operation: 'syncMany', setMarker: false };
const isSync = (request: FaultRequest) =>
	request.method === 'POST' && request.path === '/1.0/contacts';

describe('Maileon Synchronize Many retries', () => {
	const { sandbox, sleeps } = useMaileonSandbox();

	it('waits as long as a 429 Retry-After asks and sends the batch again', async () => {
		sandbox().faults.set({ kinds: ['429'], times: 2, retryAfterSeconds: 7, match: isSync });

		await runMaileon(sandbox(), SYNC, { input: [contactItem('anna@example.org')] });

		expect(requestsTo(sandbox(), 'POST', '/contacts').map((entry) => entry.status)).toEqual([
			429, 429, 200,
		]);
		expect(retryWaits(sleeps())).toEqual([7000, 7000]);
		expect(sandbox().state.getContact('anna@example.org')).toBeDefined();
	});

	it('counts the repeated requests in the report', async () => {
		sandbox().faults.set({ kinds: ['429'], times: 2, retryAfterSeconds: 1, match: isSync });

		const result = await runMaileon(sandbox(), SYNC, { input: [contactItem('anna@example.org')] });

		expect(result.json('Maileon', 0)[0].counts).toMatchObject({ created: 1, retried: 2 });
	});
});
