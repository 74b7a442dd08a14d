import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../../../shared/n8n/itemLoop';
import { openLedger } from '../../../shared/n8n/ledger';
import { maileonRequest } from '../../transport';
import {
	addToLedgerProperty,
	identifyByProperties,
	identityRequest,
	readRequiredIdentity,
} from '../descriptions';

const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting removes the contact and rewrites Maileon\'s statistics. For a newsletter opt-out use Unsubscribe instead.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	...identifyByProperties(true),
	{ ...addToLedgerProperty, displayOptions: { show: { identifyBy: ['email'] } } },
];

const displayOptions = { show: { resource: ['contact'], operation: ['deleteContact'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const ledger = openLedger.call(this);
	return await forEachItem.call(this, items, async (itemIndex) => {
		const identity = readRequiredIdentity.call(this, itemIndex);
		const { path, qs } = identityRequest(identity);
		await maileonRequest.call(this, 'DELETE', path, { qs, itemIndex });
		if (identity.kind === 'email' && this.getNodeParameter('addToLedger', itemIndex, true) === true) {
			ledger.add(identity.value);
		}
		return { [identity.kind]: identity.value, deleted: true };
	});
}
