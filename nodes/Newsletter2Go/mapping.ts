import { genderFromSalutation } from '../shared/contact';
import type { TargetField } from '../shared/n8n/fieldMapping';
import { isRecord } from '../shared/values';

/** The response envelope of every resource endpoint (newsletter2go.md §3.3, §14). */
export interface Envelope {
	status?: number;
	/** Total matches of a collection, or affected records of a write. */
	count?: number;
	/** `true` when `info.links._next` is present; `undefined` when absent (its presence is not guaranteed). */
	next?: true;
	additional: Record<string, unknown>;
	value: unknown[];
}

export type RecipientValue = string | boolean;

/** Built-in recipient attributes (§7.6); every other attribute name is a custom attribute. */
export const BUILT_IN_ATTRIBUTES: ReadonlySet<string> = new Set([
	'email',
	'phone',
	'gender',
	'first_name',
	'last_name',
	'birthday',
]);

/**
 * The built-in attributes the field mapper offers (§7.3, §7.6); `email` is the match key and comes from
 * the item. Automatic mapping fills names and gender from the contact model; phone and birthday only
 * when mapped by hand, as the birthday's write format is not documented (§5).
 */
export const NEWSLETTER2GO_STANDARD_FIELDS: readonly TargetField[] = [
	{ id: 'first_name', displayName: 'First Name', custom: false, auto: { property: 'firstName' } },
	{ id: 'last_name', displayName: 'Last Name', custom: false, auto: { property: 'lastName' } },
	{ id: 'gender', displayName: 'Gender', custom: false, auto: { property: 'gender' } },
	{ id: 'phone', displayName: 'Phone', custom: false },
	{ id: 'birthday', displayName: 'Birthday', custom: false },
];

/** Custom attribute names (§5, §7.6). */
export const ATTRIBUTE_NAME = /^[0-9a-zA-Z_]+$/;

/**
 * Longest consent trail written into a text attribute. Newsletter2Go documents no length limit for
 * text attributes (newsletter2go.md §7.6); 255 keeps the line within what a single-line field holds.
 */
export const TRAIL_MAX_LENGTH = 255;

/** Ids are 8 lower-case letters and digits (§3.2). */
export const ID_PATTERN = '[a-z0-9]{8}';

/** What the PORTAL writes over the personal data of a deleted user (seed 003; §10 #8). */
export const ERASED_VALUE = 'DELETED';

// Fields of an expanded recipient that hold no personal data and are left alone by Erase.
const NON_PERSONAL = new Set([
	'_href',
	'id',
	'email',
	'company_id',
	'list_id',
	'list_ids',
	'group_ids',
	'created_at',
	'modified_at',
	'rating',
	'hash',
	'import_id',
	'import_position',
	'num_emailbounces',
	'is_unbouncable',
]);

const MAX_MESSAGE_LENGTH = 300;

/** Narrows a response body to the envelope, or `undefined` when it is none. */
export function readEnvelope(body: unknown): Envelope | undefined {
	if (!isRecord(body) || !Array.isArray(body.value)) return undefined;
	const info = isRecord(body.info) ? body.info : {};
	const links = isRecord(info.links) ? info.links : {};
	const envelope: Envelope = {
		additional: isRecord(info.additional) ? info.additional : {},
		value: body.value,
	};
	if (typeof body.status === 'number') envelope.status = body.status;
	if (typeof info.count === 'number') envelope.count = info.count;
	if (typeof links._next === 'string' && links._next !== '') envelope.next = true;
	return envelope;
}

/**
 * A short, secret-free text for an error body: the API's `{status, code, error_message}` (§6) or the
 * OAuth2 `error` code of token failures (§2.6).
 */
export function readNewsletter2GoError(body: unknown): string | undefined {
	if (!isRecord(body)) return undefined;
	if (typeof body.error_message === 'string' && body.error_message.trim() !== '') {
		const text = body.error_message.replace(/\s+/g, ' ').trim().slice(0, MAX_MESSAGE_LENGTH);
		return typeof body.code === 'number' ? `${text} (code ${body.code})` : text;
	}
	return typeof body.error === 'string' && /^[a-z_]{1,40}$/.test(body.error) ? body.error : undefined;
}

/** The ids of a create answer (`value: [{_href, id}]`). */
export function readIds(envelope: Envelope): string[] {
	return envelope.value.flatMap((entry) => (isRecord(entry) && typeof entry.id === 'string' ? [entry.id] : []));
}

/** A record of a collection for the node's output: the vendor's fields as they came. */
export function toOutput(record: unknown): Record<string, unknown> {
	return isRecord(record) ? { ...record } : { value: record };
}

/**
 * A filter that matches any of the addresses: `email=="a@x.de",email=="b@x.de"` (§4.2). Values
 * must be quoted; how a quote inside a value is escaped is not documented (§15 #15), so such an
 * address is refused before it gets here.
 */
export function emailFilter(emails: readonly string[]): string {
	if (emails.length === 0) throw new TypeError('Expected at least one email for a filter.');
	return emails.map((email) => `email=="${email}"`).join(',');
}

/** Whether an address can go into a filter value. */
export function isFilterSafe(email: string): boolean {
	return !/["\\]/.test(email);
}

/**
 * The recipient body of one contact for `POST /recipients` (§7.3): the mapped values, with gender
 * only as `m`/`f` (§5), and the trimmed, lower-cased address (§15 #6). Absent values are left out,
 * not sent empty, so an update never blanks a field.
 */
export function toRecipientBody(
	values: Readonly<Record<string, string>>,
	listId: string,
	key: string,
): Record<string, RecipientValue> {
	const body: Record<string, RecipientValue> = { list_id: listId, email: key };
	for (const [name, value] of Object.entries(values)) {
		if (name === 'list_id' || name === 'email') continue;
		if (name !== 'gender') body[name] = value;
		else {
			const gender = genderFromSalutation(value, { allowDiverse: false });
			if (gender === 'm' || gender === 'f') body.gender = gender;
		}
	}
	return body;
}

export interface InvalidRecipient {
	email?: string;
	reason: string;
}

/**
 * `info.additional.invalid_recipients` of an upsert. The shape of an entry is not documented
 * (§15 #17): the rejected row, maybe with a message; without one the reason is generic.
 */
export function readInvalidRecipients(envelope: Envelope): InvalidRecipient[] {
	const entries = envelope.additional.invalid_recipients;
	if (!Array.isArray(entries)) return [];
	return entries.map((entry) => {
		const row = isRecord(entry) ? entry : {};
		const message = ['error_message', 'error', 'message', 'reason'].map((key) => row[key]).find(isText);
		return {
			email: typeof row.email === 'string' ? row.email : undefined,
			reason: message
				? `rejected by Newsletter2Go: ${message.replace(/\s+/g, ' ').trim().slice(0, MAX_MESSAGE_LENGTH)}`
				: 'rejected by Newsletter2Go',
		};
	});
}

/**
 * The fields Erase overwrites on an expanded recipient (§10 #8): every text attribute with a value
 * becomes "DELETED"; `gender` (only `m`/`f`/empty, §5) and `birthday` (a date) become empty.
 * Flags, statistics, ids and timestamps are no personal data and stay.
 */
export function erasedValues(recipient: Record<string, unknown>): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of Object.entries(recipient)) {
		if (NON_PERSONAL.has(key) || key.startsWith('is_') || key.startsWith('statistic_')) continue;
		if (key === 'gender' || key === 'birthday') {
			if (value !== '' && value !== null) values[key] = '';
		} else if (typeof value === 'string' && value !== '') {
			values[key] = ERASED_VALUE;
		}
	}
	return values;
}

/** Whether Newsletter2Go says never to send to this recipient (§7.3, §15 #23). */
export function isBlockedRecipient(recipient: Record<string, unknown>): boolean {
	return ['is_unsubscribed', 'is_blacklisted', 'is_globally_unsubscribed', 'is_globally_blacklisted'].some(
		(flag) => recipient[flag] === true,
	);
}

function isText(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}
