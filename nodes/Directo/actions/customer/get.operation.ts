import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { OperationOption } from '../../../shared/n8n/properties';
import { forEachItem } from '../../../shared/n8n/itemLoop';
import { readRecords, readSettings } from '../../transport';
import { toJson } from '../listing';

const properties: INodeProperties[] = [
	{
		displayName: 'Customer Code',
		name: 'code',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'K1001',
		description: "The customer's code (Kood) in Directo",
	},
];

const displayOptions = { show: { resource: ['customer'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const settings = await readSettings.call(this);
	return await forEachItem.call(this, items, async (itemIndex) => {
		const code = String(this.getNodeParameter('code', itemIndex, '')).trim();
		if (code === '') {
			throw new NodeOperationError(this.getNode(), 'The customer code is empty', {
				itemIndex,
				description: 'Enter a code, or check the expression that maps it.',
			});
		}
		const records = readRecords.call(
			this,
			{ what: 'customer', filters: { code }, itemIndex },
			settings,
		);
		// Directo may ignore the code filter (directo.md §4.4): the answer is searched, and left once found
		for await (const record of records) {
			if (record.code === code) return toJson(record);
		}
		throw new NodeOperationError(this.getNode(), `Directo has no customer with code "${code}"`, {
			itemIndex,
			description: 'Check the code. Codes are case-sensitive.',
		});
	});
}

export const option: OperationOption = { name: 'Get', description: 'Get a customer by code', action: 'Get a customer' };
