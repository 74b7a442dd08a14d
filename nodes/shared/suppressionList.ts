import type { LedgerChange, LedgerStore } from './suppression';

/**
 * The suppression list as a table: one row per address hash, kept where every workflow and every
 * n8n process reads the same rows (an n8n data table). No address is stored in clear text.
 */
export const SUPPRESSION_LIST_NAME = 'Newsletter suppression list';

/** The columns of the table, all of type string, in the order a person reads them. */
export const SUPPRESSION_LIST_COLUMNS = [
	'addressHash',
	'unsubscribedAt',
	'releasedAt',
	'source',
	'reason',
	'workflowId',
	'executionId',
] as const;

export type SuppressionListColumn = (typeof SUPPRESSION_LIST_COLUMNS)[number];

export type SuppressionListRow = Record<SuppressionListColumn, string>;

/** Who writes a row: shown in the table, so a person can tell where an entry came from. */
export interface RowOrigin {
	readonly source: string;
	readonly workflowId: string;
	readonly executionId: string;
}

export interface ReadRows {
	/** The suppressed hashes with their unsubscribe time, ready for `new SuppressionLedger(store)`. */
	readonly store: LedgerStore;
	/** Rows that carried a valid address hash. */
	readonly rows: number;
	/** Items that were no row of the list (no valid hash), e.g. the empty item of an empty table. */
	readonly ignored: number;
	/** Addresses released after explicit re-consent, and not unsubscribed again since. */
	readonly released: number;
	/** The latest known unsubscribe time per source, epoch ms (for cursors derived from the list). */
	readonly latestBySource: ReadonlyMap<string, number>;
}

// SuppressionLedger.hash: SHA-256, base64url without padding
const HASH_PATTERN = /^[A-Za-z0-9_-]{43}$/;

// the ledger's "unsubscribed at an unknown time": later than any opt-in or release
const UNKNOWN_TIME = Number.MAX_SAFE_INTEGER;

interface HashState {
	/** Latest unsubscribe of a row that is not released. */
	active?: number;
	/** Latest release. */
	released?: number;
}

/**
 * Reads the rows of the list, as n8n's Data table node returns them (with its `id`, `createdAt` and
 * `updatedAt` columns), into a ledger store. Several rows of one hash (n8n's upsert has no unique
 * key, so two runs can both insert one) are combined, and the cautious reading wins: the address is
 * suppressed when any row says so and no release came after that row's unsubscribe. A row whose
 * time cannot be read counts as unsubscribed at an unknown time.
 */
export function readSuppressionRows(items: Iterable<Record<string, unknown>>): ReadRows {
	const states = new Map<string, HashState>();
	const latestBySource = new Map<string, number>();
	let rows = 0;
	let ignored = 0;
	for (const row of items) {
		const hash = row.addressHash;
		if (typeof hash !== 'string' || !HASH_PATTERN.test(hash)) {
			ignored++;
			continue;
		}
		rows++;
		const unsubscribedAt = readTimestamp(row.unsubscribedAt) ?? UNKNOWN_TIME;
		const releasedAt = readTimestamp(row.releasedAt);
		const state = states.get(hash) ?? {};
		// writers clear `releasedAt` with every unsubscribe, so a release on the row lifts an unknown time too
		if (releasedAt !== undefined && (unsubscribedAt === UNKNOWN_TIME || releasedAt >= unsubscribedAt)) {
			state.released = Math.max(state.released ?? releasedAt, releasedAt);
		} else {
			state.active = Math.max(state.active ?? unsubscribedAt, unsubscribedAt);
		}
		states.set(hash, state);
		if (unsubscribedAt !== UNKNOWN_TIME && typeof row.source === 'string' && row.source !== '') {
			latestBySource.set(row.source, Math.max(latestBySource.get(row.source) ?? unsubscribedAt, unsubscribedAt));
		}
	}
	const entries: Record<string, number> = {};
	let released = 0;
	for (const [hash, state] of states) {
		if (state.active !== undefined && (state.released === undefined || state.active > state.released)) {
			entries[hash] = state.active;
		} else {
			released++;
		}
	}
	return { store: { entries }, rows, ignored, released, latestBySource };
}

/**
 * The row that tells the table about one change of a run. An unsubscribe clears an earlier
 * release; a release keeps the unsubscribe time it lifts.
 */
export function changeToRow(change: LedgerChange, origin: RowOrigin, reason: string): SuppressionListRow {
	return {
		addressHash: change.hash,
		unsubscribedAt: change.unsubscribedAt === undefined ? '' : new Date(change.unsubscribedAt).toISOString(),
		releasedAt: change.releasedAt === undefined ? '' : new Date(change.releasedAt).toISOString(),
		source: origin.source,
		reason: change.releasedAt === undefined ? reason : 'released after new consent',
		workflowId: origin.workflowId,
		executionId: origin.executionId,
	};
}

// The largest epoch millisecond a Date can hold (ECMA-262 §21.4.1.22).
const MAX_TIME = 8.64e15;

/** An ISO 8601 string or epoch milliseconds as epoch ms; `undefined` for empty or unreadable values. */
export function readTimestamp(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= MAX_TIME ? value : undefined;
	if (value instanceof Date) return readTimestamp(value.getTime());
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const time = Date.parse(value);
	return Number.isNaN(time) ? undefined : time;
}
