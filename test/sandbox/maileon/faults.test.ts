import { contactsXml, useMaileonClient } from './fixtures';
import { childText } from './xml';

const syncQuery = {
	sync_mode: 1,
	ignore_invalid_contacts: true,
	reimport_unsubscribed_contacts: false,
};

describe('Maileon sandbox fault injection', () => {
	const { sandbox, call } = useMaileonClient();
	const syncBatch = (batch: number) =>
		call('POST', '/contacts', {
			query: syncQuery,
			body: contactsXml(
				Array.from({ length: 10 }, (_, i) => ({ email: `b${batch}c${i}@example.org` })),
			),
		});

	it('answers 429 with Retry-After and an XML error body', async () => {
		sandbox().faults.set({ kinds: ['429'], retryAfterSeconds: 3, times: 1 });

		const limited = await call('GET', '/ping');
		const next = await call('GET', '/ping');

		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('3');
		expect(childText(limited.xml(), 'message')).toBe('Injected fault 429');
		expect(next.status).toBe(200);
	});

	it('answers 503 to the bulk sync only, leaving the store untouched', async () => {
		sandbox().faults.set({ kinds: ['503'], match: (req) => req.route === 'POST /1.0/contacts' });

		const write = await syncBatch(0);
		const read = await call('GET', '/contacts/count');

		expect([write.status, read.status]).toEqual([503, 200]);
		expect(sandbox().state.listContacts()).toEqual([]);
	});

	it('drops the connection of a faulted request', async () => {
		sandbox().faults.set({ kinds: ['drop'], times: 1 });

		await expect(call('GET', '/ping')).rejects.toThrow('fetch failed');
		expect((await call('GET', '/ping')).status).toBe(200);
	});

	it('writes the first k batches and fails the rest with failAfter(k)', async () => {
		sandbox().faults.failAfter(2, { match: (req) => req.route === 'POST /1.0/contacts' });

		const statuses: number[] = [];
		for (let batch = 0; batch < 4; batch++) statuses.push((await syncBatch(batch)).status);

		expect(statuses).toEqual([200, 200, 500, 500]);
		expect(sandbox().state.listContacts()).toHaveLength(20);
		expect(sandbox().log.count((e) => e.fault === '500')).toBe(2);
	});

	it('checks the key before injecting faults', async () => {
		sandbox().faults.set({ kinds: ['503'] });

		expect((await call('GET', '/ping', { authorization: null })).status).toBe(401);
	});

	it('keeps the key out of the log of faulted requests', async () => {
		sandbox().faults.set({ kinds: ['429', '503'], rate: 0.5, seed: 3 });

		for (let i = 0; i < 6; i++) await call('GET', '/ping');

		expect(JSON.stringify(sandbox().log.entries)).not.toContain(
			sandbox().authorization().slice('Basic '.length),
		);
		expect(sandbox().log.count((e) => e.fault !== undefined)).toBeGreaterThan(0);
	});
});
