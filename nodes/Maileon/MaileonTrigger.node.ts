import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, INodeProperties, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { pickedOptionsSubtitle } from '../shared/n8n/actionNode';
import { openLedger } from '../shared/n8n/ledger';
import { createSecret, isSameSecret } from '../shared/secret';
import { credentialTest } from './methods';
import { isWebhookEventName, readWebhookEvent, WEBHOOK_EVENTS } from './webhookEvents';
import type { WebhookEventName } from './webhookEvents';
import { EVENT_PARAM, listWebhooks, registerWebhook, removeWebhook, TOKEN_PARAM } from './webhooks';

/** What the trigger keeps in the node's static data between activation and deactivation. */
interface RegistrationState {
	/** The shared secret every registered webhook sends back as `token`. */
	secret?: string;
	/** Maileon's webhook id per event. */
	webhookIds?: Partial<Record<WebhookEventName, string>>;
}

function readState(context: IHookFunctions | IWebhookFunctions): RegistrationState & IDataObject {
	return context.getWorkflowStaticData('node') as RegistrationState & IDataObject;
}

function readEvents(context: IHookFunctions | IWebhookFunctions): WebhookEventName[] {
	const value: unknown = context.getNodeParameter('events', []);
	const events = (Array.isArray(value) ? value : [value]).filter(isWebhookEventName);
	if (events.length === 0) {
		throw new NodeOperationError(context.getNode(), 'No Maileon event is selected', {
			description: 'Pick at least one event in "Events".',
		});
	}
	return events;
}

function requireWebhookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (url === undefined) {
		throw new NodeOperationError(context.getNode(), 'n8n gave the trigger no webhook URL');
	}
	return url;
}

const eventsProperty: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	options: Object.entries(WEBHOOK_EVENTS)
		.map(([value, event]) => ({ name: event.name, value }))
		.sort((a, b) => a.name.localeCompare(b.name)),
	default: ['unsubscription'],
	required: true,
	description:
		'Maileon calls the workflow once per event. Contact Field Change fires only for profile-update links, not for changes made over the API or in the Maileon UI.',
};

export class MaileonTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Maileon Trigger',
		name: 'maileonTrigger',
		icon: { light: 'file:maileon.svg', dark: 'file:maileon.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: pickedOptionsSubtitle(eventsProperty),
		// n8n's node search lists this trigger under the Maileon node's entry with this text, so it describes both.
		description:
			'Synchronize contacts with Maileon in bulk, honour consent and unsubscribes, read unsubscribers back, and add addresses to Maileon blacklists, or start a workflow on Maileon events',
		defaults: { name: 'Maileon Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'maileonApi', required: true, testedBy: 'maileonApiTest' }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			eventsProperty,
			{
				displayName: 'Add to Suppression Ledger',
				name: 'addToLedger',
				type: 'boolean',
				default: true,
				description:
					"Whether to record every unsubscribed address in the workflow's suppression ledger (as a hash), so a Maileon node in this workflow never re-adds it, even after Maileon purged its unsubscriber data",
			},
		],
	};

	methods = { credentialTest };

	webhookMethods = {
		default: {
			// failures surface: answering "not registered" during an outage would register a second set
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = readState(this);
				const ids = state.webhookIds ?? {};
				const events = readEvents(this);
				if (!state.secret || events.some((event) => ids[event] === undefined)) return false;
				const url = requireWebhookUrl(this);
				const registered = await listWebhooks.call(this);
				return events.every((event) =>
					registered.some(
						(hook) => hook.id === ids[event] && hook.url === url && hook.event === event,
					),
				);
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const url = requireWebhookUrl(this);
				const events = readEvents(this);
				const state = readState(this);
				// earlier registrations of this URL carry a secret that is gone; they could only cause 401s
				for (const hook of await listWebhooks.call(this)) {
					if (hook.url === url) await removeWebhook.call(this, hook.id);
				}
				const secret = createSecret();
				const ids: Partial<Record<WebhookEventName, string>> = {};
				state.secret = secret;
				state.webhookIds = ids;
				for (const event of events) {
					ids[event] = await registerWebhook.call(this, url, event, secret);
				}
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const state = readState(this);
				const ids = state.webhookIds ?? {};
				for (const [event, id] of Object.entries(ids) as Array<[WebhookEventName, string]>) {
					await removeWebhook.call(this, id);
					delete ids[event];
				}
				delete state.webhookIds;
				delete state.secret;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const query = this.getQueryData() as Record<string, unknown>;
		const state = readState(this);
		// the secret is checked before anything else is read, so an unknown caller learns nothing
		if (!isSameSecret(query[TOKEN_PARAM], state.secret)) {
			this.getResponseObject().status(401).json({ message: 'Unauthorized' });
			return { noWebhookResponse: true };
		}
		const events = readEvents(this);
		const named = query[EVENT_PARAM];
		const event = isWebhookEventName(named) ? named : events.length === 1 ? events[0] : undefined;
		// a registration for an event no longer selected is removed on the next activation; until then ignore it
		if (event === undefined || !events.includes(event)) {
			this.getResponseObject().status(200).json({ message: 'Event not selected' });
			return { noWebhookResponse: true };
		}
		const receivedAt = Date.now();
		const item = readWebhookEvent(event, this.getBodyData(), query, receivedAt);
		if (
			event === 'unsubscription' &&
			item.email !== null &&
			this.getNodeParameter('addToLedger', true) === true
		) {
			openLedger.call(this).add(item.email, item.consent?.at ?? receivedAt);
		}
		return { workflowData: [this.helpers.returnJsonArray([item as unknown as IDataObject])] };
	}
}
