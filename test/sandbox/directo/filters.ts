import type { Component, DirectoSettings } from './settings';
import type { DirectoRecord } from './state';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Parses a `ts` filter in the forms clients send (directo.md §9): `dd.mm.yyyy`, `d.m.yyyy`,
 * optionally followed by a time, and `yyyy-MM-dd HH:mm:ss`. Returns wall-clock ms, or undefined.
 */
export function parseTsFilter(value: string): { at: number; hasTime: boolean } | undefined {
	const trimmed = value.trim();
	const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
		trimmed,
	);
	const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(trimmed);
	let parts: number[];
	let hasTime: boolean;
	if (dotted) {
		const [, d, mo, y, h, mi, s] = dotted;
		parts = [Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)];
		hasTime = h !== undefined;
	} else if (iso) {
		const [, y, mo, d, h, mi, s] = iso;
		parts = [Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)];
		hasTime = h !== undefined;
	} else {
		return undefined;
	}
	const [y, mo, d, h, mi, s] = parts;
	const at = Date.UTC(y, mo - 1, d, h, mi, s);
	const check = new Date(at);
	if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return undefined;
	return { at, hasTime };
}

/** Start of the changed-since window: the exact time, or the start of its day (§13 #2). */
export function changedSince(
	filter: { at: number; hasTime: boolean },
	settings: DirectoSettings,
): number {
	if (settings.honourTimeOfDay && filter.hasTime) return filter.at;
	return Math.floor(filter.at / DAY_MS) * DAY_MS;
}

function addresses(field: string): string[] {
	return field
		.split(/[;,\s]+/)
		.filter((part) => part !== '')
		.map((part) => part.toLowerCase());
}

function matchesFilter(record: DirectoRecord, name: string, value: string): boolean {
	const actual = name === 'code' ? record.code : (record.attributes[name] ?? '');
	if (name === 'email') return addresses(actual).includes(value.trim().toLowerCase());
	if (name === 'closed') return (actual === '1') === (value.trim() === '1');
	return actual === value;
}

/**
 * The filters of a `get` that this interface applies; unknown parameters are ignored, as a real
 * interface ignores what it does not know.
 */
export function recordFilter(
	kind: Component,
	params: Readonly<Record<string, string>>,
	settings: DirectoSettings,
	since: number | undefined,
): (record: DirectoRecord) => boolean {
	const known = kind === 'customer' ? settings.customerFilters : settings.contactFilters;
	const active = Object.entries(params).filter(([name]) => known.includes(name));
	return (record) =>
		(since === undefined || record.ts >= since) &&
		active.every(([name, value]) => matchesFilter(record, name, value));
}
