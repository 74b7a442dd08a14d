import { DateTime } from 'luxon';

/**
 * A Directo change time as written, without a zone (directo.md §3, §9), counted as if it were UTC:
 * comparing and subtracting need no zone, only turning it into an instant does.
 */
export type WallTime = number;

const HOUR_MS = 60 * 60 * 1000;

const TS_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const DATE_PATTERN = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function wallTime(parts: readonly number[]): WallTime | undefined {
	const [year, month, day, hour = 0, minute = 0, second = 0] = parts;
	const at = Date.UTC(year, month - 1, day, hour, minute, second);
	const check = new Date(at);
	// rejects 31.02. and the like instead of rolling over into the next month
	if (
		check.getUTCFullYear() !== year ||
		check.getUTCMonth() !== month - 1 ||
		check.getUTCDate() !== day
	) {
		return undefined;
	}
	return at;
}

function numbers(match: RegExpExecArray, order: readonly number[]): number[] {
	return order.map((group) => Number(match[group] ?? 0));
}

/** Reads a record's `ts` attribute (`2024-01-15T10:30:00`). */
export function parseRecordTs(value: string | undefined): WallTime | undefined {
	if (value === undefined) return undefined;
	const match = TS_PATTERN.exec(value.trim());
	return match ? wallTime(numbers(match, [1, 2, 3, 4, 5, 6])) : undefined;
}

/** Reads a date as Directo users type it in a datafield parameter: `dd.mm.yyyy` (time optional) or `yyyy-mm-dd`. */
export function parseDirectoDate(value: string | undefined): WallTime | undefined {
	if (value === undefined) return undefined;
	const text = value.trim();
	const dotted = DATE_PATTERN.exec(text);
	if (dotted) return wallTime(numbers(dotted, [3, 2, 1, 4, 5, 6]));
	const iso = ISO_DATE_PATTERN.exec(text);
	if (iso) return wallTime(numbers(iso, [1, 2, 3]));
	return parseRecordTs(text);
}

export function formatRecordTs(at: WallTime): string {
	return new Date(at).toISOString().slice(0, 19);
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

/** The `ts` filter value: `dd.mm.yyyy`, or `yyyy-MM-dd HH:mm:ss` when the interface honours times (§13 #2). */
export function formatChangedSince(at: WallTime, format: 'date' | 'dateTime'): string {
	const date = new Date(at);
	if (format === 'dateTime') return formatRecordTs(at).replace('T', ' ');
	return `${pad(date.getUTCDate())}.${pad(date.getUTCMonth() + 1)}.${date.getUTCFullYear()}`;
}

export function subtractHours(at: WallTime, hours: number): WallTime {
	return at - hours * HOUR_MS;
}

// Time-zone arithmetic is slow and a customer base repeats the same few thousand opt-in dates.
const INSTANT_CACHE_SIZE = 4096;
const instantCache = new Map<string, number | undefined>();

/** The instant of a Directo wall time in Directo's zone, epoch ms; `undefined` for an unknown zone. */
export function toInstant(at: WallTime, zone: string): number | undefined {
	const key = `${zone}|${at}`;
	if (instantCache.has(key)) return instantCache.get(key);
	const instant = computeInstant(at, zone);
	if (instantCache.size >= INSTANT_CACHE_SIZE) instantCache.clear();
	instantCache.set(key, instant);
	return instant;
}

function computeInstant(at: WallTime, zone: string): number | undefined {
	const date = new Date(at);
	const local = DateTime.fromObject(
		{
			year: date.getUTCFullYear(),
			month: date.getUTCMonth() + 1,
			day: date.getUTCDate(),
			hour: date.getUTCHours(),
			minute: date.getUTCMinutes(),
			second: date.getUTCSeconds(),
		},
		{ zone },
	);
	return local.isValid ? local.toMillis() : undefined;
}

/**
 * A date/time given to the node (an ISO string, with or without offset) as Directo wall time: a
 * value without offset is taken as Directo's local time, one with an offset is converted.
 */
export function toWallTime(value: string, zone: string): WallTime | undefined {
	const parsed = DateTime.fromISO(value.trim(), { zone });
	if (!parsed.isValid) return undefined;
	return Date.UTC(
		parsed.year,
		parsed.month - 1,
		parsed.day,
		parsed.hour,
		parsed.minute,
		parsed.second,
	);
}

/** Whether luxon knows the zone name. */
export function isKnownZone(zone: string): boolean {
	return DateTime.now().setZone(zone).isValid;
}
