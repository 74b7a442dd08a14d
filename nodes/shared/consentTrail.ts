import { DateTime } from 'luxon';

import type { ConsentOrigin, ConsentStatus } from './consent';
import type { SentEntry } from './report';
import { formatValue } from './values';

/**
 * Why a sent contact was allowed: the record its consent came from and that record's status and
 * date. Any part may be missing, e.g. on an item built by hand without an origin.
 */
export interface ConsentTrail {
	readonly system?: string;
	readonly record?: string;
	readonly status?: ConsentStatus;
	/** When the status was set, epoch milliseconds. */
	readonly at?: number;
}

export interface ConsentTrailTextOptions {
	/**
	 * Longest text, in UTF-16 code units; a longer system or record is shortened with "…". The node
	 * supplies the platform's field limit.
	 */
	readonly maxLength: number;
	/**
	 * IANA time zone the date is written in, e.g. the workflow's.
	 * @default 'UTC'
	 */
	readonly timeZone?: string;
}

const STATUS_WORDS: Readonly<Record<ConsentStatus, string>> = {
	optIn: 'opt-in',
	relationship: 'customer relationship',
	optOut: 'opt-out',
	none: 'no status recorded',
	unknown: 'unknown status',
};

const SEPARATOR = ' · ';
// the shortest text that still names a status: "… · opt-in · 2024-03-01"
const MIN_LENGTH = 40;
// line breaks, tabs and other controls would break a single-line platform field
const BLANKS = /[\p{C}\s]+/gu;

/** The trail of an item's consent; `undefined` when it names neither an origin, a status nor a date. */
export function consentTrailOf(
	consent: { readonly status?: ConsentStatus; readonly at?: number; readonly origin?: ConsentOrigin } | undefined,
): ConsentTrail | undefined {
	if (consent === undefined) return undefined;
	const trail: { -readonly [K in keyof ConsentTrail]: ConsentTrail[K] } = {};
	if (consent.origin !== undefined) {
		trail.system = consent.origin.system;
		trail.record = consent.origin.record;
	}
	if (consent.status !== undefined && Object.hasOwn(STATUS_WORDS, consent.status)) trail.status = consent.status;
	if (typeof consent.at === 'number' && Number.isFinite(consent.at)) trail.at = consent.at;
	return Object.keys(trail).length === 0 ? undefined : trail;
}

/**
 * The trail as one line for a platform field, e.g. "KUFER address 4711 · opt-in · 2024-03-01": the
 * date is the day in `timeZone`. Line breaks and other controls become spaces; when the text is too
 * long the origin is shortened, never the status or the date.
 */
export function formatConsentTrail(trail: ConsentTrail, options: ConsentTrailTextOptions): string {
	const { maxLength, timeZone = 'UTC' } = options;
	if (!Number.isInteger(maxLength) || maxLength < MIN_LENGTH) {
		throw new TypeError(`Expected \`maxLength\` to be an integer of at least ${MIN_LENGTH}, got ${formatValue(maxLength)}.`);
	}
	const tail: string[] = [];
	if (trail.status !== undefined) tail.push(STATUS_WORDS[trail.status] ?? STATUS_WORDS.unknown);
	if (trail.at !== undefined) tail.push(formatDay(trail.at, timeZone));
	const origin = [trail.system, trail.record].map((part) => singleLine(part ?? '')).filter((part) => part !== '').join(' ');
	const rest = tail.join(SEPARATOR);
	if (origin === '') return rest.slice(0, maxLength);
	const room = maxLength - (rest === '' ? 0 : rest.length + SEPARATOR.length);
	const shown = origin.length <= room ? origin : `${origin.slice(0, room - 1).trimEnd()}…`;
	return rest === '' ? shown : `${shown}${SEPARATOR}${rest}`;
}

type ItemConsentParts = Parameters<typeof consentTrailOf>[0];

/** What a sent list says of a contact whose item names nothing about its consent. */
const NO_TRAIL = 'no origin, status or date on the item';

/** The one-line trail of an item's consent, or `undefined` when it names none (nothing to write). */
export function describeConsentTrail(consent: ItemConsentParts, options: ConsentTrailTextOptions): string | undefined {
	const trail = consentTrailOf(consent);
	return trail === undefined ? undefined : formatConsentTrail(trail, options);
}

/** A sent contact as the run report lists it: the parts of its trail and the trail as one line. */
export function toSentEntry(email: string, consent: ItemConsentParts, options: ConsentTrailTextOptions): SentEntry {
	const trail = consentTrailOf(consent);
	if (trail === undefined) return { email, trail: NO_TRAIL };
	const parts: Omit<SentEntry, 'email' | 'trail'> = {};
	if (trail.system !== undefined) parts.system = trail.system;
	if (trail.record !== undefined) parts.record = trail.record;
	if (trail.status !== undefined) parts.status = trail.status;
	if (trail.at !== undefined) parts.consentAt = new Date(trail.at).toISOString();
	return { email, ...parts, trail: formatConsentTrail(trail, options) };
}

/** `YYYY-MM-DD` of an instant in `timeZone`. */
function formatDay(at: number, timeZone: string): string {
	const day = DateTime.fromMillis(at, { zone: timeZone });
	if (!day.isValid) {
		throw new TypeError(`Expected \`timeZone\` to be an IANA time zone, got ${formatValue(timeZone)}.`);
	}
	return day.toFormat('yyyy-MM-dd');
}

function singleLine(text: string): string {
	return text.replace(BLANKS, ' ').trim();
}
