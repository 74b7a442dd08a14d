import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { perItem, perItemWithLedger } from '../../../../nodes/shared/n8n/itemLoop';
import type { SuppressionLedger } from '../../../../nodes/shared/suppression';

/** The few methods the item loop uses: static data for the ledger, and the node for errors. */
function fakeContext(global: IDataObject = {}): IExecuteFunctions {
	return {
		getWorkflowStaticData: (type: string) => (type === 'global' ? global : {}),
		getNode: () => ({ name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} }),
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
});
