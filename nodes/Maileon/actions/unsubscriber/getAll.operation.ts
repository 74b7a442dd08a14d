import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { perItem } from '../../../shared/n8n/itemLoop';
import { readItemPaging } from '../../../shared/n8n/paging';
import { filtersProperty, type OperationOption } from '../../../shared/n8n/properties';
import { readAllPages } from '../../../shared/pages';
import { readUnsubscribers, type Unsubscriber } from '../../answers';
import { maileonPages, type MaileonRequest } from '../../transport';
import { returnAllProperties } from '../descriptions';
import { parameterReader } from '../../../shared/n8n/parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'fromDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Start of the window (inclusive)',
	},
	{
		displayName: 'To',
		name: 'toDate',
		type: 'dateTime',
		default: '',
		description: 'End of the window (exclusive); empty means now',
	},
	...returnAllProperties,
	filtersProperty([
		{
			displayName: 'Source',
			name: 'source',
			type: 'string',
			default: '',
			placeholder: 'link',
			description: 'Only unsubscriptions of this source, e.g. link, reply or list-unsubscribe-header',
		},
		{
			displayName: 'Exclude Anonymous',
			name: 'excludeAnonymous',
			type: 'boolean',
			default: false,
			description: 'Whether to leave out unsubscribers whose address Maileon already anonymised',
		},
	]),
];

const displayOptions = { show: { resource: ['unsubscriber'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Reads `/reports/unsubscriptions` for a window in epoch milliseconds; `to` is exclusive
 * (maileon.md §6.11).
 */
export async function fetchUnsubscribers(
	this: IExecuteFunctions,
	window: { from: number; to: number },
	filters: IDataObject,
	limit?: number,
): Promise<Unsubscriber[]> {
	const qs: MaileonRequest['qs'] = {
		from_date: window.from,
		to_date: window.to,
		source: filters.source ? String(filters.source) : undefined,
		exclude_anonymous: filters.excludeAnonymous === true ? true : undefined,
	};
	const pages = maileonPages.call(this, '/reports/unsubscriptions', qs ?? {}, readUnsubscribers, limit);
	return (await readAllPages(pages)) as Unsubscriber[];
}

export const execute = perItem(async function (itemIndex) {
	const from = Date.parse(String(this.getNodeParameter('fromDate', itemIndex, '')));
	const toParameter = String(this.getNodeParameter('toDate', itemIndex, '') ?? '');
	const to = toParameter === '' ? Date.now() : Date.parse(toParameter);
	if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) {
		throw new NodeOperationError(this.getNode(), 'The time window is invalid', {
			itemIndex,
			description: '"From" must be a date before "To" (or before now when "To" is empty).',
		});
	}
	const limit = readItemPaging.call(this, itemIndex);
	const parameter = parameterReader(this, itemIndex);
	const filters = parameter.collection('filters');
	const unsubscribers = await fetchUnsubscribers.call(this, { from, to }, filters, limit);
	return unsubscribers.map((unsubscriber) => ({ ...unsubscriber }));
});

export const option: OperationOption = { name: 'Get Many', description: 'Get unsubscriptions in a time window', action: 'Get many unsubscribers' };
