import { normaliseEmail, type Contact } from './contact';
import { isStricterConsent } from './consent';
import { readConsent, readContactItem, type ItemConsent } from './contactItem';
import type { RunReport } from './report';
import type { SuppressionLedger } from './suppression';

export type { ItemConsent } from './contactItem';

export interface SelectedContact {
	/** Position of the input item, from 0. */
	readonly index: number;
	readonly contact: Contact;
	readonly consent?: ItemConsent;
	/**
	 * The ledger holds the address but an opt-in dated after the unsubscribe lifts it: release the
	 * entry once the platform acknowledged the write.
	 */
	readonly releaseFromLedger: boolean;
}

export interface RejectedContact {
	readonly index: number;
	readonly email?: string;
	readonly reason: string;
}

export interface Selection {
	/** Contacts to write, in input order. */
	readonly send: SelectedContact[];
	/** Contacts whose source decided "unsubscribe": record them in the ledger, unsubscribe them at the target. */
	readonly optOuts: SelectedContact[];
	/** Items that are not a valid contact; already counted as `invalid`. */
	readonly rejected: RejectedContact[];
}

export type ConsentMode = 'require' | 'trust';

export interface SelectionOptions {
	/**
	 * `require`: an item without a consent decision is skipped; `trust`: it counts as consented.
	 * @default 'require'
	 */
	readonly consentMode?: ConsentMode;
	readonly ledger: Pick<SuppressionLedger, 'check' | 'has'>;
	/** Receives one tally per item that is not sent (invalid, duplicate, skipped, unsubscribed, suppressed). */
	readonly report: RunReport;
}

const CONSENT_MODES: readonly ConsentMode[] = ['require', 'trust'];

/**
 * The checks every target runs on incoming contact items before writing them: valid address, first
 * occurrence of the address in the run, a consent decision that says "send", and no suppression by
 * the ledger (an opt-in dated after the unsubscribe is re-consent). Every item that is not sent is
 * tallied in the report with its reason; `selected` of the report then counts every item.
 */
export function selectContacts(
	items: ReadonlyArray<Record<string, unknown>>,
	options: SelectionOptions,
): Selection {
	const { ledger, report } = options;
	const consentMode = options.consentMode ?? 'require';
	if (!CONSENT_MODES.includes(consentMode)) {
		throw new TypeError(
			`Expected \`consentMode\` to be one of ${CONSENT_MODES.join(', ')}, got ${JSON.stringify(consentMode)}.`,
		);
	}
	const selection: Selection = { send: [], optOuts: [], rejected: [] };
	const strictest = findStrictestItems(items, consentMode);
	// one flag per address, at the index of its decisive item: set once a valid item of it was taken
	const seen = new Uint8Array(items.length);

	items.forEach((json, index) => {
		const record = index + 1;
		const built = readContactItem(json);
		if (!built.ok) {
			report.tally('invalid', { email: built.email, reason: built.detail, record });
			selection.rejected.push({ index, email: built.email, reason: built.detail });
			return;
		}
		const contact = built.contact;
		const decisive = strictest.get(contact.key) ?? index;
		if (seen[decisive] === 1) {
			report.tally('duplicate', { email: contact.email, reason: 'same email earlier in this run', record });
			return;
		}
		seen[decisive] = 1;

		// the consent rule across the run: a stricter item of the same address decides, valid or not
		const consent = readConsent(items[decisive]);
		if (consent === undefined && consentMode === 'require') {
			report.tally('skipped', { email: contact.email, reason: 'no consent decision on the item', record });
			return;
		}
		if (consent?.action === 'unsubscribe') {
			report.tally('unsubscribed', { email: contact.email, reason: consent.reason, record });
			selection.optOuts.push({ index, contact, consent, releaseFromLedger: false });
			return;
		}
		if (consent?.action === 'skip') {
			// a source that checks the ledger itself hands a held-back address over as "skip"
			const outcome = ledger.has(contact.key) ? 'suppressed' : 'skipped';
			report.tally(outcome, { email: contact.email, reason: consent.reason, record });
			return;
		}
		const optInAt = consent?.status === 'optIn' ? consent.at : undefined;
		const suppression = ledger.check(contact.key, optInAt);
		if (suppression.suppressed) {
			report.tally('suppressed', {
				email: contact.email,
				reason: suppression.reason ?? 'unsubscribed earlier (suppression ledger)',
				record,
			});
			return;
		}
		// an entry that does not suppress is one a later opt-in lifts
		selection.send.push({ index, contact, consent, releaseFromLedger: suppression.unsubscribedAt !== undefined });
	});
	return selection;
}

/**
 * Per normalised address, the index of the item whose consent decides (`isStricterConsent`:
 * unsubscribe over skip over send, then the more restrictive status, then the later date), also
 * among items that are not a valid contact; ties go to the first. Its consent, origin included, is
 * the address's. Consents are compared only for an address that several items name.
 */
function findStrictestItems(
	items: ReadonlyArray<Record<string, unknown>>,
	consentMode: ConsentMode,
): Map<string, number> {
	const strictest = new Map<string, number>();
	items.forEach((json, index) => {
		const key = normaliseEmail(json.email)?.key;
		if (key === undefined) return;
		const known = strictest.get(key);
		if (known === undefined || isStricterConsent(decisive(json, consentMode), decisive(items[known], consentMode)))
			strictest.set(key, index);
	});
	return strictest;
}

/** What the comparison of two items of one address needs of an item's consent. */
function decisive(json: Record<string, unknown>, consentMode: ConsentMode): Pick<ItemConsent, 'action' | 'status' | 'at'> {
	const consent = readConsent(json);
	return {
		action: consent?.action ?? (consentMode === 'trust' ? 'send' : 'skip'),
		status: consent?.status,
		at: consent?.at,
	};
}
