import type { SandboxClock } from '../framework/clock';
import { isValidEmail } from './fields';

/** Ids of Maileon's global blacklists: readable, never writable over the API (maileon.md §6.12). */
export const GLOBAL_BLACKLIST_IDS: readonly number[] = [1, 2];

export interface BlacklistSnapshot {
	readonly id: number;
	readonly name: string;
	readonly global: boolean;
	/** Entries in the order they were added, as sent (addresses or `*` wildcards). */
	readonly entries: readonly string[];
	/** One row per accepted `add_entries_action`. */
	readonly imports: readonly BlacklistImport[];
}

export interface BlacklistImport {
	readonly name: string;
	readonly entries: number;
	readonly at: number;
}

interface StoredBlacklist {
	readonly id: number;
	readonly name: string;
	readonly global: boolean;
	/** Lower-cased entry → when it was added (sandbox clock). */
	readonly entries: Map<string, number>;
	readonly imports: BlacklistImport[];
}

/** A blacklist entry matches an address: equal, or a `*` wildcard covering it (case-insensitive). */
export interface BlacklistMatch {
	readonly blacklistId: number;
	readonly entry: string;
	readonly addedAt: number;
}

const SEEDED: readonly { id: number; name: string }[] = [
	{ id: 1, name: 'Global blacklist' },
	{ id: 2, name: 'Global domain blacklist' },
	{ id: 11, name: 'Newsletter opt-outs' },
	{ id: 12, name: 'Competitors' },
];

/**
 * An entry is an address or a pattern with `*` wildcards and one `@` (`*@domain`, `info@*`); the
 * sandbox refuses anything else with `400` (what Maileon does with such entries is not documented).
 */
export function isBlacklistEntry(entry: string): boolean {
	if (isValidEmail(entry)) return true;
	if (!entry.includes('*')) return false;
	const at = entry.indexOf('@');
	return at >= 0 && at === entry.lastIndexOf('@') && !/\s/.test(entry);
}

function patternOf(entry: string): RegExp {
	const escaped = entry.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(`^${escaped.join('.*')}$`, 'i');
}

/** The account's blacklists and Maileon's global ones (maileon.md §6.12). */
export class BlacklistStore {
	private readonly lists = new Map<number, StoredBlacklist>();
	private readonly patterns = new Map<string, RegExp>();

	constructor(private readonly clock: SandboxClock) {
		this.reset();
	}

	/** Back to the seeded lists: global 1 and 2, account lists 11 and 12, all empty. */
	reset(): void {
		this.lists.clear();
		for (const seed of SEEDED) this.create(seed.id, seed.name);
	}

	/** Adds a blacklist (test helper); `global` lists answer `403` to writes. */
	create(id: number, name: string): BlacklistSnapshot {
		const list: StoredBlacklist = { id, name, global: GLOBAL_BLACKLIST_IDS.includes(id), entries: new Map(), imports: [] };
		this.lists.set(id, list);
		return this.snapshot(list);
	}

	/** Every list, global ones included, in id order. */
	all(): BlacklistSnapshot[] {
		return [...this.lists.values()].sort((a, b) => a.id - b.id).map((list) => this.snapshot(list));
	}

	get(id: number): BlacklistSnapshot | undefined {
		const list = this.lists.get(id);
		return list && this.snapshot(list);
	}

	/**
	 * Adds entries as one import; an entry already on the list keeps its first date. Test helpers
	 * may seed the global lists; the route checks `global` before calling.
	 */
	addEntries(id: number, entries: readonly string[], importName: string): number {
		const list = this.lists.get(id);
		if (!list) throw new Error(`addEntries: no blacklist ${id}.`);
		const now = this.clock.now();
		let added = 0;
		for (const entry of entries) {
			const key = entry.trim().toLowerCase();
			if (list.entries.has(key)) continue;
			list.entries.set(key, now);
			added++;
		}
		list.imports.push({ name: importName, entries: entries.length, at: now });
		return added;
	}

	/** The first entry of any list that covers this address. */
	match(email: string): BlacklistMatch | undefined {
		const address = email.trim().toLowerCase();
		for (const list of this.lists.values()) {
			const exact = list.entries.get(address);
			if (exact !== undefined) return { blacklistId: list.id, entry: address, addedAt: exact };
			for (const [entry, addedAt] of list.entries) {
				if (entry.includes('*') && this.patternFor(entry).test(address)) {
					return { blacklistId: list.id, entry, addedAt };
				}
			}
		}
		return undefined;
	}

	private patternFor(entry: string): RegExp {
		let pattern = this.patterns.get(entry);
		if (!pattern) {
			pattern = patternOf(entry);
			this.patterns.set(entry, pattern);
		}
		return pattern;
	}

	private snapshot(list: StoredBlacklist): BlacklistSnapshot {
		return {
			id: list.id,
			name: list.name,
			global: list.global,
			entries: [...list.entries.keys()],
			imports: list.imports.map((row) => ({ ...row })),
		};
	}
}
