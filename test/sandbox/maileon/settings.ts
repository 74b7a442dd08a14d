/**
 * Behaviour switches of the Maileon sandbox. Each fact maileon.md marks UNCERTAIN (§14) is a
 * setting here, with the reference default; tests flip them through `sandbox.state.settings`.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

export interface ApiKeySetting {
	readonly key: string;
	/** Methods this key may use; others get `403` (maileon.md §2). @default all four */
	readonly methods?: readonly HttpMethod[];
	/** Sandbox-clock time (epoch ms) from which the key answers `401`. @default never */
	readonly expiresAt?: number;
}

/** A UUID-shaped key, like real ones (maileon.md §2); printed by `npm run sandbox`. */
export const MAILEON_DEMO_API_KEY = '3f6c2a9e-7b41-4d0c-9e58-1a2b3c4d5e6f';

export interface MaileonSettings {
	/** @default one key, `MAILEON_DEMO_API_KEY`, with all privileges */
	apiKeys: ApiKeySetting[];
	/** Also accept `Basic base64(key + ':')`, as the Java client sends (§14 #1). @default false */
	acceptKeyWithColon: boolean;
	/** Also accept `Basic <key>` unencoded, as n8n-nodes-maileon sends (§14 #1). @default false */
	acceptRawKey: boolean;
	/** Accept `GENDER=d` (else error 19 / `400`) (§14 #2). @default true */
	acceptDiverseGender: boolean;
	/** Accepted `LOCALE` forms (§14 #3). @default 'both' (`xx` and `xx_XX`) */
	localeFormat: 'xx' | 'xx_XX' | 'both';
	/** Most contacts per `POST /contacts` (§14 #4). @default 1000 */
	maxBatchSize: number;
	/** Status for a larger batch (§14 #4). @default 413 */
	oversizeStatus: 400 | 413;
	/** Status when `ignore_invalid_contacts=false` rejects the whole batch (its report has `success=false`). @default 200 */
	rejectedBatchStatus: 200 | 400;
	/** Server default of `reimport_unsubscribed_contacts` when the client omits it (§14 #5; the PHP client's default). @default true */
	reimportUnsubscribedDefault: boolean;
	/** Root element of the bulk sync report (§14 #7). @default 'report' */
	reportRootName: string;
	/** Element carrying the id in the `201` body of single upserts (§14 #8). @default 'id' */
	upsertIdElement: string;
	/** Shape of the `201` body of `POST /webhooks` (§14 #9). @default 'json' (`{"id": n}`) */
	webhookCreateResponse: 'json' | 'xml';
	/** Days unsubscriber and subscriber report rows are kept; `null` keeps them forever (§14 #11). @default null */
	retentionDays: number | null;
	/** Compare emails case-sensitively (§14 #12); set it at start, stored contacts are indexed by it. @default false */
	caseSensitiveEmails: boolean;
	/** An unsubscribe also sets the unsubscription marker (§14 #14). @default false */
	unsubscribeSetsMarker: boolean;
	/** Delay between `DELETE …/unsubscribe` (`204`) and the contact being anonymised, in sandbox-clock ms (§6.10). @default 0 */
	unsubscribeDelayMs: number;
	/** Mailing ids that were sent; `mailingId` of any other id on unsubscribe gives `400` (§6.10). @default [] */
	sentMailingIds: number[];
	/** Keys of DOI mailings; a `doimailing` not listed silently drops the contact (§6.3). @default ['doi-default'] */
	doiMailingKeys: string[];
	/** The account has a default DOI mailing; without one `doi=true` and no `doimailing` drop the contact (§6.3). @default true */
	hasDefaultDoiMailing: boolean;
	/** Outbound webhook timeout in ms (§6.14: Maileon waits 5 s). @default 5000 */
	webhookTimeoutMs: number;
	/** Put emails in webhook URL params with a literal `+`, which receivers decode as a space (§6.14). @default false */
	webhookEmailPlusAsSpace: boolean;
	/** Accept `http:` webhook URLs (real Maileon needs HTTPS; local receivers are plain HTTP). @default true */
	allowHttpWebhooks: boolean;
	/** Newsletter account id shown in webhooks and `/account/info`. @default 4711 */
	accountId: number;
}

export function defaultSettings(): MaileonSettings {
	return {
		apiKeys: [{ key: MAILEON_DEMO_API_KEY }],
		acceptKeyWithColon: false,
		acceptRawKey: false,
		acceptDiverseGender: true,
		localeFormat: 'both',
		maxBatchSize: 1000,
		oversizeStatus: 413,
		rejectedBatchStatus: 200,
		reimportUnsubscribedDefault: true,
		reportRootName: 'report',
		upsertIdElement: 'id',
		webhookCreateResponse: 'json',
		retentionDays: null,
		caseSensitiveEmails: false,
		unsubscribeSetsMarker: false,
		unsubscribeDelayMs: 0,
		sentMailingIds: [],
		doiMailingKeys: ['doi-default'],
		hasDefaultDoiMailing: true,
		webhookTimeoutMs: 5000,
		webhookEmailPlusAsSpace: false,
		allowHttpWebhooks: true,
		accountId: 4711,
	};
}

export function resolveSettings(overrides: Partial<MaileonSettings> = {}): MaileonSettings {
	const settings = { ...defaultSettings(), ...overrides };
	if (!Number.isInteger(settings.maxBatchSize) || settings.maxBatchSize < 1) {
		throw new Error(
			`Expected \`maxBatchSize\` to be a positive integer, got ${settings.maxBatchSize}.`,
		);
	}
	if (settings.retentionDays !== null && !(settings.retentionDays > 0)) {
		throw new Error(
			`Expected \`retentionDays\` to be a positive number or null, got ${settings.retentionDays}.`,
		);
	}
	if (!(settings.unsubscribeDelayMs >= 0)) {
		throw new Error(
			`Expected \`unsubscribeDelayMs\` to be a non-negative number, got ${settings.unsubscribeDelayMs}.`,
		);
	}
	if (settings.apiKeys.length === 0) {
		throw new Error('Expected `apiKeys` to hold at least one key.');
	}
	return settings;
}
