import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { RunReport } from '../report';
import { selectContacts, type ConsentMode, type Selection } from '../selection';
import type { SuppressionLedger } from '../suppression';
import { rejectedItem } from './reportOutput';
import { openSuppressionList, readSuppressionListMode, type SuppressionListRun } from './suppressionList';

export interface SyncRun {
	report: RunReport;
	ledger: SuppressionLedger;
	/** The "Rejected" output; the items that are no valid contact are already in it. */
	rejected: INodeExecutionData[];
	selection: Selection;
	/** The run's suppression list: a data table's rows, or the workflow's static data. */
	list: SuppressionListRun;
	/** A dry run writes nothing, the suppression list included. */
	dryRun: boolean;
}

/**
 * The start every bulk synchronization shares: a run report, the suppression list (the data table
 * rows on the node's second input, or the workflow's static data, with a warning in the report),
 * and the vendor-neutral checks of the input items (`selectContacts`).
 */
export function startSyncRun(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	options: { dryRun: boolean; label: string; consentMode: ConsentMode; listSent?: boolean },
): SyncRun {
	// the label of a bulk synchronization is the platform the contacts go to
	const report = new RunReport({ dryRun: options.dryRun, target: options.label, label: options.label, listSent: options.listSent === true });
	const list = openSuppressionList.call(this, readSuppressionListMode.call(this), () => this.getInputData(1));
	for (const warning of list.warnings) report.warn(warning);
	const { ledger } = list;
	const selection = selectContacts(
		items.map((item) => item.json),
		{ consentMode: options.consentMode, ledger, report },
	);
	const rejected = selection.rejected.map((invalid) => rejectedItem(invalid.index, invalid.email, invalid.reason, 'invalid'));
	return { report, ledger, rejected, selection, list, dryRun: options.dryRun };
}

/**
 * The outputs of a bulk synchronization: the report, the rejected contacts and, with a data table
 * as the suppression list, the rows to upsert into it. Called only after the platform acknowledged
 * every write, so the table never runs ahead of the platform.
 */
export function finishSyncRun(
	this: IExecuteFunctions,
	run: SyncRun,
	report: INodeExecutionData,
	label: string,
): INodeExecutionData[][] {
	const hints = run.list.warnings.map((message) => ({ message, type: 'warning' as const, location: 'outputPane' as const }));
	if (hints.length > 0) this.addExecutionHints(...hints);
	if (run.list.mode === 'staticData') return [[report], run.rejected];
	const updates = run.dryRun ? [] : run.list.updates('opted out in the source', `${label} Synchronize Many`);
	return [[report], run.rejected, updates];
}
