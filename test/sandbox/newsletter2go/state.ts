import { randomBytes } from 'node:crypto';

import { SandboxClock } from '../framework/clock';
import { createRandom } from '../framework/random';
import { compileFilter } from './filter';
import { ApiError, formatTimestamp } from './http';
import schema from './schema.json';
import { resolveSettings, type Newsletter2GoSettings } from './settings';

export type GrantKind = 'password' | 'refresh';

export interface TokenResponse {
	access_token: string;
	expires_in: number;
	token_type: 'bearer';
	scope: null;
	refresh_token: string;
	account_id: string;
	type: 'user';
}

interface TokenRecord {
	kind: 'access' | 'refresh';
	expiresAt: number;
}

export interface ListRecord {
	id: string;
	name: string;
	createdAt: number;
	modifiedAt: number;
	/** Further list fields of §7.2 (`header_from_email`, `has_opentracking`, ...). */
	fields: Record<string, unknown>;
}

export interface RecipientRecord {
	id: string;
	listId: string;
	email: string;
	/** Built-in and custom attributes: `first_name`, `gender`, `phone`, `<custom>` ... */
	values: Record<string, unknown>;
	isUnsubscribed: boolean;
	isBlacklisted: boolean;
	isBounced: boolean;
	isGloballyUnsubscribed: boolean;
	isGloballyBlacklisted: boolean;
	groupIds: Set<string>;
	createdAt: number;
	modifiedAt: number;
}

export interface AttributeRecord {
	id: string;
	name: string;
	listIds: string[];
	fields: Record<string, unknown>;
}

export interface GroupRecord {
	id: string;
	listId: string;
	name: string;
	description: string;
	isDynamic: boolean;
	filter: string;
	createdAt: number;
}

export interface SeedRecipient {
	email: string;
	values?: Record<string, unknown>;
	isUnsubscribed?: boolean;
	isBlacklisted?: boolean;
}

export interface UpsertResult {
	ids: string[];
	invalid: Record<string, unknown>[];
}

/** What newsletter2go.md §7.2, §7.3 and §7.6 say about list, recipient and attribute fields (`schema.json`). */
interface AccountSchema {
	/** The reference file and sections the values come from. */
	readonly source: string;
	/** Built-in recipient keys a body may carry; anything else must be a custom attribute. */
	readonly builtInRecipientKeys: readonly string[];
	/** The fields of a new list that its body does not set. */
	readonly listDefaults: Readonly<Record<string, unknown>>;
	/** The fields of a new attribute that its body does not set. */
	readonly attributeDefaults: Readonly<Record<string, unknown>>;
}

const SCHEMA: AccountSchema = schema;

const BUILT_IN_KEYS: ReadonlySet<string> = new Set(SCHEMA.builtInRecipientKeys);

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ATTRIBUTE_NAME = /^[0-9a-zA-Z_]+$/;
// stricter than a client's check on purpose: a one-letter top-level domain is rejected here
const EMAIL = /^[^\s@"]+@[^\s@"]+\.[A-Za-z]{2,}$/;

/** The account behind the Newsletter2Go sandbox: company, lists, recipients, attributes, groups, tokens. */
export class Newsletter2GoState {
	readonly settings: Newsletter2GoSettings;
	readonly clock: SandboxClock;
	readonly lists = new Map<string, ListRecord>();
	readonly recipients = new Map<string, RecipientRecord>();
	/**
	 * Recipient ids by lower-cased address, so a bulk write of 100,000 rows is not quadratic. Entries
	 * may be stale (tests delete from `recipients` directly): every lookup checks the record itself.
	 */
	private readonly idsByEmail = new Map<string, Set<string>>();
	readonly attributes = new Map<string, AttributeRecord>();
	readonly groups = new Map<string, GroupRecord>();
	/** Every token grant, in order (`password` logins and `refresh`es). */
	readonly grants: GrantKind[] = [];
	/** Unknown custom keys that were ignored in recipient bodies (§15 #8), as `list:key`. */
	readonly ignoredKeys: string[] = [];
	defaultListId: string;
	/** Test hook: `false` makes every bearer token answer `401`, as if the user lost API access. */
	acceptBearerTokens = true;

	private readonly tokens = new Map<string, TokenRecord>();
	private readonly random: () => number;

	constructor(options: { settings?: Partial<Newsletter2GoSettings>; clock?: SandboxClock; seed?: number } = {}) {
		this.settings = resolveSettings(options.settings);
		this.clock = options.clock ?? new SandboxClock();
		this.random = createRandom(options.seed ?? 7);
		this.defaultListId = this.createList({ name: 'Newsletter' }).id;
	}

	// --- tokens (§2) ---

	issueToken(grant: GrantKind): TokenResponse {
		this.grants.push(grant);
		const now = this.clock.now();
		const access = this.newToken();
		const refresh = this.newToken();
		this.tokens.set(access, { kind: 'access', expiresAt: now + this.settings.accessTokenTtlMs });
		this.tokens.set(refresh, { kind: 'refresh', expiresAt: now + this.settings.refreshTokenTtlMs });
		return {
			access_token: access,
			expires_in: Math.round(this.settings.accessTokenTtlMs / 1000),
			token_type: 'bearer',
			scope: null,
			refresh_token: refresh,
			account_id: this.settings.accountId,
			type: 'user',
		};
	}

	/** `valid`, `expired` or `invalid` for a bearer or refresh token. */
	checkToken(token: string, kind: TokenRecord['kind']): 'valid' | 'expired' | 'invalid' {
		const record = this.tokens.get(token);
		if (record === undefined || record.kind !== kind) return 'invalid';
		if (kind === 'access' && !this.acceptBearerTokens) return 'invalid';
		return this.clock.now() >= record.expiresAt ? 'expired' : 'valid';
	}

	/** Test hook: every access token issued so far answers `401` from now on. */
	expireAccessTokens(): void {
		const now = this.clock.now();
		for (const record of this.tokens.values()) if (record.kind === 'access') record.expiresAt = now;
	}

	/** Test hook: refresh tokens stop working, so a client has to log in with the password again. */
	expireRefreshTokens(): void {
		const now = this.clock.now();
		for (const record of this.tokens.values()) if (record.kind === 'refresh') record.expiresAt = now;
	}

	// --- lists (§7.2) ---

	createList(body: Record<string, unknown>): ListRecord {
		const name = typeof body.name === 'string' ? body.name.trim() : '';
		if (name === '') throw new ApiError(400, 'name is required');
		const now = this.clock.now();
		const { name: _name, id: _id, ...rest } = body;
		const list: ListRecord = {
			id: this.newId(),
			name,
			createdAt: now,
			modifiedAt: now,
			fields: { ...SCHEMA.listDefaults, ...rest },
		};
		this.lists.set(list.id, list);
		return list;
	}

	requireList(id: string): ListRecord {
		const list = this.lists.get(id);
		if (!list) throw new ApiError(404, `List ${id} not found`);
		return list;
	}

	/** `DELETE /lists/{id}` also drops the list's contacts and groups (§7.2). */
	deleteList(id: string): void {
		this.requireList(id);
		this.lists.delete(id);
		for (const [key, recipient] of this.recipients) if (recipient.listId === id) this.recipients.delete(key);
		for (const [key, group] of this.groups) if (group.listId === id) this.groups.delete(key);
		if (this.defaultListId === id) this.defaultListId = this.lists.keys().next().value ?? '';
	}

	renderList(list: ListRecord, origin: string): Record<string, unknown> {
		return {
			_href: `${origin}/lists/${list.id}`,
			id: list.id,
			company_id: this.settings.companyId,
			created_at: formatTimestamp(list.createdAt),
			modified_at: formatTimestamp(list.modifiedAt),
			name: list.name,
			...list.fields,
		};
	}

	// --- recipients (§7.3) ---

	recipientsOf(listId: string): RecipientRecord[] {
		return [...this.recipients.values()].filter((recipient) => recipient.listId === listId);
	}

	/** The recipient with this address in the list, compared as configured (§15 #6). */
	findRecipient(listId: string, email: string): RecipientRecord | undefined {
		const wanted = this.emailKey(email);
		for (const id of this.idsByEmail.get(email.trim().toLowerCase()) ?? []) {
			const recipient = this.recipients.get(id);
			if (recipient?.listId === listId && this.emailKey(recipient.email) === wanted) return recipient;
		}
		return undefined;
	}

	private indexEmail(recipient: RecipientRecord): void {
		const key = recipient.email.trim().toLowerCase();
		const ids = this.idsByEmail.get(key) ?? new Set<string>();
		ids.add(recipient.id);
		this.idsByEmail.set(key, ids);
	}

	requireRecipient(id: string, listId?: string): RecipientRecord {
		const recipient = this.recipients.get(id);
		if (!recipient || (listId !== undefined && recipient.listId !== listId)) {
			throw new ApiError(404, `Recipient ${id} not found`);
		}
		return recipient;
	}

	/**
	 * `POST /recipients` (§7.3): upsert by (list, e-mail); rows Newsletter2Go cannot take go to
	 * `invalid`, not into an HTTP error. Whole-request problems throw `ApiError`.
	 */
	upsertRecipients(rows: Record<string, unknown>[]): UpsertResult {
		const max = this.settings.maxRecipientsPerRequest;
		if (max !== null && rows.length > max) {
			throw new ApiError(this.settings.oversizeStatus, `Too many recipients in one request (limit ${max})`);
		}
		if (this.settings.requireEqualKeys && rows.length > 1) {
			const signature = (row: Record<string, unknown>) => Object.keys(row).sort().join(',');
			const first = signature(rows[0]);
			if (rows.some((row) => signature(row) !== first)) {
				throw new ApiError(400, 'All recipients of a request must have the same keys');
			}
		}
		const prepared = rows.map((row) => {
			const listId = typeof row.list_id === 'string' && row.list_id !== '' ? row.list_id : this.defaultListId;
			this.requireList(listId);
			return { row, listId, unknown: this.unknownKeys(listId, row) };
		});
		if (this.settings.rejectUnknownAttributes) {
			const offending = prepared.find((entry) => entry.unknown.length > 0);
			if (offending) throw new ApiError(400, `Unknown attribute ${offending.unknown[0]}`);
		}
		const result: UpsertResult = { ids: [], invalid: [] };
		for (const { row, listId, unknown } of prepared) {
			const problem = this.findRowProblem(row);
			if (problem !== undefined) {
				result.invalid.push(this.settings.invalidRecipientMessages ? { ...row, error_message: problem } : { ...row });
				continue;
			}
			for (const key of unknown) this.ignoredKeys.push(`${listId}:${key}`);
			result.ids.push(this.writeRecipient(listId, row, unknown).id);
		}
		return result;
	}

	/** `PATCH` of one recipient or of every filter match (§7.3). */
	patchRecipient(recipient: RecipientRecord, body: Record<string, unknown>): void {
		if (typeof body.email === 'string' && body.email !== recipient.email) {
			if (this.settings.rejectEmailChange) throw new ApiError(400, 'The email address cannot be changed');
			if (!EMAIL.test(body.email.trim())) throw new ApiError(400, 'Invalid email address');
		}
		if (body.gender !== undefined && !['m', 'f', ''].includes(String(body.gender))) {
			throw new ApiError(400, 'gender must be "m", "f" or empty');
		}
		this.applyValues(recipient, body, this.unknownKeys(recipient.listId, body));
	}

	/** The expanded recipient (§7.3); a dynamic group's own filter sees it without dynamic group ids. */
	renderRecipient(recipient: RecipientRecord, origin: string, withDynamicGroups = true): Record<string, unknown> {
		const custom: Record<string, unknown> = {};
		for (const attribute of this.attributesOf(recipient.listId)) custom[attribute.name] = '';
		return {
			_href: `${origin}/recipients/${recipient.id}`,
			id: recipient.id,
			company_id: this.settings.companyId,
			email: recipient.email,
			phone: '',
			gender: '',
			first_name: '',
			last_name: '',
			birthday: '',
			rating: 0,
			...custom,
			...recipient.values,
			created_at: formatTimestamp(recipient.createdAt),
			modified_at: formatTimestamp(recipient.modifiedAt),
			is_unsubscribed: recipient.isUnsubscribed,
			is_bounced: recipient.isBounced,
			is_blacklisted: recipient.isBlacklisted,
			is_globally_unsubscribed: recipient.isGloballyUnsubscribed,
			is_globally_blacklisted: recipient.isGloballyBlacklisted,
			statistic_mails_received: 0,
			statistic_mails_opened: 0,
			statistic_mails_clicked: 0,
			group_ids: withDynamicGroups ? this.groupIdsOf(recipient) : [...recipient.groupIds],
			list_ids: [recipient.listId],
		};
	}

	/** Test hook: recipients as if an earlier import had written them. */
	seedRecipients(listId: string, seeds: readonly SeedRecipient[]): RecipientRecord[] {
		this.requireList(listId);
		return seeds.map((seed) => {
			const recipient = this.writeRecipient(listId, { email: seed.email, ...seed.values }, []);
			recipient.isUnsubscribed = seed.isUnsubscribed ?? false;
			recipient.isBlacklisted = seed.isBlacklisted ?? false;
			return recipient;
		});
	}

	/** Test hook: the recipient unsubscribes through Newsletter2Go's own link ("from the platform side"). */
	unsubscribeFromPlatform(listId: string, email: string): void {
		const recipient = this.findRecipient(listId, email);
		if (!recipient) throw new Error(`No recipient ${email} in list ${listId}`);
		recipient.isUnsubscribed = true;
	}

	// --- attributes (§7.6) ---

	attributesOf(listId: string): AttributeRecord[] {
		return [...this.attributes.values()].filter(
			(attribute) => attribute.listIds.includes(listId) || attribute.fields.is_global === true,
		);
	}

	createAttribute(body: Record<string, unknown>): AttributeRecord {
		const name = typeof body.name === 'string' ? body.name : '';
		if (!ATTRIBUTE_NAME.test(name)) throw new ApiError(400, 'name may only contain letters, digits and underscores');
		const listIds = Array.isArray(body.list_ids) ? body.list_ids.map(String) : [this.defaultListId];
		for (const listId of listIds) this.requireList(listId);
		const clash = [...this.attributes.values()].find(
			(attribute) => attribute.name === name && attribute.listIds.some((listId) => listIds.includes(listId)),
		);
		if (clash || BUILT_IN_KEYS.has(name)) throw new ApiError(400, `Duplicate entry '${name}' for key 'name'`, 1062);
		const { name: _name, list_ids: _lists, id: _id, ...rest } = body;
		const attribute: AttributeRecord = {
			id: this.newId(),
			name,
			listIds,
			fields: { ...SCHEMA.attributeDefaults, ...rest },
		};
		this.attributes.set(attribute.id, attribute);
		return attribute;
	}

	renderAttribute(attribute: AttributeRecord, origin: string): Record<string, unknown> {
		// the stub's `_href` is singular although the read path is plural (§3.4)
		return { _href: `${origin}/attribute/${attribute.id}`, id: attribute.id, name: attribute.name, list_ids: attribute.listIds, ...attribute.fields };
	}

	// --- groups (§7.5) ---

	createGroup(body: Record<string, unknown>): GroupRecord {
		const name = typeof body.name === 'string' ? body.name.trim() : '';
		if (name === '') throw new ApiError(400, 'name is required');
		const listId = typeof body.list_id === 'string' && body.list_id !== '' ? body.list_id : this.defaultListId;
		this.requireList(listId);
		if ([...this.groups.values()].some((group) => group.listId === listId && group.name === name)) {
			throw new ApiError(400, `Duplicate entry '${name}' for key 'name'`, 1062);
		}
		const isDynamic = body.is_dynamic === true;
		const filter = typeof body.filter === 'string' ? body.filter : '';
		if (isDynamic) compileFilter(filter);
		const group: GroupRecord = {
			id: this.newId(),
			listId,
			name,
			description: typeof body.description === 'string' ? body.description : '',
			isDynamic,
			filter,
			createdAt: this.clock.now(),
		};
		this.groups.set(group.id, group);
		return group;
	}

	requireGroup(id: string, listId?: string): GroupRecord {
		const group = this.groups.get(id);
		if (!group || (listId !== undefined && group.listId !== listId)) throw new ApiError(404, `Group ${id} not found`);
		return group;
	}

	/** Static members, or the recipients a dynamic group's filter selects. */
	membersOf(group: GroupRecord): RecipientRecord[] {
		const recipients = this.recipientsOf(group.listId);
		if (!group.isDynamic) return recipients.filter((recipient) => recipient.groupIds.has(group.id));
		const test = compileFilter(group.filter, { caseSensitive: this.settings.caseSensitiveFilter });
		return recipients.filter((recipient) => test(this.renderRecipient(recipient, '', false)));
	}

	renderGroup(group: GroupRecord, origin: string): Record<string, unknown> {
		return {
			_href: `${origin}/groups/${group.id}`,
			id: group.id,
			name: group.name,
			description: group.description,
			list_id: group.listId,
			is_dynamic: group.isDynamic,
			filter: group.filter,
			created_at: formatTimestamp(group.createdAt),
		};
	}

	// --- internals ---

	private groupIdsOf(recipient: RecipientRecord): string[] {
		const ids = [...recipient.groupIds];
		for (const group of this.groups.values()) {
			if (group.isDynamic && group.listId === recipient.listId && this.membersOf(group).includes(recipient)) ids.push(group.id);
		}
		return ids;
	}

	private findRowProblem(row: Record<string, unknown>): string | undefined {
		const email = typeof row.email === 'string' ? row.email.trim() : '';
		if (!EMAIL.test(email)) return 'Invalid email address';
		const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
		if (this.settings.blockedDomains.includes(domain)) return `Addresses at ${domain} are blocked`;
		if (row.gender !== undefined && !['m', 'f', ''].includes(String(row.gender))) return 'gender must be "m", "f" or empty';
		return undefined;
	}

	private writeRecipient(listId: string, row: Record<string, unknown>, unknown: readonly string[]): RecipientRecord {
		const email = String(row.email).trim();
		const now = this.clock.now();
		let recipient = this.findRecipient(listId, email);
		if (!recipient) {
			recipient = {
				id: this.newId(),
				listId,
				email,
				values: {},
				isUnsubscribed: false,
				isBlacklisted: false,
				isBounced: false,
				isGloballyUnsubscribed: false,
				isGloballyBlacklisted: false,
				groupIds: new Set(),
				createdAt: now,
				modifiedAt: now,
			};
			this.recipients.set(recipient.id, recipient);
			this.indexEmail(recipient);
		}
		this.applyValues(recipient, row, unknown);
		return recipient;
	}

	private applyValues(recipient: RecipientRecord, body: Record<string, unknown>, unknown: readonly string[]): void {
		for (const [key, value] of Object.entries(body)) {
			if (key === 'list_id' || key === 'id' || unknown.includes(key)) continue;
			if (key === 'email') {
				recipient.email = String(value).trim();
				this.indexEmail(recipient);
			}
			else if (key === 'is_unsubscribed') recipient.isUnsubscribed = value === true;
			else if (key === 'is_blacklisted') recipient.isBlacklisted = value === true;
			else recipient.values[key] = value;
		}
		recipient.modifiedAt = this.clock.now();
	}

	private unknownKeys(listId: string, body: Record<string, unknown>): string[] {
		const custom = new Set(this.attributesOf(listId).map((attribute) => attribute.name));
		return Object.keys(body).filter((key) => !BUILT_IN_KEYS.has(key) && !custom.has(key) && key !== 'id');
	}

	private emailKey(email: string): string {
		const trimmed = email.trim();
		return this.settings.caseInsensitiveEmails ? trimmed.toLowerCase() : trimmed;
	}

	private newId(): string {
		for (;;) {
			let id = '';
			for (let i = 0; i < 8; i++) id += ID_ALPHABET[Math.floor(this.random() * ID_ALPHABET.length)];
			if (!this.lists.has(id) && !this.recipients.has(id) && !this.attributes.has(id) && !this.groups.has(id)) return id;
		}
	}

	private newToken(): string {
		// HS256-JWT-shaped and prefixed with two underscores like real tokens (§2.3); clients treat them as opaque
		const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
		return `__${part({ typ: 'JWT', alg: 'HS256' })}.${part({ __: { aid: 1, rd1: randomBytes(4).readUInt32BE() } })}.${randomBytes(24).toString('base64url')}`;
	}
}
