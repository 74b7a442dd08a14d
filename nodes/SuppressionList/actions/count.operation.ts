import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../shared/n8n/properties';
import { openSuppressionList } from '../../shared/n8n/suppressionList';

const properties: INodeProperties[] = [
	{
		displayName:
			'Feed it the rows of the suppression list (n8n\'s Data table node, Get Many, Return All, Always Output Data on).',
		name: 'countNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { operation: ['count'] } }, properties);

/** One item that sums the list up: how many addresses it keeps out, how many were released, by source. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const list = openSuppressionList.call(this, 'dataTable', () => items);
	const read = list.read;
	const latestBySource: Record<string, string> = {};
	for (const [source, at] of read?.latestBySource ?? []) latestBySource[source] = new Date(at).toISOString();
	const pairedItem = items.map((_item, item) => ({ item }));
	return [
		[
			{
				json: {
					suppressed: list.ledger.size,
					released: read?.released ?? 0,
					rows: read?.rows ?? 0,
					latestUnsubscribeBySource: latestBySource,
					warnings: list.warnings,
				},
				pairedItem,
			},
		],
	];
}

export const option: OperationOption = {
	name: 'Count',
	description: 'Count the addresses the suppression list keeps out',
	action: 'Count the suppression list',
};
