import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { findEmailProblem, normaliseEmail } from '../../shared/contact';
import type { RowOrigin } from '../../shared/suppressionList';

export interface ItemAddress {
	readonly index: number;
	/** The address as given, trimmed. */
	readonly email: string;
	readonly key: string;
}

export interface ReadAddresses {
	readonly valid: ItemAddress[];
	/** Items without a usable address, as items for an "Invalid" output. */
	readonly invalid: INodeExecutionData[];
}

/** Reads the address of every item from `field`; items without a valid one are listed with the reason. */
export function readAddresses(items: INodeExecutionData[], field: string): ReadAddresses {
	const valid: ItemAddress[] = [];
	const invalid: INodeExecutionData[] = [];
	items.forEach((item, index) => {
		const raw = item.json[field];
		const normalised = normaliseEmail(raw);
		const problem = normalised === undefined ? `has no "${field}" field with an address` : findEmailProblem(normalised.key);
		if (normalised === undefined || problem !== undefined) {
			const email = typeof raw === 'string' ? raw : null;
			const reason = normalised === undefined ? `The item ${problem}` : `The address ${problem}`;
			invalid.push({ json: { email, reason } as IDataObject, pairedItem: { item: index } });
			return;
		}
		valid.push({ index, ...normalised });
	});
	return { valid, invalid };
}

/** Where the rows this node writes come from: the user's source label, this workflow and this execution. */
export function rowOrigin(this: IExecuteFunctions, source: string): RowOrigin {
	return { source, workflowId: String(this.getWorkflow().id ?? ''), executionId: String(this.getExecutionId() ?? '') };
}
