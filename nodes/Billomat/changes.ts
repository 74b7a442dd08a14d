import { isRecord } from '../shared/values';
import { fingerprintClient, readText, type BillomatRecord } from './mapping';

export type ChangeDetection = 'updated' | 'fingerprint';
export type ClientEvent = 'newClient' | 'updatedClient';

/**
 * The trigger's cursor, kept in the node's static data. Every value comes from Billomat's answers
 * (ids, `updated` stamps, content digests), never from n8n's clock.
 */
export interface TriggerCursor {
	version: 1;
	detection: ChangeDetection;
	/** Highest client id seen; a larger id is a new client (detection `updated`). */
	lastId: number;
	/** Newest `updated` stamp seen, epoch ms (detection `updated`). */
	lastUpdated: number;
	/** Clients whose `updated` equals `lastUpdated`: already emitted, though not newer than the cursor. */
	boundaryIds: string[];
	/** Digest per client id (detection `fingerprint`). */
	fingerprints: Record<string, string>;
}

export interface ClientChange {
	event: ClientEvent;
	client: BillomatRecord;
}

function idOf(client: BillomatRecord): { text: string; value: number } | undefined {
	const text = readText(client, 'id');
	const value = Number(text);
	return text !== undefined && Number.isFinite(value) ? { text, value } : undefined;
}

function updatedOf(client: BillomatRecord): number | undefined {
	const stamp = readText(client, 'updated');
	if (stamp === undefined || stamp.startsWith('0001-01-01')) return undefined;
	const time = Date.parse(stamp);
	return Number.isNaN(time) ? undefined : time;
}

/** `updated` when every client carries a usable stamp (billomat.md §16 #4), else content digests. */
export function chooseDetection(clients: readonly BillomatRecord[]): ChangeDetection {
	return clients.every((client) => updatedOf(client) !== undefined) ? 'updated' : 'fingerprint';
}

/** The cursor that describes `clients` as they are now. */
export function buildCursor(clients: readonly BillomatRecord[], detection: ChangeDetection): TriggerCursor {
	const cursor: TriggerCursor = {
		version: 1,
		detection,
		lastId: 0,
		lastUpdated: 0,
		boundaryIds: [],
		fingerprints: {},
	};
	for (const client of clients) {
		const id = idOf(client);
		if (id === undefined) continue;
		cursor.lastId = Math.max(cursor.lastId, id.value);
		if (detection === 'fingerprint') {
			cursor.fingerprints[id.text] = fingerprintClient(client);
			continue;
		}
		const updated = updatedOf(client);
		if (updated === undefined || updated < cursor.lastUpdated) continue;
		if (updated > cursor.lastUpdated) {
			cursor.lastUpdated = updated;
			cursor.boundaryIds = [];
		}
		cursor.boundaryIds.push(id.text);
	}
	if (detection === 'updated') cursor.boundaryIds.sort();
	return cursor;
}

function isChangedSince(previous: TriggerCursor, client: BillomatRecord, id: string): boolean {
	if (previous.detection === 'fingerprint') return previous.fingerprints[id] !== fingerprintClient(client);
	const updated = updatedOf(client);
	if (updated === undefined) return false;
	// a stamp equal to the cursor is new unless it was on the boundary last time (same-second writes)
	return updated > previous.lastUpdated || (updated === previous.lastUpdated && !previous.boundaryIds.includes(id));
}

/**
 * What changed between the cursor and a full list of clients, and the cursor to store once the
 * changes are emitted. Each client is reported at most once per comparison, new before updated.
 */
export function findChanges(
	previous: TriggerCursor,
	clients: readonly BillomatRecord[],
): { changes: ClientChange[]; next: TriggerCursor } {
	const changes: ClientChange[] = [];
	for (const client of clients) {
		const id = idOf(client);
		if (id === undefined) continue;
		const isNew =
			previous.detection === 'fingerprint'
				? previous.fingerprints[id.text] === undefined
				: id.value > previous.lastId;
		if (isNew) changes.push({ event: 'newClient', client });
		else if (isChangedSince(previous, client, id.text)) changes.push({ event: 'updatedClient', client });
	}
	const next = buildCursor(clients, previous.detection);
	// the cursor never moves back, even if the newest client was deleted meanwhile
	next.lastId = Math.max(next.lastId, previous.lastId);
	if (previous.detection === 'updated' && next.lastUpdated < previous.lastUpdated) {
		next.lastUpdated = previous.lastUpdated;
		next.boundaryIds = previous.boundaryIds;
	}
	return { changes, next };
}

/** A stored cursor, or `undefined` when static data holds none (or one of another shape). */
export function readCursor(stored: Record<string, unknown>): TriggerCursor | undefined {
	if (stored.version !== 1) return undefined;
	const detection = stored.detection;
	if (detection !== 'updated' && detection !== 'fingerprint') return undefined;
	const fingerprints = stored.fingerprints;
	return {
		version: 1,
		detection,
		lastId: typeof stored.lastId === 'number' ? stored.lastId : 0,
		lastUpdated: typeof stored.lastUpdated === 'number' ? stored.lastUpdated : 0,
		boundaryIds: Array.isArray(stored.boundaryIds) ? stored.boundaryIds.map(String) : [],
		fingerprints:
			isRecord(fingerprints) ? (fingerprints as Record<string, string>)
				: {},
	};
}
