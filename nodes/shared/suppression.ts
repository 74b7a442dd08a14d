import { hash as digest } from 'node:crypto';

import { normaliseEmailKey } from './contact';
import { formatValue } from './values';

/**
 * A plain, JSON-safe object the caller persists (n8n static data); the ledger mutates it in place.
 */
export interface LedgerStore {
	/** Address hash → latest unsubscribe time, epoch milliseconds. */
	entries?: Record<string, number>;
	version?: number;
}

export interface LedgerCheck {
	suppressed: boolean;
	reason?: string;
	/** The stored unsubscribe time; absent when it is not known. */
	unsubscribedAt?: number;
}

const LEDGER_VERSION = 1;

// Stands for "unsubscribed at an unknown time": later than any opt-in, so only `release` lifts it,
// and still a plain JSON number (Infinity would be saved as null).
const UNKNOWN_TIME = Number.MAX_SAFE_INTEGER;

// The largest epoch millisecond a Date can hold (ECMA-262 §21.4.1.22).
const MAX_TIME = 8.64e15;

const NOT_SUPPRESSED: LedgerCheck = Object.freeze({ suppressed: false });

/** What one run changed for one address hash; the caller persists it (a suppression list row). */
export interface LedgerChange {
	readonly hash: string;
	/** The unsubscribe time now stored, epoch ms; `undefined` when it is not known. */
	readonly unsubscribedAt?: number;
	/** Set when the run released the address after explicit re-consent, epoch ms. */
	readonly releasedAt?: number;
}

/**
 * Remembers unsubscribed addresses as hashes, so an address stays suppressed after the platform
 * purges its own unsubscriber list. No address is ever stored in clear text.
 */
export class SuppressionLedger {
	private readonly entries: Record<string, number>;

	/** The entries again, for lookups: a Map finds a fresh hash string faster than an object key. */
	private readonly lookup: Map<string, unknown>;

	private count: number;

	private readonly changed = new Map<string, LedgerChange>();

	private readonly now: () => number;

	constructor(store: LedgerStore, options: { now?: () => number } = {}) {
		this.now = options.now ?? Date.now;
		if (typeof store !== 'object' || store === null || Array.isArray(store)) {
			throw new TypeError(`Expected \`store\` to be an object, got ${formatValue(store)}.`);
		}
		const version: unknown = store.version;
		if (version !== undefined && (typeof version !== 'number' || version > LEDGER_VERSION)) {
			throw new TypeError(
				`Expected \`store.version\` to be at most ${LEDGER_VERSION}, got ${formatValue(version)}: the ledger was written by a newer version of this package.`,
			);
		}
		const entries: unknown = store.entries ?? {};
		if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
			throw new TypeError(
				`Expected \`store.entries\` to be an object, got ${formatValue(entries)}.`,
			);
		}
		store.entries = entries as Record<string, number>;
		store.version = LEDGER_VERSION;
		this.entries = store.entries;
		this.lookup = new Map(Object.entries(this.entries));
		this.count = this.lookup.size;
	}

	/** SHA-256 of the address's match key (trimmed, NFC, lower-cased), base64url without padding. */
	static hash(email: string): string {
		// the one-shot digest costs a third of a Hash object's, for each address of a run
		return digest('sha256', normaliseEmailKey(email), 'base64url');
	}

	/**
	 * Records an unsubscribe and returns whether the address is new to the ledger. An existing entry
	 * keeps the later of the two times; a missing or invalid `at` means "time unknown", which no
	 * opt-in date can overrule.
	 */
	add(email: string, at?: number): boolean {
		const time = isTime(at) ? at : UNKNOWN_TIME;
		const hash = SuppressionLedger.hash(email);
		const stored = this.read(hash);
		if (stored === undefined) {
			this.write(hash, time);
			this.count += 1;
			this.recordChange(hash, time);
			return true;
		}
		if (time > stored) {
			this.write(hash, time);
			this.recordChange(hash, time);
		}
		return false;
	}

	has(email: string): boolean {
		return this.count > 0 && this.read(SuppressionLedger.hash(email)) !== undefined;
	}

	/**
	 * Whether to hold the address back. An entry suppresses unless `optInAt` (epoch ms) is strictly
	 * after the stored unsubscribe time: a newer opt-in is re-consent.
	 */
	check(email: string, optInAt?: number): LedgerCheck {
		// an empty ledger holds nothing back: no address needs hashing
		if (this.count === 0) return NOT_SUPPRESSED;
		const stored = this.read(SuppressionLedger.hash(email));
		if (stored === undefined) return NOT_SUPPRESSED;
		if (stored === UNKNOWN_TIME) {
			return { suppressed: true, reason: 'unsubscribed earlier (date unknown)' };
		}
		const when = new Date(stored).toISOString();
		if (typeof optInAt === 'number' && optInAt > stored) {
			return {
				suppressed: false,
				reason: `opted in again after unsubscribing on ${when}`,
				unsubscribedAt: stored,
			};
		}
		return { suppressed: true, reason: `unsubscribed on ${when}`, unsubscribedAt: stored };
	}

	/** Removes the entry after explicit re-consent; returns whether there was one. */
	release(email: string): boolean {
		const hash = SuppressionLedger.hash(email);
		const stored = this.read(hash);
		if (stored === undefined) return false;
		delete this.entries[hash];
		this.lookup.delete(hash);
		this.count -= 1;
		this.changed.set(hash, {
			hash,
			...(stored === UNKNOWN_TIME ? {} : { unsubscribedAt: stored }),
			releasedAt: this.now(),
		});
		return true;
	}

	/**
	 * The entries this ledger object added, moved to a later time or released, once per address
	 * hash: what a durable store (a suppression list table) has to be told after the run.
	 */
	changes(): LedgerChange[] {
		return [...this.changed.values()];
	}

	get size(): number {
		return this.count;
	}

	private recordChange(hash: string, time: number): void {
		this.changed.set(hash, time === UNKNOWN_TIME ? { hash } : { hash, unsubscribedAt: time });
	}

	private write(hash: string, time: number): void {
		this.entries[hash] = time;
		this.lookup.set(hash, time);
	}

	private read(hash: string): number | undefined {
		const stored = this.lookup.get(hash);
		if (stored === undefined) return undefined;
		// a damaged value still suppresses: losing an unsubscribe is worse than holding one back
		return isTime(stored) ? stored : UNKNOWN_TIME;
	}
}

function isTime(value: unknown): value is number {
	return typeof value === 'number' && Math.abs(value) <= MAX_TIME;
}
