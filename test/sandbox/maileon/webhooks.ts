import { formatTimestamp } from './http';
import type { ContactSnapshot, MaileonEvent, MaileonState, WebhookDefinition } from './state';

/** One outbound call, kept for assertions. */
export interface WebhookDelivery {
	readonly webhookId: number;
	readonly event: string;
	/** Full URL with the URL params (it may carry the receiver's secret; this is test data). */
	readonly url: string;
	readonly body: string | undefined;
	readonly at: number;
	/** HTTP status of the receiver's answer. */
	readonly status?: number;
	/** Network failure or timeout. */
	readonly error?: string;
}

/**
 * Sends `unsubscription` and `doi` events to the registered webhooks (maileon.md §6.14):
 * `POST`, flat JSON body of the selected fields, URL params as query, no retries.
 */
export class WebhookDispatcher {
	private readonly log: WebhookDelivery[] = [];
	private readonly inFlight = new Set<Promise<void>>();
	private readonly abort = new AbortController();
	private readonly detach: () => void;

	constructor(private readonly state: MaileonState) {
		this.detach = state.onEvent((event) => this.dispatch(event));
	}

	get deliveries(): readonly WebhookDelivery[] {
		return this.log;
	}

	/** Resolves when every delivery started so far has finished. */
	async idle(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
	}

	/** Stops listening and aborts deliveries still in flight. */
	async close(): Promise<void> {
		this.detach();
		this.abort.abort();
		await this.idle();
	}

	private dispatch(event: MaileonEvent): void {
		for (const hook of this.state.webhooks) {
			if (hook.event !== event.type) continue;
			const request = buildWebhookRequest(hook, event, this.state.settings.webhookEmailPlusAsSpace);
			const delivery = this.send(hook, event, request);
			this.inFlight.add(delivery);
			void delivery.finally(() => this.inFlight.delete(delivery));
		}
	}

	private async send(
		hook: WebhookDefinition,
		event: MaileonEvent,
		request: { url: string; body: string | undefined },
	): Promise<void> {
		const base = {
			webhookId: hook.id,
			event: event.type,
			url: request.url,
			body: request.body,
			at: this.state.clock.now(),
		};
		const signal = AbortSignal.any([
			this.abort.signal,
			AbortSignal.timeout(this.state.settings.webhookTimeoutMs),
		]);
		try {
			const response = await fetch(request.url, {
				method: 'POST',
				headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
				body: request.body,
				signal,
			});
			await response.arrayBuffer();
			this.log.push({ ...base, status: response.status });
		} catch (error) {
			// a failed delivery is an outcome the test inspects, as Maileon just gives up on it
			this.log.push({ ...base, error: messageOf(error) });
		}
	}
}

/** URL (with URL params) and JSON body of one delivery. */
export function buildWebhookRequest(
	hook: WebhookDefinition,
	event: MaileonEvent,
	emailPlusAsSpace: boolean,
): { url: string; body: string | undefined } {
	const contact = event.contact;
	const pairs: string[] = [];
	for (const param of hook.urlParams) {
		let value: string | undefined;
		let isEmail = false;
		if (param.custom_value !== undefined) value = param.custom_value;
		else if (param.standard_contact_field !== undefined) {
			value = standardValue(contact, param.standard_contact_field);
			isEmail = param.standard_contact_field.toLowerCase() === 'email';
		} else if (param.custom_contact_field !== undefined) {
			value = contact.customFields[param.custom_contact_field];
		}
		if (value === undefined) continue;
		let encoded = encodeURIComponent(value);
		// maileon.md §6.14 pitfall: the '+' of an email arrives unencoded, so receivers read a space
		if (isEmail && emailPlusAsSpace) encoded = encoded.replace(/%2B/gi, '+');
		pairs.push(`${encodeURIComponent(param.name)}=${encoded}`);
	}
	const url =
		pairs.length === 0
			? hook.url
			: `${hook.url}${hook.url.includes('?') ? '&' : '?'}${pairs.join('&')}`;

	const body: Record<string, string | number> = {};
	for (const name of hook.standardFields) {
		const value = standardValue(contact, name);
		if (value !== undefined) body[name] = name.toLowerCase() === 'id' ? contact.id : value;
	}
	for (const name of hook.customFields) {
		const value = contact.customFields[name];
		if (value !== undefined) body[name] = value;
	}
	for (const name of hook.eventFields) {
		const value = eventValue(event, name);
		if (value !== undefined) body[name] = value;
	}
	const hasBody =
		hook.standardFields.length + hook.customFields.length + hook.eventFields.length > 0;
	return { url, body: hasBody ? JSON.stringify(body) : undefined };
}

function standardValue(contact: ContactSnapshot, name: string): string | undefined {
	const lower = name.toLowerCase();
	if (lower === 'email') return contact.email;
	if (lower === 'external_id') return contact.externalId;
	if (lower === 'id' || lower === 'contact_id') return String(contact.id);
	return contact.standardFields[name.toUpperCase()];
}

function eventValue(event: MaileonEvent, name: string): string | number | undefined {
	switch (name) {
		case 'timestamp':
			return formatTimestamp(event.at);
		case 'mailing_id':
			return event.mailingId;
		case 'source':
		case 'method':
			return event.source;
		default:
			return undefined;
	}
}

/** Message of an Error or DOMException (the timeout abort is one, and may come from another realm). */
function messageOf(error: unknown): string {
	if (
		typeof error === 'object' &&
		error !== null &&
		'message' in error &&
		typeof error.message === 'string'
	) {
		return error.message;
	}
	return String(error);
}
