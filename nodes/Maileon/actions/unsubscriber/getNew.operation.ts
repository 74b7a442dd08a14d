import { createHash } from 'node:crypto';
import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { openLedger } from '../../../shared/n8n/ledger';
import { optionsProperty, type OperationOption } from '../../../shared/n8n/properties';
import { parseMaileonTimestamp, type Unsubscriber } from '../../mapping';
import { fetchUnsubscribers } from './getAll.operation';

const properties: INodeProperties[] = [
	{
		displayName:
			'Remembers where the previous run stopped (in the workflow\'s static data), so each unsubscription is returned once. Maileon purges unsubscriber data after a retention time (often 14 days): run this at least that often.',
		name: 'getNewNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Add to Suppression Ledger',
		name: 'addToLedger',
		type: 'boolean',
		default: true,
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

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const state = this.getWorkflowStaticData('node') as CursorState & IDataObject;
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
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
	return [fresh.map(({ unsubscriber }) => ({ json: { ...unsubscriber }, pairedItem }))];
}

export const option: OperationOption = { name: 'Get New Since Last Run', description: 'Get the unsubscriptions that are new since the previous run of this workflow', action: 'Get new unsubscribers since last run' };
