/**
 * Behaviour switches of the Billomat sandbox. Each fact billomat.md marks UNCERTAIN (§16) is a
 * setting here with the reference's default; tests flip them through `sandbox.state.settings`.
 */

/** The demo account printed by `npm run sandbox`. */
export const BILLOMAT_DEMO_ID = 'demo';
export const BILLOMAT_DEMO_API_KEY = 'bm-demo-4f1c9a7e2b6d8035';
export const BILLOMAT_DEMO_APP = { id: 'demo-app', secret: 'bm-app-secret-77d2e1' } as const;

export interface BillomatSettings {
	/** The account subdomain; requests to another one get `404`. @default 'demo' */
	billomatId: string;
	/** Valid API keys. @default [BILLOMAT_DEMO_API_KEY] */
	apiKeys: string[];
	/** Registered apps whose headers raise the quota. @default [BILLOMAT_DEMO_APP] */
	apps: Array<{ id: string; secret: string }>;
	/** Requests per window without app headers (billomat.md §4). @default 300 */
	quota: number;
	/** Requests per window with valid app headers (§16 #1: the German page says 1000). @default 1000 */
	appQuota: number;
	/** Window length; windows are aligned to the clock. @default 15 minutes */
	windowMs: number;
	/** Largest `per_page` (§5). @default 1000 */
	maxPerPage: number;
	/** What a larger `per_page` does (§16 #13). @default 'clamp' */
	perPageAbove: 'clamp' | 'error';
	/** JSON form of an empty list (§16 #3). @default 'emptyString' (`{"clients": ""}`) */
	emptyList: 'emptyString' | 'emptyArray' | 'missingKey';
	/** Whether `order_by=id …` is accepted (§16 #2). @default true */
	idSortable: boolean;
	/** Whether clients carry `updated` (§16 #4). @default true */
	clientsHaveUpdated: boolean;
	/** Whether list answers embed `client-property-values` (§16 #7). @default false */
	embedPropertyValuesInList: boolean;
	/**
	 * Whether `/contacts` needs `client_id` (§16 #9). Billomat documents it as mandatory ("client_id
	 * ist ein Pflichtparameter", justpilot/billomat-php-api docs/spec/billomat.json `kunden/kontakte`).
	 * @default true
	 */
	contactsRequireClientId: boolean;
	/**
	 * Item key of the tag cloud (`/client-tags` without `client_id`): `tag` per billomat.com/api/kunden/
	 * schlagworte (justpilot/billomat-php-api docs/resources/client-tags.md), `client-tag` per
	 * DevelappersGmbH/BillomatNet. A client's own tags are always `client-tag`.
	 * @default 'client-tag'
	 */
	tagCloudItemKey: 'client-tag' | 'tag';
	/** Whether archived clients refuse edits other than `archived` (§16 #10). @default false */
	archivedReadOnly: boolean;
	/** `customfield=` matching (§16 #13). @default 'substring' */
	customfieldMatch: 'substring' | 'exact';
	/** Several comma-separated `tags=`: a client needs all of them, or any. Uncertain. @default 'all' */
	tagsMatch: 'all' | 'any';
	/** Response format without `Accept: application/json` or `format=json` (§2). @default 'xml' */
	defaultFormat: 'xml' | 'json';
}

export function defaultSettings(): BillomatSettings {
	return {
		billomatId: BILLOMAT_DEMO_ID,
		apiKeys: [BILLOMAT_DEMO_API_KEY],
		apps: [{ ...BILLOMAT_DEMO_APP }],
		quota: 300,
		appQuota: 1000,
		windowMs: 15 * 60 * 1000,
		maxPerPage: 1000,
		perPageAbove: 'clamp',
		emptyList: 'emptyString',
		idSortable: true,
		clientsHaveUpdated: true,
		embedPropertyValuesInList: false,
		contactsRequireClientId: true,
		tagCloudItemKey: 'client-tag',
		archivedReadOnly: false,
		customfieldMatch: 'substring',
		tagsMatch: 'all',
		defaultFormat: 'xml',
	};
}
