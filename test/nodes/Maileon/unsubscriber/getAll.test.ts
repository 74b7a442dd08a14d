import type { IDataObject } from 'n8n-workflow';

import { SandboxClock } from '../../../sandbox/framework/clock';
import { requestsTo, runMaileon, useMaileonSandbox } from '../helpers';

const GET_ALL = { resource: 'unsubscriber', operation: 'getAll' };
const MAY_1 = Date.UTC(2024, 4, 1);
const HOUR = 60 * 60 * 1000;

describe('Maileon Get Many unsubscribers', () => {
	const { sandbox } = useMaileonSandbox({ clock: new SandboxClock(MAY_1) });

	/** Unsubscribes one new contact per time, in order. */
	function unsubscribeAt(times: readonly number[]): void {
		times.forEach((time, index) => {
			sandbox().state.clock.set(time);
			sandbox().state.seedContacts([
				{ email: `person${index}@example.org`, externalId: `K-${index}` },
			]);
			sandbox().state.unsubscribe(`person${index}@example.org`);
		});
	}

	function getAll(parameters: IDataObject) {
		return runMaileon(sandbox(), {
			...GET_ALL,
			fromDate: '2024-05-01T00:00:00Z',
			toDate: '2024-05-02T00:00:00Z',
			...parameters,
		});
	}

	it('asks for the window in epoch milliseconds', async () => {
		await getAll({});

		expect(requestsTo(sandbox(), 'GET', '/reports/unsubscriptions')[0].query).toMatchObject({
			from_date: String(MAY_1),
			to_date: String(MAY_1 + 24 * HOUR),
		});
	});

	it('returns the unsubscriptions inside the window, its end excluded', async () => {
		unsubscribeAt([MAY_1 - 1, MAY_1, MAY_1 + 23 * HOUR, MAY_1 + 24 * HOUR]);

		const result = await getAll({ returnAll: true });

		expect(result.items('Maileon')).toEqual([
			{
				json: {
					email: 'person1@example.org',
					externalId: 'K-1',
					contactId: '1002',
					timestamp: '2024-05-01 00:00:00',
					source: 'link',
				},
				pairedItem: { item: 0 },
			},
			{
				json: expect.objectContaining({
					email: 'person2@example.org',
					timestamp: '2024-05-01 23:00:00',
				}),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('reads every page with Return All', async () => {
		unsubscribeAt(Array.from({ length: 1200 }, (_, index) => MAY_1 + index * 1000));

		const result = await getAll({ returnAll: true });

		expect(result.items('Maileon')).toHaveLength(1200);
		expect(
			requestsTo(sandbox(), 'GET', '/reports/unsubscriptions').map(
				(entry) => entry.query.page_index,
			),
		).toEqual(['1', '2']);
	});

	it('asks for no more than the limit', async () => {
		unsubscribeAt([MAY_1, MAY_1 + 1000, MAY_1 + 2000, MAY_1 + 3000]);

		const result = await getAll({ limit: 3 });

		expect(result.items('Maileon')).toHaveLength(3);
		expect(
			requestsTo(sandbox(), 'GET', '/reports/unsubscriptions').map(
				(entry) => entry.query.page_size,
			),
		).toEqual(['3']);
	});

	it('refuses a window that ends before it starts', async () => {
		const result = await getAll({
			fromDate: '2024-05-02T00:00:00Z',
			toDate: '2024-05-01T00:00:00Z',
		});

		expect(result.error?.message).toBe('The time window is invalid');
		expect(sandbox().log.size).toBe(0);
	});
});
