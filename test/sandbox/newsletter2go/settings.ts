/**
 * Behaviour switches of the Newsletter2Go sandbox. Facts newsletter2go.md marks UNCERTAIN (§15) are
 * settings here with the reference default; tests flip them through `sandbox.state.settings`.
 */

/** Demo login printed by `npm run sandbox`; shaped like real ones (newsletter2go.md §2.1). */
export const NEWSLETTER2GO_DEMO_LOGIN = {
	authKey: '11391_demoSbx_QtPQpS_ZsKxNEqT_aQHso3UF:k7#pQ2xz',
	username: 'demo@newsletter-sync.dev',
	password: 'sandbox-Passw0rd!',
} as const;

export interface Newsletter2GoSettings {
	/** `<client_id>:<client_secret>` the Basic header must carry (§2.2). */
	authKey: string;
	username: string;
	password: string;
	/** Access-token lifetime in sandbox-clock ms (§2.4). @default 7,200,000 (2 h) */
	accessTokenTtlMs: number;
	/** Refresh-token lifetime in sandbox-clock ms (§2.4). @default 30 days */
	refreshTokenTtlMs: number;
	/** Status for a missing or wrong Basic auth key (§2.6, §15 #2). @default 401 */
	invalidClientStatus: 400 | 401;
	/** Accept `Basic base64(authKey + ":")` as well (§15 #4). @default true */
	acceptKeyWithColon: boolean;
	/** Accept the refresh token with grant `https://nl2go.com/jwt`, as the Postman example sends it (§2.4, §15 #1). @default true */
	acceptRefreshWithJwtGrant: boolean;
	/** Most recipients per array `POST /recipients`; `null` = no limit (§15 #5). @default null */
	maxRecipientsPerRequest: number | null;
	/** Status for a larger array (§15 #5). @default 413 */
	oversizeStatus: 400 | 413;
	/** Reject an array whose objects have different keys with `400` (§7.3, §9 #10). @default true */
	requireEqualKeys: boolean;
	/** Reject unknown custom keys in recipient bodies with `400` instead of ignoring them (§15 #8). @default false */
	rejectUnknownAttributes: boolean;
	/** Match the upsert e-mail case-insensitively (§15 #6). @default true */
	caseInsensitiveEmails: boolean;
	/** Compare filter strings case-sensitively (§15 #15). @default false (MySQL-style collation) */
	caseSensitiveFilter: boolean;
	/**
	 * Add an `error_message` to each `info.additional.invalid_recipients` entry (§15 #17); without it an
	 * entry is the rejected row only, like the import report's `invalid_recipients`. @default false
	 */
	invalidRecipientMessages: boolean;
	/** Domains whose addresses Newsletter2Go rejects as invalid recipients (a test hook). @default [] */
	blockedDomains: string[];
	/** Refuse changing `email` through `PATCH` with `400` (§15 #14). @default false */
	rejectEmailChange: boolean;
	/** Escape `/` and non-ASCII characters the way PHP's `json_encode` does (§3.5). @default false */
	phpJsonEscaping: boolean;
	/** Send `info.links._next` while more records exist; its presence is not guaranteed (§15 #11). @default true */
	nextLinks: boolean;
	/** Default `_limit` of collection GETs (§4). @default 50 */
	defaultLimit: number;
	/** Company id, also the id prefix of nothing else (§3.2). @default '3kf9rpeb' */
	companyId: string;
	/** Account id returned with tokens (§2.3). @default 'awtfn5jn' */
	accountId: string;
}

export function defaultSettings(): Newsletter2GoSettings {
	return {
		...NEWSLETTER2GO_DEMO_LOGIN,
		accessTokenTtlMs: 7200 * 1000,
		refreshTokenTtlMs: 30 * 24 * 3600 * 1000,
		invalidClientStatus: 401,
		acceptKeyWithColon: true,
		acceptRefreshWithJwtGrant: true,
		maxRecipientsPerRequest: null,
		oversizeStatus: 413,
		requireEqualKeys: true,
		rejectUnknownAttributes: false,
		caseInsensitiveEmails: true,
		caseSensitiveFilter: false,
		invalidRecipientMessages: false,
		blockedDomains: [],
		rejectEmailChange: false,
		phpJsonEscaping: false,
		nextLinks: true,
		defaultLimit: 50,
		companyId: '3kf9rpeb',
		accountId: 'awtfn5jn',
	};
}

export function resolveSettings(overrides: Partial<Newsletter2GoSettings> = {}): Newsletter2GoSettings {
	const settings = { ...defaultSettings(), ...overrides };
	for (const name of ['accessTokenTtlMs', 'refreshTokenTtlMs', 'defaultLimit'] as const) {
		if (!(settings[name] > 0)) throw new Error(`Expected \`${name}\` to be a positive number, got ${settings[name]}.`);
	}
	const max = settings.maxRecipientsPerRequest;
	if (max !== null && !(Number.isInteger(max) && max > 0)) {
		throw new Error(`Expected \`maxRecipientsPerRequest\` to be a positive integer or null, got ${max}.`);
	}
	return settings;
}
