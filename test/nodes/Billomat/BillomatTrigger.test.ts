import type { IDataObject } from 'n8n-workflow';

import { PollHarness } from '../../harness/poll';
import { runWorkflow } from '../../harness/workflow';
import { pageQuery, pollTrigger, requestsTo, START, triggerWorkflow, useBillomatSandbox } from './helpers';

const json = PollHarness.json;
const events = (result: Awaited<ReturnType<PollHarness['poll']>>) =>
	json(result).map((item) => [item.event, item.id]);

describe('Billomat Trigger', () => {
	const { sandbox } = useBillomatSandbox();

	beforeEach(() => {
		sandbox().state.seedClients([
			{ name: 'A', email: 'a@example.org' },
			{ name: 'B', email: 'b@example.org' },
		]);
	});

	/** A trigger past its first poll, which stored the cursor and emitted nothing. */
	async function startedTrigger(parameters: IDataObject = {}): Promise<PollHarness> {
		const trigger = pollTrigger(sandbox(), parameters);
		await trigger.poll();
		return trigger;
	}

	/** The next poll emits `expected`, the one after it nothing: every change comes exactly once. */
	async function expectEmittedOnce(trigger: PollHarness, expected: string[][]): Promise<void> {
		expect(events(await trigger.poll())).toEqual(expected);
		expect(await trigger.poll()).toBeNull();
	}

	/** Moves the sandbox clock on and changes a client there, as a user in Billomat would. */
	function edit(id: number, fields: IDataObject, at: number): void {
		sandbox().state.clock.set(at);
		sandbox().state.updateClient(id, fields);
	}

	it('stores Billomat\'s newest id and stamp on the first poll and emits nothing', async () => {
		const trigger = pollTrigger(sandbox());

		expect(await trigger.poll()).toBeNull();
		expect(trigger.nodeStaticData).toEqual({
			version: 1,
			detection: 'updated',
			lastId: 2,
			lastUpdated: START,
			boundaryIds: ['1', '2'],
			fingerprints: {},
		});
	});

	it('reads all clients in pages of 1000, as Billomat has no changed-since filter', async () => {
		await pollTrigger(sandbox()).poll();

		expect(requestsTo(sandbox(), 'GET', '/clients').map((entry) => entry.query)).toEqual([pageQuery(1)]);
	});

	it('returns the newest client as a sample in manual mode and leaves the cursor alone', async () => {
		const trigger = pollTrigger(sandbox());

		const sample = await trigger.poll({ mode: 'manual' });

		expect(events(sample)).toEqual([['newClient', '2']]);
		expect(json(sample)[0]).toMatchObject({ name: 'B', archived: false });
		expect(trigger.nodeStaticData).toEqual({});
		expect(requestsTo(sandbox(), 'GET', '/clients')[0].query).toEqual({ per_page: '1', page: '1', order_by: 'id DESC' });
	});

	it('fetches the sample through n8n\'s engine when the trigger starts a manual execution', async () => {
		const result = await runWorkflow(triggerWorkflow, {
			credentials: { billomatApi: sandbox().credentials() },
			startNode: 'Billomat Trigger',
		});

		expect(result.json('Billomat Trigger').map((item) => [item.event, item.id])).toEqual([['newClient', '2']]);
		expect(result.staticData).toEqual({});
	});

	it('does not move an existing cursor in manual mode', async () => {
		const trigger = await startedTrigger();
		const before = JSON.stringify(trigger.nodeStaticData);
		sandbox().state.seedClients([{ name: 'C' }]);

		await trigger.poll({ mode: 'manual' });

		expect(JSON.stringify(trigger.nodeStaticData)).toBe(before);
		expect(events(await trigger.poll())).toEqual([['newClient', '3']]);
	});

	it('emits new and changed clients once each, and nothing when nothing changed', async () => {
		const trigger = await startedTrigger();
		edit(1, { city: 'Kiel' }, START + 60_000);
		sandbox().state.seedClients([{ name: 'C', email: 'c@example.org' }]);

		await expectEmittedOnce(trigger, [
			['updatedClient', '1'],
			['newClient', '3'],
		]);
	});

	it('emits a client changed in the same second as the cursor once, without repeating the one already emitted', async () => {
		const trigger = await startedTrigger();
		edit(1, { city: 'Kiel' }, START + 60_000);
		expect(events(await trigger.poll())).toEqual([['updatedClient', '1']]);
		// a write stamped with the same second, visible only now
		edit(2, { city: 'Bonn' }, START + 60_000);

		expect(events(await trigger.poll())).toEqual([['updatedClient', '2']]);
		expect(trigger.nodeStaticData).toMatchObject({ lastUpdated: START + 60_000, boundaryIds: ['1', '2'] });
	});

	it('takes the cursor from Billomat\'s stamps, not from n8n\'s clock', async () => {
		const trigger = await startedTrigger();
		edit(2, { city: 'Bonn' }, Date.UTC(2030, 0, 1));

		await trigger.poll();

		expect(trigger.nodeStaticData.lastUpdated).toBe(Date.UTC(2030, 0, 1));
	});

	it('emits only the chosen events but still moves past the others', async () => {
		const trigger = await startedTrigger({ events: ['newClient'] });
		edit(1, { city: 'Kiel' }, START + 60_000);

		expect(await trigger.poll()).toBeNull();
		sandbox().state.seedClients([{ name: 'C' }]);
		expect(events(await trigger.poll())).toEqual([['newClient', '3']]);
	});

	it('keeps the cursor when a poll fails halfway, so the next poll emits every change exactly once', async () => {
		sandbox().state.generateClients(2500, (index) => ({ name: `Client ${index}` }));
		const trigger = await startedTrigger();
		const cursor = JSON.stringify(trigger.nodeStaticData);
		edit(5, { city: 'Kiel' }, START + 60_000);
		edit(2400, { city: 'Bonn' }, START + 60_000);
		sandbox().faults.set({ kinds: ['500'], match: (request) => request.query.page === '2' });

		await expect(trigger.poll()).rejects.toThrow('Billomat answered with a server error (500): Injected fault 500');
		expect(JSON.stringify(trigger.nodeStaticData)).toBe(cursor);

		sandbox().faults.clear();
		await expectEmittedOnce(trigger, [
			['updatedClient', '5'],
			['updatedClient', '2400'],
		]);
	});

	it('stops before the poll budget runs out instead of waiting for the next rate-limit window', async () => {
		const trigger = await startedTrigger();
		sandbox().state.spendQuota(300);

		await expect(trigger.poll({ budgetMs: 60_000 })).rejects.toThrow(
			"Billomat's rate limit allows the next request at 2025-06-02T10:15:01.000Z",
		);
		expect(trigger.nodeStaticData.lastId).toBe(2);
	});

	it('waits for the window when the poll budget allows it', async () => {
		const trigger = await startedTrigger();
		sandbox().state.spendQuota(300);
		sandbox().state.seedClients([{ name: 'C' }]);

		expect(events(await trigger.poll({ budgetMs: 30 * 60_000 }))).toEqual([['newClient', '3']]);
		expect(sandbox().log.count((entry) => entry.status === 429)).toBe(1);
	});

	describe('without "updated" stamps', () => {
		beforeEach(() => {
			sandbox().state.settings.clientsHaveUpdated = false;
		});

		it('falls back to a digest of the newsletter fields per client', async () => {
			const trigger = pollTrigger(sandbox());
			await trigger.poll();

			expect(trigger.nodeStaticData).toMatchObject({ detection: 'fingerprint', lastId: 2 });
			expect(Object.keys(trigger.nodeStaticData.fingerprints as IDataObject)).toEqual(['1', '2']);
		});

		it('emits changes of newsletter fields only, new clients, and forgets deleted ones', async () => {
			const trigger = await startedTrigger();
			edit(1, { phone: '0431 123' }, START + 60_000);
			edit(2, { email: 'b2@example.org' }, START + 60_000);
			sandbox().state.seedClients([{ name: 'C' }]);
			sandbox().state.deleteClient(1);

			expect(events(await trigger.poll())).toEqual([
				['updatedClient', '2'],
				['newClient', '3'],
			]);
			expect(Object.keys(trigger.nodeStaticData.fingerprints as IDataObject)).toEqual(['2', '3']);
		});
	});

	it('starts over without emitting when the change detection is switched', async () => {
		const trigger = await startedTrigger();
		const switched = pollTrigger(sandbox(), { options: { changeDetection: 'fingerprint' } });
		Object.assign(switched.nodeStaticData, trigger.nodeStaticData);

		expect(await switched.poll()).toBeNull();
		expect(switched.nodeStaticData.detection).toBe('fingerprint');
	});

	it('refuses to poll without an event', async () => {
		await expect(pollTrigger(sandbox(), { events: [] }).poll()).rejects.toThrow('No event selected');
	});
});
