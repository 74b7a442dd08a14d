import { DateTime, Info } from 'luxon';

/** KUFER writes local dates as `dd.mm.yyyy`, optionally with ` HH:MM` or ` HH:MM:SS` (kufer.md §1.6, §3.3). */
const KUFER_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

// Platform timestamps without a zone (Maileon's `yyyy-MM-dd HH:mm:ss`) are UTC (maileon.md §6.11).
const PLATFORM_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

const CACHE_LIMIT = 4096;

export interface KuferDate {
	/** Year, month, day, hour, minute, second as written (0 for a missing time). */
	readonly parts: readonly [number, number, number, number, number, number];
	/** Whether the text carried a time of day. */
	readonly hasTime: boolean;
}

/** Whether `zone` is an IANA time zone luxon can use, e.g. `Europe/Berlin`. */
export function isValidTimeZone(zone: string): boolean {
	return Info.isValidIANAZone(zone);
}

/**
 * Reads KUFER's local date format in `zone`. `undefined` when the text does not look like such a
 * date, `null` when it does but names no real day or time (`31.02.2024`, `24:00`).
 */
export class KuferDateReader {
	private readonly cache = new Map<string, KuferDate | null>();
	/** Zone offset in minutes per local month or day (`yyyymm`, `yyyymmdd`); `null`: it changes inside. */
	private readonly offsets = new Map<number, number | null>();

	constructor(private readonly zone: string) {}

	read(text: string): KuferDate | null | undefined {
		const cached = this.cache.get(text);
		if (cached !== undefined) return cached;
		const match = KUFER_DATE.exec(text);
		if (!match) return undefined;
		const hasTime = match[4] !== undefined;
		const parts = [3, 2, 1, 4, 5, 6].map((group) =>
			Number(match[group] ?? 0),
		) as unknown as KuferDate['parts'];
		const result = isRealTime(parts) ? { parts, hasTime } : null;
		// dates repeat (sign-up days, birthdays); date-times rarely do, and caching them would only
		// age garbage into the old generation
		if (!hasTime) {
			if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
			this.cache.set(text, result);
		}
		return result;
	}

	/** The date as epoch milliseconds, the local time read in the zone. */
	instant(date: KuferDate): number {
		const [year, month, day, hour, minute, second] = date.parts;
		const offset = this.offsetOn(year, month, day);
		if (offset !== null)
			return Date.UTC(year, month - 1, day, hour, minute, second) - offset * MINUTE;
		// the day of a DST change: luxon places the time (a skipped hour moves forward)
		return DateTime.fromObject(
			{ year, month, day, hour, minute, second },
			{ zone: this.zone },
		).toMillis();
	}

	/** ISO 8601: `yyyy-mm-dd`, or the local date and time with the zone's offset. */
	toIso(date: KuferDate): string {
		const [year, month, day, hour, minute, second] = date.parts;
		const text = `${year}-${pad(month)}-${pad(day)}`;
		if (!date.hasTime) return text;
		const offset = this.offsetOn(year, month, day);
		if (offset !== null)
			return `${text}T${pad(hour)}:${pad(minute)}:${pad(second)}${formatOffset(offset)}`;
		const local = DateTime.fromObject(
			{ year, month, day, hour, minute, second },
			{ zone: this.zone },
		);
		return local.toISO({ suppressMilliseconds: true }) ?? text;
	}

	// luxon's zone arithmetic costs ~75 µs a call, and offsets change on two days a year at most
	private offsetOn(year: number, month: number, day: number): number | null {
		const monthKey = year * 100 + month;
		const last = daysInMonth(year, month);
		const monthly = this.offsetBetween(monthKey, [year, month, 1], [year, month, last]);
		return (
			monthly ?? this.offsetBetween(monthKey * 100 + day, [year, month, day], [year, month, day])
		);
	}

	private offsetBetween(key: number, first: number[], last: number[]): number | null {
		const known = this.offsets.get(key);
		if (known !== undefined) return known;
		const zone = { zone: this.zone };
		const start = DateTime.fromObject({ year: first[0], month: first[1], day: first[2] }, zone);
		const end = DateTime.fromObject(
			{ year: last[0], month: last[1], day: last[2], hour: 23, minute: 59, second: 59 },
			zone,
		);
		const offset = start.offset === end.offset ? start.offset : null;
		if (this.offsets.size >= CACHE_LIMIT) this.offsets.clear();
		this.offsets.set(key, offset);
		return offset;
	}
}

const MINUTE = 60 * 1000;

function pad(value: number): string {
	return value < 10 ? `0${value}` : String(value);
}

function formatOffset(minutes: number): string {
	const sign = minutes < 0 ? '-' : '+';
	const absolute = Math.abs(minutes);
	return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
	const isLeap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	return month === 2 && isLeap ? 29 : DAYS_IN_MONTH[month - 1];
}

function isRealTime([year, month, day, hour, minute, second]: KuferDate['parts']): boolean {
	return (
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysInMonth(year, month) &&
		hour <= 23 &&
		minute <= 59 &&
		second <= 59
	);
}

/** `dd.mm.yyyy` of an instant in `zone`, as the back-sync file writes `newsletterdatum`. */
export function formatKuferDate(at: number, zone: string): string {
	return DateTime.fromMillis(at, { zone }).toFormat('dd.MM.yyyy');
}

/** `dd.mm.yyyy HH:MM` of an instant in `zone`, as the root attribute `exportdatum` (kufer.md §2.1). */
export function formatKuferDateTime(at: number, zone: string): string {
	return DateTime.fromMillis(at, { zone }).toFormat('dd.MM.yyyy HH:mm');
}

/** `YYYYMMDD-HHMMSS` of an instant in `zone`, for file names (kufer.md §2.2). */
export function formatFileStamp(at: number, zone: string): string {
	return DateTime.fromMillis(at, { zone }).toFormat('yyyyMMdd-HHmmss');
}

/**
 * An unsubscribe time as platforms and users hand it over: epoch milliseconds, ISO 8601, a
 * zone-less `yyyy-mm-dd[ HH:MM:SS]` (read as UTC, as Maileon writes it) or KUFER's own
 * `dd.mm.yyyy` (read in `zone`). `undefined` when it is none of these.
 */
export function readInstant(value: unknown, zone: string): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (text === '') return undefined;
	const platform = PLATFORM_TIMESTAMP.exec(text);
	if (platform) {
		const [, year, month, day, hour, minute, second] = platform;
		const utc = DateTime.fromObject(
			{
				year: Number(year),
				month: Number(month),
				day: Number(day),
				hour: Number(hour ?? 0),
				minute: Number(minute ?? 0),
				second: Number(second ?? 0),
			},
			{ zone: 'utc' },
		);
		return utc.isValid ? utc.toMillis() : undefined;
	}
	const reader = new KuferDateReader(zone);
	const kufer = reader.read(text);
	if (kufer !== undefined) return kufer === null ? undefined : reader.instant(kufer);
	const iso = DateTime.fromISO(text, { setZone: true });
	return iso.isValid ? iso.toMillis() : undefined;
}
