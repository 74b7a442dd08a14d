import { createHash } from 'node:crypto';

import type { DirectoRecord } from './mapping';
import { formatRecordTs, parseRecordTs, subtractHours, type WallTime } from './time';

/** What the trigger keeps in the node's static data between polls. */
export interface CursorState {
	/** The newest `ts` Directo returned, as Directo wrote it; never the n8n clock. */
	cursor?: string;
	/** Hashes of code + ts of the records inside the overlap window that were already emitted. */
	seen?: string[];
	/** Set by the first poll, also when Directo had no record yet: from then on every change is new. */
	primed?: boolean;
}

export interface PollOutcome {
	/** Records to emit, oldest change first. */
	readonly fresh: DirectoRecord[];
	readonly state: CursorState;
}

/** Identity of one version of one card: the same card changed again is a new version. */
export function versionKey(record: DirectoRecord): string {
	return createHash('sha256')
		.update(`${record.code}\u0000${record.ts ?? ''}`)
		.digest('base64url')
		.slice(0, 16);
}

/**
 * Keeps the records of one poll that were not emitted before. Directo filters changes by date only
 * (directo.md §3), and a write may become visible with a `ts` older than the newest one already
 * read, so each poll re-reads `overlapHours` before the cursor. Inside that window a version
 * (code + ts) is emitted once; records older than the window were emitted by earlier polls.
 */
export class PollWindow {
	private readonly windowStart: WallTime | undefined;

	private readonly seen: ReadonlySet<string>;

	private newest: WallTime | undefined;

	private readonly isFirstPoll: boolean;

	private readonly candidates: Array<{ at: WallTime; key: string; record?: DirectoRecord }> = [];

	constructor(
		state: CursorState,
		private readonly overlapHours: number,
	) {
		const cursor = parseRecordTs(state.cursor);
		this.newest = cursor;
		this.windowStart = cursor === undefined ? undefined : subtractHours(cursor, overlapHours);
		this.seen = new Set(state.seen ?? []);
		this.isFirstPoll = state.primed !== true;
	}

	/** Where the next read starts (Directo wall time), `undefined` before the first cursor. */
	get readFrom(): WallTime | undefined {
		return this.windowStart;
	}

	/** Every record Directo returned moves the cursor, also one the trigger's filters drop. */
	observe(record: DirectoRecord): void {
		const at = parseRecordTs(record.ts);
		if (at !== undefined && (this.newest === undefined || at > this.newest)) this.newest = at;
	}

	/** A record that passed the filters: kept for the seen set, and for emitting when it is new. */
	offer(record: DirectoRecord): void {
		const at = parseRecordTs(record.ts);
		if (at === undefined) return;
		// the first poll emits nothing and reads the whole history: keep only the keys
		this.candidates.push({
			at,
			key: versionKey(record),
			record: this.isFirstPoll ? undefined : record,
		});
	}

	/**
	 * The records to emit and the next state. The first poll emits nothing: its state only marks
	 * where the history ends.
	 */
	finish(): PollOutcome {
		const newest = this.newest;
		const start = this.windowStart ?? -Infinity;
		const fresh = this.isFirstPoll
			? []
			: this.candidates
					.filter(({ at, key }) => at >= start && !this.seen.has(key))
					.sort((a, b) => a.at - b.at)
					.flatMap(({ record }) => (record === undefined ? [] : [record]));
		if (newest === undefined) return { fresh, state: { primed: true } };
		const nextWindowStart = subtractHours(newest, this.overlapHours);
		const seen = [
			...new Set(this.candidates.filter(({ at }) => at >= nextWindowStart).map(({ key }) => key)),
		];
		return { fresh, state: { cursor: formatRecordTs(newest), seen, primed: true } };
	}
}
