import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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

/**
 * "Keep Out of Future Imports" of an operation that unsubscribes or deletes one address, read by
 * `keepOutOfFutureImports`; `purgedBy` names a platform that purges its own unsubscriber data.
 */
export function addToLedgerProperty(purgedBy?: string): INodeProperties {
	const afterPurge = purgedBy === undefined ? '' : ` even after ${purgedBy} purged its unsubscriber data`;
	return {
		displayName: 'Keep Out of Future Imports',
		name: 'addToLedger',
		type: 'boolean',
		default: true,
		description: `Whether to add the address to the workflow's suppression ledger (as a hash), so later synchronizations never re-add it${afterPurge}`,
	};
}

/** Adds the address to the ledger unless the item turned "Keep Out of Future Imports" off. */
export function keepOutOfFutureImports(
	this: IExecuteFunctions,
	ledger: SuppressionLedger,
	email: string,
	itemIndex: number,
): void {
	if (this.getNodeParameter('addToLedger', itemIndex, true) === true) ledger.add(email);
}
