import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../shared/n8n/properties';
import { openSuppressionList } from '../../shared/n8n/suppressionList';
import { emailFieldProperty, readAddresses } from './addresses';

const properties: INodeProperties[] = [
	{
		displayName:
			'Connect the addresses to check to the first input and the rows of the suppression list (n8n\'s Data table node, Get Many, Return All, Always Output Data on) to the second.',
		name: 'checkNotice',
		type: 'notice',
		default: '',
	},
	emailFieldProperty,
];

export const description = updateDisplayOptions({ show: { operation: ['check'] } }, properties);

/** Each address item, with whether the list holds it and since when. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const emailField = this.getNodeParameter('emailField', 0) as string;
	const list = openSuppressionList.call(this, 'dataTable', () => this.getInputData(1));
	const { valid, invalid } = readAddresses(items, emailField);
	const checked = valid.map(({ index, key }): INodeExecutionData => {
		const check = list.ledger.check(key);
		return {
			json: {
				...items[index].json,
				suppressed: check.suppressed,
				unsubscribedAt: check.unsubscribedAt === undefined ? null : new Date(check.unsubscribedAt).toISOString(),
				suppressionReason: check.suppressed ? (check.reason ?? 'unsubscribed earlier') : null,
			},
			pairedItem: { item: index },
		};
	});
	for (const message of list.warnings) this.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
	return [checked, invalid];
}

export const option: OperationOption = {
	name: 'Check Addresses',
	description: 'Tell for each address whether the suppression list holds it',
	action: 'Check addresses against the suppression list',
};
