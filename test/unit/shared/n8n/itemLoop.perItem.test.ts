import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { perItem, perItemWithLedger } from '../../../../nodes/shared/n8n/itemLoop';
import type { SuppressionLedger } from '../../../../nodes/shared/suppression';

/** The few methods the item loop uses: static data for the ledger, parameters, hints, and the node for errors. */
function fakeContext(global: IDataObject = {}, suppressionList = 'staticData', hints: unknown[] = []): IExecuteFunctions {
	return {
		getWorkflowStaticData: (type: string) => (type === 'global' ? global : {}),
		getNode: () => ({ name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} }),
		getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) => (name === 'suppressionList' ? suppressionList : fallback),
		getWorkflow: () => ({ id: 'wf1', active: true }),
		getExecutionId: () => 'ex1',
		addExecutionHints: (...added: unknown[]) => hints.push(...added),
		continueOnFail: () => false,
	} as unknown as IExecuteFunctions;
}

const items = (count: number): INodeExecutionData[] => Array.from({ length: count }, () => ({ json: {} }));

describe('perItem', () => {
	it('runs once per item with the node context and links each result to its item', async () => {
		const context = fakeContext();
		const seen: unknown[] = [];
		const handler = perItem(async function (itemIndex) {
			seen.push(this);
			return itemIndex === 1 ? [{ n: 1 }, { n: 1.5 }] : { n: itemIndex };
		});

		const output = await handler.call(context, items(3));

		expect(seen).toEqual([context, context, context]);
		expect(output).toEqual([
			[
				{ json: { n: 0 }, pairedItem: { item: 0 } },
				{ json: { n: 1 }, pairedItem: { item: 1 } },
				{ json: { n: 1.5 }, pairedItem: { item: 1 } },
				{ json: { n: 2 }, pairedItem: { item: 2 } },
			],
		]);
	});
});

describe('perItemWithLedger', () => {
	it('hands every item the same ledger, kept in the global static data', async () => {
		const global: IDataObject = {};
		const ledgers: SuppressionLedger[] = [];
		const handler = perItemWithLedger(async function (itemIndex, ledger) {
			ledgers.push(ledger);
			ledger.add(`person${itemIndex}@example.org`, 1);
			return {};
		});

		await handler.call(fakeContext(global), items(2));

		expect(ledgers[0]).toBe(ledgers[1]);
		expect(ledgers[0].has('Person1@Example.org')).toBe(true);
		expect(Object.keys(global)).toEqual(['suppressionLedger']);
	});

	it('opens the ledger before the first item, also when there is none', async () => {
		const global: IDataObject = {};

		await perItemWithLedger(async () => ({})).call(fakeContext(global), []);

		expect(Object.keys(global)).toEqual(['suppressionLedger']);
	});

	it('warns when an address went into the static data, which queue mode loses', async () => {
		const hints: unknown[] = [];
		await perItemWithLedger(async function (_itemIndex, ledger) {
			ledger.add('anna@example.org', 1);
			return {};
		}).call(fakeContext({}, 'staticData', hints), items(1));

		expect(hints).toEqual([expect.objectContaining({ type: 'warning', message: expect.stringContaining('queue mode') })]);
	});

	it('with a data table, leaves the static data alone and hands the rows to upsert to a second output', async () => {
		const global: IDataObject = {};
		const output = await perItemWithLedger(async function (itemIndex, ledger) {
			ledger.add('anna@example.org', Date.UTC(2026, 0, 1));
			return { done: itemIndex };
		}, 'erased').call(fakeContext(global, 'dataTable'), items(2));

		expect(global).toEqual({});
		expect(output[0]).toHaveLength(2);
		expect(output[1]).toEqual([
			{
				json: expect.objectContaining({ unsubscribedAt: '2026-01-01T00:00:00.000Z', source: 'Test', reason: 'erased', workflowId: 'wf1', executionId: 'ex1' }),
				pairedItem: { item: 0 },
			},
		]);
		expect(JSON.stringify(output[1])).not.toContain('anna');
	});
});
