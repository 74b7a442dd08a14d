import type { ConsentDecision, ConsentStatus } from '../shared/consent';
import { isRecord } from '../shared/values';
import { asText, parseJsonText, parseMaileonTimestamp, readCreatedId } from './answers';

export interface MaileonWebhook {
	id: string;
	url: string;
	event: string;
}

/** `GET /webhooks`: a JSON list of definitions (maileon.md §6.14). */
export function readWebhooks(body: unknown): MaileonWebhook[] {
	const parsed = parseJsonText(asText(body).trim() || '[]');
	const list = Array.isArray(parsed) ? parsed : isRecord(parsed) && Array.isArray(parsed.webhooks) ? parsed.webhooks : [];
	const webhooks: MaileonWebhook[] = [];
	for (const entry of list) {
		if (!isRecord(entry) || (typeof entry.id !== 'number' && typeof entry.id !== 'string')) continue;
		webhooks.push({
			id: String(entry.id),
			url: typeof entry.url === 'string' ? entry.url : '',
			event: typeof entry.event === 'string' ? entry.event : '',
		});
	}
	return webhooks;
}

/** The new id in the `201` of `POST /webhooks`: JSON `{"id": 1915}` or `<id>1915</id>` (maileon.md §14 #9). */
export function readWebhookId(body: unknown): string | undefined {
	const text = asText(body).trim();
	if (!text.startsWith('{')) return readCreatedId(text);
	const parsed = parseJsonText(text);
	const id = isRecord(parsed) ? parsed.id : undefined;
	return typeof id === 'number' || (typeof id === 'string' && id !== '') ? String(id) : undefined;
}

/** Events a webhook can report (maileon.md §6.14) and the event fields each asks Maileon to send. */
export const WEBHOOK_EVENTS = {
	unsubscription: { name: 'Unsubscription', eventFields: ['timestamp', 'msg_id'] },
	doi: { name: 'Double Opt-in Confirmation', eventFields: ['timestamp'] },
	bounce: { name: 'Bounce', eventFields: ['timestamp', 'msg_id'] },
	contact_field_change: {
		name: 'Contact Field Change',
		eventFields: ['timestamp', 'property', 'old_value', 'new_value'],
	},
} as const;
export type WebhookEventName = keyof typeof WEBHOOK_EVENTS;

export function isWebhookEventName(value: unknown): value is WebhookEventName {
	return typeof value === 'string' && Object.hasOwn(WEBHOOK_EVENTS, value);
}

/** What the node asks Maileon to put in the body of every call (maileon.md §6.14). */
export const WEBHOOK_STANDARD_FIELDS = ['email', 'external_id'];

/**
 * An email that travelled as a URL parameter: Maileon leaves its `+` unencoded, so it arrives as a
 * space (maileon.md §6.14, §10 #12). An address never holds whitespace, so every run of it was a `+`.
 */
export function restoreUrlEmail(value: string): string {
	return value.trim().replace(/\s+/g, '+');
}

function readText(value: unknown): string | undefined {
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

const EVENT_CONSENT: Partial<Record<WebhookEventName, Omit<ConsentDecision, 'at'> & { status: ConsentStatus }>> = {
	unsubscription: { action: 'unsubscribe', reason: 'unsubscribed in Maileon', status: 'optOut' },
	doi: { action: 'send', reason: 'confirmed the double opt-in mail', status: 'optIn' },
};

export interface WebhookEventItem {
	event: string;
	email: string | null;
	externalId: string | null;
	/** ISO 8601 when Maileon's `yyyy-MM-dd HH:mm:ss` could be read, else as sent. */
	timestamp: string | null;
	/** The consent change the event stands for, shaped like the contact items of this package. */
	consent?: ConsentDecision & { status: ConsentStatus };
	/** The body as Maileon sent it. */
	data: Record<string, unknown>;
	[key: string]: unknown;
}

/**
 * One webhook call as an item. The flat JSON body is preferred; URL parameters fill in what it lacks
 * (an email among them had its `+` turned into a space on the way).
 */
export function readWebhookEvent(
	event: string,
	body: unknown,
	query: Record<string, unknown>,
	receivedAt: number,
): WebhookEventItem {
	const data = isRecord(body) ? body : {};
	const queryEmail = readText(query.email);
	const email = readText(data.email) ?? (queryEmail === undefined ? undefined : restoreUrlEmail(queryEmail));
	const rawTimestamp = readText(data.timestamp) ?? readText(query.timestamp);
	const at = parseMaileonTimestamp(rawTimestamp);
	const item: WebhookEventItem = {
		event,
		email: email ?? null,
		externalId: readText(data.external_id) ?? readText(query.external_id) ?? null,
		timestamp: at === undefined ? (rawTimestamp ?? null) : new Date(at).toISOString(),
		data,
	};
	const consent = isWebhookEventName(event) ? EVENT_CONSENT[event] : undefined;
	// Maileon calls within seconds of the event, so the arrival time is a safe stand-in for a missing stamp
	if (consent) item.consent = { ...consent, at: at ?? receivedAt };
	return item;
}
