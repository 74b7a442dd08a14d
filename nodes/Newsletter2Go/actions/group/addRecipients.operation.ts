import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { changeMembership, membershipProperties } from './membership';

const displayOptions = { show: { resource: ['group'], operation: ['addRecipients'] } };

export const description = updateDisplayOptions(displayOptions, membershipProperties);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await changeMembership.call(this, items, 'add');
}
