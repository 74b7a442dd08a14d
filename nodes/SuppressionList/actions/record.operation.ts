import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { emailFieldProperty, type OperationOption } from '../../shared/n8n/properties';
import { SuppressionLedger } from '../../shared/suppression';
import { changeToRow, readTimestamp } from '../../shared/suppressionList';
import { readAddresses, rowOrigin } from './addresses';
import { parameterReader } from '../../shared/n8n/parameters';

const properties: INodeProperties[] = [
	{
		displayName:
			'Turns unsubscribed addresses (from a Maileon export, a KUFER N list, a trigger or any node) into rows of the suppression list: connect n8n\'s Data table node after it, operation Upsert, matching on addressHash. Only a hash of each address is stored.',
		name: 'recordNotice',
		type: 'notice',
		default: '',
	},
	emailFieldProperty,
	{
		displayName: 'Date Field',
		name: 'dateField',
		type: 'string',
		default: 'unsubscribedAt',
		description:
			'The field with the time of the unsubscribe (ISO 8601, e.g. 2026-11-30T08:00:00Z, or a date). Items without it count as unsubscribed at an unknown time, which only an explicit release lifts.',
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Maileon export',
		description: 'Where the unsubscribes come from, shown in the suppression list',
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: 'unsubscribed',
		description: 'A short note stored with each row',
	},
];

export const description = updateDisplayOptions({ show: { operation: ['record'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const parameter = parameterReader(this);
	const emailField = parameter.string('emailField', '');
	const dateField = parameter.string('dateField', '');
	const source = parameter.string('source', '');
	const reason = parameter.string('reason', 'unsubscribed');
	if (source === '') {
		throw new NodeOperationError(this.getNode(), 'Source is empty', {
			description: 'Name where the unsubscribes come from (e.g. "Maileon export"), so the list shows it.',
		});
	}
	const { valid, invalid } = readAddresses(items, emailField);
	// a ledger over an empty store merges repeated addresses and keeps the latest time of each
	const ledger = new SuppressionLedger({});
	const firstItem = new Map<string, number>();
	for (const { index, key } of valid) {
		const at = dateField === '' ? undefined : readTimestamp(items[index].json[dateField]);
		ledger.add(key, at);
		const hash = SuppressionLedger.hash(key);
		if (!firstItem.has(hash)) firstItem.set(hash, index);
	}
	const origin = rowOrigin.call(this, source);
	const rows = ledger.changes().map((change) => ({
		json: { ...changeToRow(change, origin, reason) },
		pairedItem: { item: firstItem.get(change.hash) ?? 0 },
	}));
	return [rows, invalid];
}

export const option: OperationOption = {
	name: 'Record Unsubscribes',
	description: 'Turn unsubscribed addresses into suppression list rows to upsert',
	action: 'Record unsubscribes',
};
