import type { IExecuteFunctions } from 'n8n-workflow';

import { readItemPaging } from '../../../../nodes/shared/n8n/paging';

/** An execute context whose parameters differ per item. */
function contextWith(parametersPerItem: Array<Record<string, unknown>>): IExecuteFunctions {
	return {
		getNodeParameter: (name: string, itemIndex: number, fallback: unknown) => parametersPerItem[itemIndex][name] ?? fallback,
	} as unknown as IExecuteFunctions;
}

describe('readItemPaging', () => {
	it('reads Return All and Limit of the item it is given', () => {
		const context = contextWith([{ returnAll: true }, { returnAll: false, limit: 7 }]);

		expect([readItemPaging.call(context, 0), readItemPaging.call(context, 1)]).toEqual([undefined, 7]);
	});

	it('falls back to a limit of 50 when the item has none', () => {
		expect(readItemPaging.call(contextWith([{ returnAll: false }]), 0)).toBe(50);
	});
});
