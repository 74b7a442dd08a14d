import { buildContact, type Contact, type ContactResult } from './contact';
import type { ConsentAction, ConsentDecision, ConsentOrigin, ConsentStatus } from './consent';
import { isRecord } from './values';

/** The consent an item carries: the source's decision, the neutral status and the record it came from. */
export type ItemConsent = ConsentDecision & { status?: ConsentStatus; origin?: ConsentOrigin };

/**
 * The JSON that source nodes emit and target nodes read: a canonical contact plus the consent decision
 * the source made. Users can also build it with an Edit Fields node (only `email` is required).
 */
export interface ContactItem {
	email: string;
	externalId?: string;
	salutation?: string;
	gender?: string;
	title?: string;
	firstName?: string;
	lastName?: string;
	organization?: string;
	fields?: Record<string, string>;
	tags?: string[];
	consent?: ItemConsent;
	[key: string]: unknown;
}

const ACTIONS: readonly ConsentAction[] = ['send', 'skip', 'unsubscribe'];

export function contactToItem(
	contact: Contact,
	consent?: ItemConsent,
): ContactItem {
	const item: ContactItem = { email: contact.email };
	if (contact.externalId !== undefined) item.externalId = contact.externalId;
	if (contact.salutation !== undefined) item.salutation = contact.salutation;
	item.gender = contact.gender;
	if (contact.title !== undefined) item.title = contact.title;
	if (contact.firstName !== undefined) item.firstName = contact.firstName;
	if (contact.lastName !== undefined) item.lastName = contact.lastName;
	if (contact.organization !== undefined) item.organization = contact.organization;
	item.fields = contact.fields;
	item.tags = contact.tags;
	if (consent !== undefined) item.consent = consent;
	return item;
}

/** The consent decision carried by an item, if it has a well-formed one. */
export function readConsent(json: Record<string, unknown>): ItemConsent | undefined {
	const consent = json.consent;
	if (!isRecord(consent)) return undefined;
	const action = consent.action;
	if (typeof action !== 'string' || !ACTIONS.includes(action as ConsentAction)) return undefined;
	const origin = readConsentOrigin(consent.origin);
	// the common case, a decision a source node wrote: taken as it is, not copied for each of 100,000 items
	if (
		typeof consent.reason === 'string' &&
		(consent.at === undefined || typeof consent.at === 'number') &&
		(consent.status === undefined || typeof consent.status === 'string') &&
		origin === consent.origin
	)
		return consent as unknown as ItemConsent;
	const read: ItemConsent = {
		action: action as ConsentAction,
		reason: typeof consent.reason === 'string' ? consent.reason : '',
		at: typeof consent.at === 'number' ? consent.at : undefined,
		status: typeof consent.status === 'string' ? (consent.status as ConsentStatus) : undefined,
	};
	if (origin !== undefined) read.origin = origin;
	return read;
}

/** Reads an incoming item as a canonical contact; loose input is validated like any source record. */
export function readContactItem(json: Record<string, unknown>): ContactResult {
	const fields = isRecord(json.fields) ? json.fields : {};
	return buildContact({
		email: json.email,
		externalId: json.externalId,
		salutation: json.salutation,
		gender: json.gender,
		title: json.title,
		firstName: json.firstName,
		lastName: json.lastName,
		organization: json.organization,
		fields,
		tags: Array.isArray(json.tags) ? json.tags : [],
	});
}

/** An item's `consent.origin`, when it has a non-empty system and record (numbers are accepted). */
export function readConsentOrigin(value: unknown): ConsentOrigin | undefined {
	if (!isRecord(value)) return undefined;
	const system = readOriginName(value.system);
	const record = readOriginName(value.record);
	if (system === undefined || record === undefined) return undefined;
	// the common case, a source's own origin: shared, not copied, for each of 100,000 items
	if (system === value.system && record === value.record && Object.keys(value).length === 2) return value as unknown as ConsentOrigin;
	return { system, record };
}

// an origin ends up in a single-line platform field: line breaks and other controls become spaces
const BLANKS = /[\p{C}\s]+/gu;

function readOriginName(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	if (isPlainLine(value)) return value;
	const text = value.replace(BLANKS, ' ').trim();
	return text === '' ? undefined : text;
}

/** Printable ASCII with single spaces between words only: a name that needs no cleaning. */
function isPlainLine(text: string): boolean {
	let previous = 32;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 32 || code > 126 || (code === 32 && previous === 32)) return false;
		previous = code;
	}
	return previous !== 32;
}
