export { basicAuthorization } from './auth';
export { startMaileonSandbox } from './server';
export type { MaileonSandbox, MaileonSandboxOptions } from './server';
export { defaultSettings, MAILEON_DEMO_API_KEY } from './settings';
export type { ApiKeySetting, HttpMethod, MaileonSettings } from './settings';
export { MaileonState, PERMISSION } from './state';
export { GLOBAL_BLACKLIST_IDS } from './blacklists';
export type { BlacklistSnapshot } from './blacklists';
export type {
	ContactSnapshot,
	MaileonEvent,
	SeedContact,
	SubscriberRow,
	UnsubscriptionRow,
	WebhookDefinition,
} from './state';
export type { WebhookDelivery } from './webhooks';
export { buildWebhookRequest } from './webhooks';
export { parseXml, childElement, childElements, childText, renderXml, el } from './xml';
export type { XmlElement, XmlNode } from './xml';
