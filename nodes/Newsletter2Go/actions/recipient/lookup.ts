import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { perItemWithLedger } from '../../../shared/n8n/itemLoop';
import { keepOutOfFutureImports } from '../../../shared/n8n/ledger';
import type { OperationHandler } from '../../../shared/n8n/router';
import { findRecipients } from '../../transport';
import { readEmail, readLocator } from '../descriptions';

export type Recipient = Record<string, unknown> & { id: string };

export interface RecipientLookup {
	listId: string;
	/** Trimmed and lower-cased. */
	email: string;
	/** The expanded recipient, when the list has one with this address. */
	recipient?: Recipient;
}

/** Reads list and email of an item and looks the recipient up with `_filter=email=="…"` (§10 #4). */
export async function lookUpRecipient(this: IExecuteFunctions, itemIndex: number): Promise<RecipientLookup> {
	const listId = readLocator.call(this, 'list', itemIndex);
	const email = readEmail.call(this, itemIndex);
	const found = (await findRecipients.call(this, listId, [email], itemIndex)).get(email);
	if (found === undefined || typeof found.id !== 'string') return { listId, email };
	return { listId, email, recipient: found as Recipient };
}

/**
 * An operation on the recipient of every item: looks it up, records the address in the
 * suppression ledger when "Keep Out of Future Imports" is on, and answers `notFound` (with
 * `found: false`) for an address the list lacks, since nothing is left to change then.
 */
export function perRecipient(
	notFound: IDataObject,
	act: (this: IExecuteFunctions, recipient: Recipient, lookup: RecipientLookup, itemIndex: number) => Promise<IDataObject>,
): OperationHandler {
	return perItemWithLedger(async function (itemIndex, ledger) {
		const lookup = await lookUpRecipient.call(this, itemIndex);
		const { email, listId, recipient } = lookup;
		keepOutOfFutureImports.call(this, ledger, email, itemIndex);
		if (recipient === undefined) return { email, listId, ...notFound, found: false };
		return { email, listId, id: recipient.id, ...(await act.call(this, recipient, lookup, itemIndex)), found: true };
	});
}
