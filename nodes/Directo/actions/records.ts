import type { RequestContext } from '../../shared/n8n/http';
import {
	type DirectoComponent,
	type DirectoRecord,
	hasClass,
	isChangedSince,
	isClosed,
} from '../mapping';
import { type DirectoSettings, readRecords } from '../transport';
import type { RecordSelection } from './descriptions';

export interface SelectOptions {
	readonly itemIndex?: number;
	readonly onRetry?: () => void;
	/** Receives every record Directo sent, also those the selection drops (the trigger's cursor). */
	readonly onRecord?: (record: DirectoRecord) => void;
}

/** Whether a record passes the selection; Directo may have ignored the filters it was sent. */
function isSelected(record: DirectoRecord, selection: RecordSelection): boolean {
	if (!selection.includeClosed && isClosed(record)) return false;
	if (selection.customerCode !== undefined && record.customercode !== selection.customerCode)
		return false;
	return hasClass(record, selection.classes) && isChangedSince(record, selection.since);
}

/**
 * The records of one component that match the selection, streamed. The date of `since` goes to
 * Directo as `ts`; the exact time, class, closed and customer code are checked here.
 */
export async function* selectRecords(
	this: RequestContext,
	what: DirectoComponent,
	selection: RecordSelection,
	settings: DirectoSettings,
	options: SelectOptions = {},
): AsyncGenerator<DirectoRecord, void, undefined> {
	const records = readRecords.call(
		this,
		{
			what,
			since: selection.since,
			filters: {
				closed: selection.includeClosed ? undefined : '0',
				customercode: selection.customerCode,
			},
			itemIndex: options.itemIndex,
			onRetry: options.onRetry,
		},
		settings,
	);
	for await (const record of records) {
		options.onRecord?.(record);
		if (isSelected(record, selection)) yield record;
	}
}
