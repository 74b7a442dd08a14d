import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { RunReport } from '../report';
import { selectContacts, type ConsentMode, type Selection } from '../selection';
import type { SuppressionLedger } from '../suppression';
import { openLedger } from './ledger';
import { rejectedItem } from './reportOutput';

export interface SyncRun {
	report: RunReport;
	ledger: SuppressionLedger;
	/** The "Rejected" output; the items that are no valid contact are already in it. */
	rejected: INodeExecutionData[];
	selection: Selection;
}

/**
 * The start every bulk synchronization shares: a run report, the workflow's suppression ledger, and
 * the vendor-neutral checks of the input items (`selectContacts`).
 */
export function startSyncRun(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	options: { dryRun: boolean; label: string; consentMode: ConsentMode },
): SyncRun {
	// the label of a bulk synchronization is the platform the contacts go to
	const report = new RunReport({ dryRun: options.dryRun, target: options.label, label: options.label });
	const ledger = openLedger.call(this);
	const selection = selectContacts(
		items.map((item) => item.json),
		{ consentMode: options.consentMode, ledger, report },
	);
	const rejected = selection.rejected.map((invalid) => rejectedItem(invalid.index, invalid.email, invalid.reason, 'invalid'));
	return { report, ledger, rejected, selection };
}
