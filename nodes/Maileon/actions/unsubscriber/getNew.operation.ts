import { createHash } from 'node:crypto';
import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { openLedger } from '../../../shared/n8n/ledger';
import { openSuppressionList, readSuppressionListMode, STATIC_DATA_WARNING, suppressionListProperty } from '../../../shared/n8n/suppressionList';
import { optionsProperty, type OperationOption } from '../../../shared/n8n/properties';
import { parseMaileonTimestamp, type Unsubscriber } from '../../answers';
import { fetchUnsubscribers } from './getAll.operation';
import { parameterReader } from '../../../shared/n8n/parameters';

const properties: INodeProperties[] = [
	{
		displayName:
			'Returns each unsubscription once. With a data table as the suppression list, the list itself remembers where the previous run stopped: feed the table\'s rows in and upsert the rows of the second output. Maileon purges unsubscriber data after a retention time (often 14 days): run this at least that often.',
		name: 'getNewNotice',
		type: 'notice',
		default: '',
	},
	suppressionListProperty('input'),
	{
		displayName: 'Add to Suppression Ledger',
		name: 'addToLedger',
		type: 'boolean',
		default: true,
		displayOptions: { show: { suppressionList: ['staticData'] } },
		description:
			'Whether to record every unsubscriber in the workflow\'s suppression ledger (as a hash), so no later synchronization resubscribes them even after Maileon purged its list',
	},
	optionsProperty([
		{
			displayName: 'First Run Lookback (Days)',
			name: 'lookbackDays',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 30,
			description: 'How far back the very first run reads',
		},
		{
			displayName: 'Overlap (Minutes)',
			name: 'overlapMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description:
				'Each run re-reads this much of the previous window, so unsubscriptions that became visible late are not missed; repeats are filtered out',
		},
	]),
];

const displayOptions = { show: { resource: ['unsubscriber'], operation: ['getNew'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const DAY_MS = 24 * 60 * 60 * 1000;

interface CursorState {
	cursor?: number;
	/** Hashes of unsubscriptions already returned inside the overlap window, with their time. */
	seen?: Record<string, number>;
}

function seenKey(unsubscriber: Unsubscriber): string {
	return createHash('sha256')
		.update(`${unsubscriber.email ?? ''}|${unsubscriber.contactId ?? ''}|${unsubscriber.timestamp ?? ''}`)
		.digest('base64url')
		.slice(0, 22);
}

/** The `source` of the rows this operation writes; its cursor is the newest of them. */
export const UNSUBSCRIBER_REPORT_SOURCE = 'Maileon unsubscribers';

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	if (readSuppressionListMode.call(this) === 'dataTable') return await getNewFromList.call(this, items);
	this.addExecutionHints({ message: STATIC_DATA_WARNING, type: 'warning', location: 'outputPane' });
	const state = this.getWorkflowStaticData('node') as CursorState & IDataObject;
	const parameter = parameterReader(this);
	const options = parameter.collection('options');
	const overlapMs = Number(options.overlapMinutes ?? 60) * 60 * 1000;
	const now = Date.now();
	const from =
		typeof state.cursor === 'number'
			? state.cursor - overlapMs
			: now - Number(options.lookbackDays ?? 30) * DAY_MS;
	const unsubscribers = await fetchUnsubscribers.call(this, { from, to: now }, {});

	const seen = state.seen ?? {};
	const fresh: Array<{ unsubscriber: Unsubscriber; at: number }> = [];
	for (const unsubscriber of unsubscribers) {
		const key = seenKey(unsubscriber);
		if (seen[key] !== undefined) continue;
		const at = parseMaileonTimestamp(unsubscriber.timestamp) ?? now;
		seen[key] = at;
		fresh.push({ unsubscriber, at });
	}

	if (this.getNodeParameter('addToLedger', 0, true) === true) {
		const ledger = openLedger.call(this);
		for (const { unsubscriber, at } of fresh) {
			if (unsubscriber.email) ledger.add(unsubscriber.email, at);
		}
	}

	// The cursor moves only now that the items are about to be emitted; the seen set keeps just the overlap.
	const horizon = now - overlapMs - DAY_MS;
	for (const [key, at] of Object.entries(seen)) if (at < horizon) delete seen[key];
	state.seen = seen;
	state.cursor = now;

	const pairedItem = { item: 0 };
	if (items.length === 0) return [[]];
	return [fresh.map(({ unsubscriber, at }) => ({ json: { ...unsubscriber, unsubscribedAt: new Date(at).toISOString() }, pairedItem }))];
}

/**
 * "New" read from the suppression list's rows on the input: the window starts at the newest
 * unsubscription this operation recorded (less the overlap), and an unsubscription the list already
 * holds at that time or later is no news. The second output carries the rows to upsert.
 */
async function getNewFromList(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const list = openSuppressionList.call(this, 'dataTable', () => items);
	const parameter = parameterReader(this);
	const options = parameter.collection('options');
	const overlapMs = Number(options.overlapMinutes ?? 60) * 60 * 1000;
	const now = Date.now();
	const latest = list.read?.latestBySource.get(UNSUBSCRIBER_REPORT_SOURCE);
	const from = latest !== undefined ? Math.min(latest, now) - overlapMs : now - Number(options.lookbackDays ?? 30) * DAY_MS;
	const unsubscribers = await fetchUnsubscribers.call(this, { from, to: now }, {});

	const pairedItem = { item: 0 };
	const fresh: INodeExecutionData[] = [];
	for (const unsubscriber of unsubscribers) {
		const at = parseMaileonTimestamp(unsubscriber.timestamp) ?? now;
		if (unsubscriber.email) {
			const known = list.ledger.check(unsubscriber.email);
			if (known.suppressed && (known.unsubscribedAt === undefined || known.unsubscribedAt >= at)) continue;
			list.ledger.add(unsubscriber.email, at);
		}
		fresh.push({ json: { ...unsubscriber, unsubscribedAt: new Date(at).toISOString() }, pairedItem });
	}
	for (const message of list.warnings) this.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
	return [fresh, list.updates('unsubscribed in Maileon', UNSUBSCRIBER_REPORT_SOURCE)];
}

export const option: OperationOption = { name: 'Get New Since Last Run', description: 'Get the unsubscriptions that are new since the previous run of this workflow', action: 'Get new unsubscribers since last run' };
