import { DateTime, Info } from 'luxon';

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
	/** Zone offset in minutes per local month or day (`yyyymm`, `yyyymmdd`); `null`: it changes inside. */
	private readonly offsets = new Map<number, number | null>();

	constructor(private readonly zone: string) {}

	read(text: string): KuferDate | null | undefined {
		const form = scanKuferDate(text, scanned);
		if (form === NOT_A_DATE) return undefined;
		const hasTime = form === DATE_TIME;
		const parts: KuferDate['parts'] = [
			scanned[0],
			scanned[1],
			scanned[2],
			scanned[3],
			scanned[4],
			scanned[5],
		];
		// no cache of texts read: looking a fresh text up in a map costs more than scanning it
		return isRealTime(parts) ? { parts, hasTime } : null;
	}

	/** The date as epoch milliseconds, the local time read in the zone. */
	instant(date: KuferDate): number {
		const [year, month, day, hour, minute, second] = date.parts;
		return this.instantAt(year, month, day, hour, minute, second);
	}

	/**
	 * `read` and `instant` in one step, for a date that is only needed as an instant: `undefined`
	 * when the text is no KUFER date or names no real day or time.
	 */
	instantOf(text: string): number | undefined {
		if (scanKuferDate(text, scanned) === NOT_A_DATE || !isRealTime(scanned)) return undefined;
		return this.instantAt(scanned[0], scanned[1], scanned[2], scanned[3], scanned[4], scanned[5]);
	}

	private instantAt(
		year: number,
		month: number,
		day: number,
		hour: number,
		minute: number,
		second: number,
	): number {
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
		return (
			this.offsetBetween(monthKey, year, month, 1, daysInMonth(year, month)) ??
			this.offsetBetween(monthKey * 100 + day, year, month, day, day)
		);
	}

	private offsetBetween(
		key: number,
		year: number,
		month: number,
		firstDay: number,
		lastDay: number,
	): number | null {
		const known = this.offsets.get(key);
		if (known !== undefined) return known;
		const zone = { zone: this.zone };
		const start = DateTime.fromObject({ year, month, day: firstDay }, zone);
		const end = DateTime.fromObject(
			{ year, month, day: lastDay, hour: 23, minute: 59, second: 59 },
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

function isRealTime(parts: ArrayLike<number>): boolean {
	const month = parts[1];
	return (
		month >= 1 &&
		month <= 12 &&
		parts[2] >= 1 &&
		parts[2] <= daysInMonth(parts[0], month) &&
		parts[3] <= 23 &&
		parts[4] <= 59 &&
		parts[5] <= 59
	);
}

const NOT_A_DATE = 0;
const DATE = 1;
const DATE_TIME = 2;

const DOT = 0x2e;
const COLON = 0x3a;
const SPACE = 0x20;
const LETTER_T = 0x54;

/** Year, month, day, hour, minute, second of the last scan; one array for every read. */
const scanned = [0, 0, 0, 0, 0, 0];
/** Where the scan of the current text stands. */
let position = 0;

/**
 * Reads KUFER's local date format, `d.m.yyyy` with an optional time `[ T]+H:MM[:SS]` (1–2 digits
 * for day, month and hour, kufer.md §1.6, §3.3), into `parts`: year, month, day, hour, minute,
 * second, 0 for a missing time. Nothing may come before or after. Whether the values name a real
 * day is left to the caller.
 */
function scanKuferDate(text: string, parts: number[]): number {
	position = 0;
	const day = readDigits(text, 1, 2);
	if (day < 0 || !skip(text, DOT)) return NOT_A_DATE;
	const month = readDigits(text, 1, 2);
	if (month < 0 || !skip(text, DOT)) return NOT_A_DATE;
	const year = readDigits(text, 4, 4);
	if (year < 0) return NOT_A_DATE;
	parts[0] = year;
	parts[1] = month;
	parts[2] = day;
	parts[3] = 0;
	parts[4] = 0;
	parts[5] = 0;
	if (position === text.length) return DATE;
	const dateEnd = position;
	for (let code = text.charCodeAt(position); code === SPACE || code === LETTER_T; ) {
		code = text.charCodeAt(++position);
	}
	if (position === dateEnd) return NOT_A_DATE;
	const hour = readDigits(text, 1, 2);
	if (hour < 0 || !skip(text, COLON)) return NOT_A_DATE;
	const minute = readDigits(text, 2, 2);
	if (minute < 0) return NOT_A_DATE;
	const second = skip(text, COLON) ? readDigits(text, 2, 2) : 0;
	if (second < 0 || position !== text.length) return NOT_A_DATE;
	parts[3] = hour;
	parts[4] = minute;
	parts[5] = second;
	return DATE_TIME;
}

/**
 * The number written with `min` to `max` ASCII digits at the scan position, moving past them; -1
 * when fewer are there.
 */
function readDigits(text: string, min: number, max: number): number {
	let value = 0;
	let count = 0;
	while (count < max) {
		// NaN past the end, which fails both comparisons
		const digit = text.charCodeAt(position) - 48;
		if (!(digit >= 0 && digit <= 9)) break;
		value = value * 10 + digit;
		position++;
		count++;
	}
	return count < min ? -1 : value;
}

/** Moves past `code` when it is at the scan position. */
function skip(text: string, code: number): boolean {
	if (text.charCodeAt(position) !== code) return false;
	position++;
	return true;
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
