import { NodeApiError, NodeOperationError, toPathSegment } from 'n8n-workflow';
import type { IHookFunctions } from 'n8n-workflow';

import { readWebhookId, readWebhooks, WEBHOOK_EVENTS, WEBHOOK_STANDARD_FIELDS } from './webhookEvents';
import type { MaileonWebhook, WebhookEventName } from './webhookEvents';
import { nodeError } from '../shared/n8n/http';
import { maileonRequest } from './transport';

/** The query parameters Maileon appends to every call of a webhook the trigger registered. */
export const TOKEN_PARAM = 'token';
export const EVENT_PARAM = 'event';

/** `/webhooks` speaks plain JSON, not Maileon's vendor media type (maileon.md §3). */
const JSON_TYPE = 'application/json';

export async function listWebhooks(this: IHookFunctions): Promise<MaileonWebhook[]> {
	const response = await maileonRequest.call(this, 'GET', '/webhooks');
	return readWebhooks(response.body);
}

/**
 * Registers one event for `url`. Maileon signs nothing (maileon.md §6.14), so the secret travels as a
 * URL parameter; the event name goes along because all events share the node's one URL.
 */
export async function registerWebhook(
	this: IHookFunctions,
	url: string,
	event: WebhookEventName,
	secret: string,
): Promise<string> {
	const response = await maileonRequest.call(this, 'POST', '/webhooks', {
		contentType: JSON_TYPE,
		body: {
			url,
			event,
			urlParams: [
				{ name: TOKEN_PARAM, custom_value: secret },
				{ name: EVENT_PARAM, custom_value: event },
			],
			standardFields: WEBHOOK_STANDARD_FIELDS,
			eventFields: WEBHOOK_EVENTS[event].eventFields,
		},
	});
	const id = readWebhookId(response.body);
	if (id === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`Maileon registered the ${event} webhook but did not say its ID`,
			{
				description:
					'Activate the workflow again: the trigger replaces earlier registrations of its URL. If it happens again, Maileon answers POST /webhooks in a form this node does not know.',
			},
		);
	}
	return id;
}

/** Deletes a registration; returns false when Maileon no longer had it (404), the one failure that is fine. */
export async function removeWebhook(this: IHookFunctions, id: string): Promise<boolean> {
	try {
		await maileonRequest.call(this, 'DELETE', `/webhooks/${toPathSegment(id)}`);
		return true;
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return false;
		throw nodeError(this.getNode(), error);
	}
}
