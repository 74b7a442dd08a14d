import { NodeOperationError, type INode, type INodeProperties } from 'n8n-workflow';

import { filtersProperty as filtersCollection, splitNameList } from '../../shared/n8n/properties';
import type { DirectoComponent } from '../mapping';
import { toWallTime, type WallTime } from '../time';

const includeClosedProperty: INodeProperties = {
	displayName: 'Include Closed',
	name: 'includeClosed',
	type: 'boolean',
	default: false,
	description: 'Whether to include cards that are closed in Directo',
};

/**
 * Filters of the operations that read customers or contacts. `includeClosed` gives the default of
 * "Include Closed", or leaves it out where another option decides about closed cards.
 */
export function filtersProperty(
	resource: DirectoComponent,
	shown: { readonly changedSince: boolean; readonly includeClosed?: boolean },
): INodeProperties {
	const options: INodeProperties[] = [];
	if (shown.changedSince) {
		options.push({
			displayName: 'Changed Since',
			name: 'changedSince',
			type: 'dateTime',
			default: '',
			description:
				'Only cards changed at or after this time (Directo\'s "ts"). A time without zone is read as Directo\'s local time.',
		});
	}
	if (resource === 'customer') {
		options.push({
			displayName: 'Classes',
			name: 'classes',
			type: 'string',
			default: '',
			placeholder: 'KLIENT, VIP',
			description: 'Comma-separated customer class codes; only customers of these classes',
		});
	} else {
		options.push({
			displayName: 'Customer Code',
			name: 'customerCode',
			type: 'string',
			default: '',
			description: 'Only the contacts of this customer',
		});
	}
	if (shown.includeClosed !== undefined)
		options.push({ ...includeClosedProperty, default: shown.includeClosed });
	return filtersCollection(options);
}

/** What to read and keep, checked on every record whatever Directo filtered itself. */
export interface RecordSelection {
	readonly since?: WallTime;
	readonly classes: readonly string[];
	readonly customerCode?: string;
	readonly includeClosed: boolean;
}

/** Reads the `filters` collection of one item. */
export function readRecordSelection(
	node: INode,
	filters: Readonly<Record<string, unknown>>,
	timeZone: string,
	includeClosedDefault: boolean,
	itemIndex?: number,
): RecordSelection {
	const changedSince = typeof filters.changedSince === 'string' ? filters.changedSince.trim() : '';
	let since: WallTime | undefined;
	if (changedSince !== '') {
		since = toWallTime(changedSince, timeZone);
		if (since === undefined) {
			throw new NodeOperationError(node, `"Changed Since" is not a date: ${changedSince}`, {
				itemIndex,
				description: 'Pick a date, or map an ISO 8601 value such as 2024-01-15T10:30:00.',
			});
		}
	}
	const customerCode = typeof filters.customerCode === 'string' ? filters.customerCode.trim() : '';
	return {
		since,
		classes: splitNameList(typeof filters.classes === 'string' ? filters.classes : ''),
		customerCode: customerCode === '' ? undefined : customerCode,
		includeClosed:
			typeof filters.includeClosed === 'boolean' ? filters.includeClosed : includeClosedDefault,
	};
}
