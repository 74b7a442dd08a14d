import type { INodeParameters } from 'n8n-workflow';

import { PollHarness } from '../../harness/poll';
import type { WorkflowJson } from '../../harness/workflow';
import { SandboxClock } from '../../sandbox/framework/clock';
import { startDirectoSandbox, type DirectoSandbox } from '../../sandbox/directo';
import { customer, DIRECTO_TRIGGER, directoCredentials } from './helpers';

function triggerWorkflow(parameters: INodeParameters): WorkflowJson {
	return {
		name: 'Directo Trigger (test)',
		nodes: [
			{
				id: 't1',
				name: 'Directo Trigger',
				type: DIRECTO_TRIGGER,
				typeVersion: 1,
				position: [0, 0],
				parameters,
			},
		],
		connections: {},
	};
}

const codes = (result: Awaited<ReturnType<PollHarness['poll']>>) =>
	PollHarness.json(result).map((item) => `${item.code}@${item.ts}`);

describe('Directo Trigger', () => {
	let sandbox: DirectoSandbox;
	let clock: SandboxClock;

	beforeEach(async () => {
		clock = new SandboxClock(Date.UTC(2024, 0, 20, 9, 0, 0));
		sandbox = await startDirectoSandbox({ clock });
		sandbox.state.addCustomers([
			customer('K1', { ts: '2024-01-15T10:00:00' }),
			customer('K2', { ts: '2024-01-19T16:30:00', class: 'VIP' }),
		]);
	});

	afterEach(async () => {
		await sandbox.close();
	});

	function harness(parameters: INodeParameters = {}): PollHarness {
		return new PollHarness(triggerWorkflow({ watch: 'customer', ...parameters }), {
			credentials: directoCredentials(sandbox),
			nodeName: 'Directo Trigger',
		});
	}

	it('stores the newest ts Directo returned on the first poll and emits nothing', async () => {
		const trigger = harness();

		expect(await trigger.poll()).toBeNull();
		expect(trigger.nodeStaticData).toMatchObject({ cursor: '2024-01-19T16:30:00', primed: true });
		expect(sandbox.state.callsFor('get')[0].params.ts).toBeUndefined();
	});

	it('emits every change exactly once across polls', async () => {
		const trigger = harness();
		await trigger.poll();

		clock.set(Date.UTC(2024, 0, 20, 10, 0, 0));
		sandbox.state.change('customer', 'K1', { datafields: { OPTIN: ['no', '20.01.2024'] } });
		sandbox.state.addCustomers([customer('K3', { ts: undefined })]);
		const second = await trigger.poll();
		const third = await trigger.poll();
		clock.set(Date.UTC(2024, 0, 20, 11, 0, 0));
		sandbox.state.change('customer', 'K1', { attributes: { name: 'Renamed' } });
		const fourth = await trigger.poll();

		expect(codes(second)).toEqual(['K1@2024-01-20T10:00:00', 'K3@2024-01-20T10:00:00']);
		expect(third).toBeNull();
		expect(codes(fourth)).toEqual(['K1@2024-01-20T11:00:00']);
		expect(sandbox.state.callsFor('get').map((call) => call.params.ts)).toEqual([
			undefined,
			'18.01.2024',
			'19.01.2024',
			'19.01.2024',
		]);
	});

	it('emits a change that lands inside the overlap window after a poll, once', async () => {
		const trigger = harness();
		await trigger.poll();

		// written during the last poll but visible only now, with a ts older than the cursor
		sandbox.state.addCustomers([customer('K4', { ts: '2024-01-19T16:29:00' })]);
		const second = await trigger.poll();
		const third = await trigger.poll();

		expect(codes(second)).toEqual(['K4@2024-01-19T16:29:00']);
		expect(third).toBeNull();
	});

	it('keeps the cursor at the newest ts from Directo, not at the n8n clock', async () => {
		const trigger = harness();
		await trigger.poll();
		clock.set(Date.UTC(2024, 0, 25, 8, 0, 0));

		await trigger.poll();

		expect(trigger.nodeStaticData.cursor).toBe('2024-01-19T16:30:00');
	});

	it('returns one card in manual mode and leaves the cursor alone', async () => {
		const trigger = harness();
		await trigger.poll();
		const before = JSON.stringify(trigger.nodeStaticData);
		sandbox.state.addCustomers([customer('K5', { ts: '2024-01-20T08:00:00' })]);

		const sample = await trigger.poll({ mode: 'manual' });

		expect(PollHarness.json(sample)).toHaveLength(1);
		expect(JSON.stringify(trigger.nodeStaticData)).toBe(before);
		expect(codes(await trigger.poll())).toEqual(['K5@2024-01-20T08:00:00']);
	});

	it('leaves the cursor where it was when a poll fails', async () => {
		const trigger = harness();
		await trigger.poll();
		const before = JSON.stringify(trigger.nodeStaticData);
		sandbox.state.addCustomers([customer('K6', { ts: '2024-01-20T08:00:00' })]);
		sandbox.state.injectAnswer({ kind: 'truncated', bytes: 100 });

		await expect(trigger.poll()).rejects.toThrow(
			"Directo's answer ended in the middle of the document",
		);
		expect(JSON.stringify(trigger.nodeStaticData)).toBe(before);
		expect(codes(await trigger.poll())).toEqual(['K6@2024-01-20T08:00:00']);
	});

	it('emits only the classes asked for and leaves out closed cards when asked', async () => {
		const trigger = harness({ filters: { classes: 'VIP', includeClosed: false } });
		await trigger.poll();

		clock.set(Date.UTC(2024, 0, 20, 10, 0, 0));
		sandbox.state.change('customer', 'K1', { attributes: { class: 'VIP' } });
		sandbox.state.change('customer', 'K2', { attributes: { closed: '1' } });
		sandbox.state.addCustomers([customer('K7', { class: 'KLIENT', ts: undefined })]);

		expect(codes(await trigger.poll())).toEqual(['K1@2024-01-20T10:00:00']);
	});

	it('watches contacts', async () => {
		sandbox.state.addContacts([{ code: '11', email: 'mari@mets.ee', ts: '2024-01-15T10:00:00' }]);
		const trigger = harness({ watch: 'contact' });
		await trigger.poll();
		clock.set(Date.UTC(2024, 0, 20, 10, 0, 0));
		sandbox.state.change('contact', '11', { attributes: { phone: '+372 5' } });

		expect(codes(await trigger.poll())).toEqual(['11@2024-01-20T10:00:00']);
		expect(sandbox.state.callsFor('get').every((call) => call.what === 'contact')).toBe(true);
	});
});
