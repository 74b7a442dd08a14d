import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { SuppressionLedger, type LedgerStore } from '../suppression';

const LEDGER_KEY = 'suppressionLedger';

/** Any n8n context that can reach the workflow's static data (execute, poll, hook and webhook functions). */
export type StaticDataContext = Pick<IExecuteFunctions, 'getWorkflowStaticData'>;

/**
 * The workflow's suppression ledger, kept in its global static data so every node of the workflow
 * sees the same addresses and n8n saves it with the workflow after a successful run.
 */
export function openLedger(this: StaticDataContext): SuppressionLedger {
	const staticData = this.getWorkflowStaticData('global');
	const existing = staticData[LEDGER_KEY];
	if (typeof existing !== 'object' || existing === null || Array.isArray(existing)) {
		staticData[LEDGER_KEY] = {} as IDataObject;
	}
	return new SuppressionLedger(staticData[LEDGER_KEY] as LedgerStore);
}
