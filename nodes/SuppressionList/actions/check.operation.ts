import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { emailFieldProperty, type OperationOption } from '../../shared/n8n/properties';
import { openSuppressionList } from '../../shared/n8n/suppressionList';
import { readAddresses } from './addresses';
import { parameterReader } from '../../shared/n8n/parameters';

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

/**
 * Each address item on "Not Listed" or "Listed" (with since when), so a workflow branches without an
 * expression per item; items without a valid address go to "Invalid".
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const parameter = parameterReader(this);
	const emailField = parameter.string('emailField', '');
	const list = openSuppressionList.call(this, 'dataTable', () => this.getInputData(1));
	const { valid, invalid } = readAddresses(items, emailField);
	const notListed: INodeExecutionData[] = [];
	const listed: INodeExecutionData[] = [];
	for (const { index, key } of valid) {
		const check = list.ledger.check(key);
		const pairedItem = { item: index };
		if (!check.suppressed) {
			notListed.push({ json: items[index].json, pairedItem });
			continue;
		}
		const unsubscribedAt = check.unsubscribedAt === undefined ? null : new Date(check.unsubscribedAt).toISOString();
		listed.push({ json: { ...items[index].json, unsubscribedAt, suppressionReason: check.reason ?? 'unsubscribed earlier' }, pairedItem });
	}
	for (const message of list.warnings) this.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
	return [notListed, listed, invalid];
}

export const option: OperationOption = {
	name: 'Check Addresses',
	description: 'Split addresses by whether the suppression list holds them',
	action: 'Check addresses against the suppression list',
};
