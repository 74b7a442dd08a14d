import { createHash } from 'node:crypto';

import { SandboxClock } from '../framework/clock';
import { BlacklistStore } from './blacklists';
import { canonicalStandardField, normaliseCustomValue } from './fields';
import type { CustomFieldType, StandardField } from './fields';
import { resolveSettings } from './settings';
import type { MaileonSettings } from './settings';

/** Permission codes, maileon.md §4.1. */
export const PERMISSION = { NONE: 1, SOI: 2, COI: 3, DOI: 4, DOI_PLUS: 5, OTHER: 6 } as const;

export interface PendingDoi {
	readonly doiPlus: boolean;
	readonly mailingKey?: string;
	readonly requestedAt: number;
}

/** A contact as the sandbox stores it; tests see `ContactSnapshot` copies. */
export interface StoredContact {
	readonly id: number;
	email: string | undefined;
	externalId: string | undefined;
	permission: number;
	readonly standardFields: Map<StandardField, string>;
	readonly customFields: Map<string, string>;
	readonly created: number;
	updated: number;
	anonymised: boolean;
	pendingDoi: PendingDoi | undefined;
	source: string | undefined;
	subscriptionPage: string | undefined;
}

export interface ContactSnapshot {
	readonly id: number;
	readonly email: string | undefined;
	readonly externalId: string | undefined;
	readonly permission: number;
	readonly standardFields: Readonly<Record<string, string>>;
	readonly customFields: Readonly<Record<string, string>>;
	readonly created: number;
	readonly updated: number;
	readonly anonymised: boolean;
	/** A DOI mail went out and waits for `confirmDoi`. */
	readonly doiPending: boolean;
	readonly source: string | undefined;
}

export interface SeedContact {
	readonly email?: string;
	readonly externalId?: string;
	/** @default 1 (NONE) */
	readonly permission?: number;
	readonly standardFields?: Readonly<Record<string, string>>;
	/** Values of unregistered fields register them as `string`. */
	readonly customFields?: Readonly<Record<string, string>>;
	/** Epoch ms. @default the sandbox clock */
	readonly created?: number;
	readonly updated?: number;
}

export interface UnsubscriptionRow {
	readonly timestamp: number;
	readonly contactId: number;
	readonly externalId: string | undefined;
	readonly email: string | undefined;
	readonly mailingId: number | undefined;
	readonly source: string;
	readonly reasons: readonly string[];
}

export interface SubscriberRow {
	readonly timestamp: number;
	readonly contactId: number;
	readonly externalId: string | undefined;
	readonly email: string | undefined;
	readonly permission: number;
}

export interface MaileonEvent {
	readonly type: 'unsubscription' | 'doi';
	readonly at: number;
	/** The contact as it was when the event happened (before anonymisation). */
	readonly contact: ContactSnapshot;
	readonly mailingId?: number;
	readonly source?: string;
}

export interface UnsubscribeMeta {
	/** @default 'link' for the test hook, 'api' for the API */
	readonly source?: string;
	readonly mailingId?: number;
	readonly reasons?: readonly string[];
}

interface PendingUnsubscription {
	readonly contactId: number;
	readonly requestedAt: number;
	readonly effectiveAt: number;
	readonly meta: UnsubscribeMeta;
}

export interface MarkerEntry {
	readonly email: string;
	readonly at: number;
}

export interface DroppedContact {
	readonly email: string;
	readonly reason: string;
	readonly at: number;
}

export interface WebhookUrlParam {
	readonly name: string;
	readonly standard_contact_field?: string;
	readonly custom_contact_field?: string;
	readonly custom_value?: string;
}

export interface WebhookDefinition {
	readonly id: number;
	readonly url: string;
	readonly event: string;
	readonly urlParams: readonly WebhookUrlParam[];
	readonly standardFields: readonly string[];
	readonly customFields: readonly string[];
	readonly eventFields: readonly string[];
}

export interface MaileonStateOptions {
	readonly settings?: Partial<MaileonSettings>;
	/** @default a clock following the system time */
	readonly clock?: SandboxClock;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Ids of the contacts under one index key in creation order: nearly every key has one, kept without an array. */
type IdList = number | number[];

/**
 * Everything the Maileon sandbox stores, in memory. Routes change it through the methods here;
 * tests seed and inspect it with the helpers (`seedContacts`, `getContact`, `unsubscribe`,
 * `confirmDoi`, …), which never go through HTTP.
 */
export class MaileonState {
	settings: MaileonSettings;
	readonly clock: SandboxClock;
	/** Blacklists 1 and 2 (global) and the account's own (maileon.md §6.12). */
	readonly blacklists: BlacklistStore;

	private readonly contacts = new Map<number, StoredContact>();
	private readonly byEmail = new Map<string, IdList>();
	private readonly byExternalId = new Map<string, IdList>();
	private readonly fields = new Map<string, CustomFieldType>();
	private readonly markers = new Map<string, MarkerEntry>();
	private unsubscriptionRows: UnsubscriptionRow[] = [];
	/** Addresses in retained unsubscription rows, with their row count. */
	private readonly unsubscribedAddresses = new Map<string, number>();
	private subscriberRows: SubscriberRow[] = [];
	private pending: PendingUnsubscription[] = [];
	private readonly hooks = new Map<number, WebhookDefinition>();
	private readonly listeners = new Set<(event: MaileonEvent) => void>();
	private readonly dropped: DroppedContact[] = [];
	private nextContactId = 1001;
	private nextWebhookId = 1;

	constructor(options: MaileonStateOptions = {}) {
		this.settings = resolveSettings(options.settings);
		this.clock = options.clock ?? new SandboxClock();
		this.blacklists = new BlacklistStore(this.clock);
	}

	// ---- test helpers -------------------------------------------------------------------------

	/** Stores contacts as they are, without validation; returns their snapshots. */
	seedContacts(contacts: readonly SeedContact[]): ContactSnapshot[] {
		return contacts.map((seed) => {
			const now = this.clock.now();
			const contact = this.insertContact(
				seed.email,
				seed.externalId,
				seed.permission ?? PERMISSION.NONE,
				seed.created ?? now,
			);
			for (const [name, value] of Object.entries(seed.standardFields ?? {})) {
				const field = canonicalStandardField(name);
				if (!field) throw new Error(`seedContacts: "${name}" is not a writable standard field.`);
				contact.standardFields.set(field, value);
			}
			for (const [name, value] of Object.entries(seed.customFields ?? {})) {
				if (!this.fields.has(name)) this.fields.set(name, 'string');
				contact.customFields.set(name, value);
			}
			contact.updated = seed.updated ?? contact.created;
			return snapshot(contact);
		});
	}

	/** The first active (not anonymised) contact with this email. */
	getContact(email: string): ContactSnapshot | undefined {
		const contact = this.findByEmail(email)[0];
		return contact && snapshot(contact);
	}

	getContactById(id: number): ContactSnapshot | undefined {
		const contact = this.contacts.get(id);
		return contact && snapshot(contact);
	}

	/** Contacts in id order; anonymised ones only when asked. */
	listContacts(options: { readonly includeAnonymised?: boolean } = {}): ContactSnapshot[] {
		const list: ContactSnapshot[] = [];
		for (const contact of this.contacts.values()) {
			if (options.includeAnonymised || !contact.anonymised) list.push(snapshot(contact));
		}
		return list;
	}

	/** As if the contact clicked the unsubscribe link: takes effect at once, source `link`. */
	unsubscribe(email: string, meta: UnsubscribeMeta = {}): number {
		const contacts = this.findByEmail(email);
		for (const contact of contacts) {
			this.anonymise(contact, this.clock.now(), { source: 'link', ...meta });
		}
		return contacts.length;
	}

	/** As if the contact clicked the DOI link: permission 4 (or 5 for DOI+), a subscribers row, the `doi` webhook. */
	confirmDoi(email: string): ContactSnapshot {
		const contact = this.findByEmail(email).find((c) => c.pendingDoi !== undefined);
		if (!contact?.pendingDoi) {
			throw new Error(`confirmDoi: no contact "${email}" waits for a DOI confirmation.`);
		}
		const now = this.clock.now();
		contact.permission = contact.pendingDoi.doiPlus ? PERMISSION.DOI_PLUS : PERMISSION.DOI;
		contact.pendingDoi = undefined;
		contact.updated = now;
		this.subscriberRows.push({
			timestamp: now,
			contactId: contact.id,
			externalId: contact.externalId,
			email: contact.email,
			permission: contact.permission,
		});
		const confirmed = snapshot(contact);
		this.emit({ type: 'doi', at: now, contact: confirmed });
		return confirmed;
	}

	defineCustomField(name: string, type: CustomFieldType): void {
		this.fields.set(name, type);
	}

	/** Contacts a wrong or missing DOI mailing key made disappear (maileon.md §6.3). */
	get droppedContacts(): readonly DroppedContact[] {
		return this.dropped;
	}

	get unsubscriptions(): readonly UnsubscriptionRow[] {
		return this.unsubscriptionRows;
	}

	get subscribers(): readonly SubscriberRow[] {
		return this.subscriberRows;
	}

	get webhooks(): readonly WebhookDefinition[] {
		return [...this.hooks.values()];
	}

	/** Forgets all data; settings and clock stay. */
	reset(): void {
		this.contacts.clear();
		this.byEmail.clear();
		this.byExternalId.clear();
		this.fields.clear();
		this.markers.clear();
		this.unsubscriptionRows = [];
		this.unsubscribedAddresses.clear();
		this.subscriberRows = [];
		this.pending = [];
		this.hooks.clear();
		this.dropped.length = 0;
		this.nextContactId = 1001;
		this.nextWebhookId = 1;
		this.blacklists.reset();
	}

	/** Subscribes to `unsubscription` and `doi` events; returns the unsubscribe function. */
	onEvent(listener: (event: MaileonEvent) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/**
	 * Applies what time has made due: queued unsubscriptions and the retention purge. The
	 * server calls it before every request, so moving the clock takes effect on the next call.
	 */
	settle(): void {
		const now = this.clock.now();
		if (this.pending.length > 0) {
			const due = this.pending.filter((p) => p.effectiveAt <= now);
			this.pending = this.pending.filter((p) => p.effectiveAt > now);
			for (const item of due) {
				const contact = this.contacts.get(item.contactId);
				if (contact && !contact.anonymised) this.anonymise(contact, item.requestedAt, item.meta);
			}
		}
		this.purgeExpired(now);
	}

	/** When the earliest queued unsubscription becomes due (sandbox clock), if any. */
	nextDueAt(): number | undefined {
		let next: number | undefined;
		for (const p of this.pending) {
			if (next === undefined || p.effectiveAt < next) next = p.effectiveAt;
		}
		return next;
	}

	// ---- used by the routes --------------------------------------------------------------------

	emailKey(email: string): string {
		const trimmed = email.trim();
		return this.settings.caseSensitiveEmails ? trimmed : trimmed.toLowerCase();
	}

	findByEmail(email: string): StoredContact[] {
		return this.lookup(this.byEmail, this.emailKey(email));
	}

	/** The first active contact under an `emailKey`, without building the list `findByEmail` gives. */
	firstByEmailKey(key: string): StoredContact | undefined {
		const ids = this.byEmail.get(key);
		if (ids === undefined) return undefined;
		if (typeof ids === 'number') return this.active(ids);
		for (const id of ids) {
			const contact = this.active(id);
			if (contact) return contact;
		}
		return undefined;
	}

	findByExternalId(externalId: string): StoredContact[] {
		return this.lookup(this.byExternalId, externalId);
	}

	findById(id: number): StoredContact | undefined {
		return this.contacts.get(id);
	}

	activeContacts(): StoredContact[] {
		const list: StoredContact[] = [];
		for (const contact of this.contacts.values()) if (!contact.anonymised) list.push(contact);
		return list;
	}

	createContact(input: {
		email: string | undefined;
		externalId: string | undefined;
		permission: number;
		source?: string;
		subscriptionPage?: string;
	}): StoredContact {
		// no object spread here: it is the slowest step of a 1000-contact sync
		const contact = this.insertContact(
			input.email,
			input.externalId,
			input.permission,
			this.clock.now(),
		);
		contact.source = input.source;
		contact.subscriptionPage = input.subscriptionPage;
		return contact;
	}

	/**
	 * A new contact with an `emailKey` the caller has worked out already, whose fields are these
	 * maps, taken over as they are after what `applyFields` would drop from them. The maps must
	 * not be used elsewhere afterwards; the values must be validated already.
	 */
	createContactTakingFields(
		input: {
			email: string;
			emailKey: string;
			externalId: string | undefined;
			permission: number;
		},
		standard: Map<StandardField, string | null>,
		custom: Map<string, string | null>,
	): StoredContact {
		const contact = this.insertContact(
			input.email,
			input.externalId,
			input.permission,
			this.clock.now(),
			input.emailKey,
			// the nulls go in the next step
			standard as Map<StandardField, string>,
			custom as Map<string, string>,
		);
		// the maps are the contact's own now: this drops their cleared values and normalises the rest
		this.applyFields(contact, standard, custom);
		return contact;
	}

	/** Allocates an id that no stored contact will ever have (for silently dropped creates). */
	allocatePhantomId(email: string, reason: string): number {
		this.dropped.push({ email, reason, at: this.clock.now() });
		return this.nextContactId++;
	}

	setEmail(contact: StoredContact, email: string | undefined): void {
		this.unindex(
			this.byEmail,
			contact.email === undefined ? undefined : this.emailKey(contact.email),
			contact.id,
		);
		contact.email = email;
		this.index(this.byEmail, email === undefined ? undefined : this.emailKey(email), contact.id);
	}

	setExternalId(contact: StoredContact, externalId: string | undefined): void {
		this.unindex(this.byExternalId, contact.externalId, contact.id);
		contact.externalId = externalId;
		this.index(this.byExternalId, externalId, contact.id);
	}

	/** Writes field values; `null` or `''` clears a field. Values must be validated already. */
	applyFields(
		contact: StoredContact,
		standard: ReadonlyMap<StandardField, string | null>,
		custom: ReadonlyMap<string, string | null>,
	): void {
		for (const [name, value] of standard) {
			if (value === null || value === '') contact.standardFields.delete(name);
			else contact.standardFields.set(name, value);
		}
		for (const [name, value] of custom) {
			const type = this.fields.get(name);
			if (value === null || value === '' || type === undefined) contact.customFields.delete(name);
			else contact.customFields.set(name, normaliseCustomValue(type, value));
		}
	}

	touch(contact: StoredContact): void {
		contact.updated = this.clock.now();
	}

	deleteContact(contact: StoredContact): void {
		this.unindex(
			this.byEmail,
			contact.email === undefined ? undefined : this.emailKey(contact.email),
			contact.id,
		);
		this.unindex(this.byExternalId, contact.externalId, contact.id);
		this.contacts.delete(contact.id);
		this.pending = this.pending.filter((p) => p.contactId !== contact.id);
	}

	deleteAllContacts(): number {
		const count = this.contacts.size;
		this.contacts.clear();
		this.byEmail.clear();
		this.byExternalId.clear();
		this.pending = [];
		return count;
	}

	/** Queues an API unsubscription; it takes effect after `unsubscribeDelayMs` (maileon.md §6.10). */
	requestUnsubscribe(contact: StoredContact, meta: UnsubscribeMeta): void {
		const now = this.clock.now();
		if (this.pending.some((p) => p.contactId === contact.id)) return;
		this.pending.push({
			contactId: contact.id,
			requestedAt: now,
			effectiveAt: now + this.settings.unsubscribeDelayMs,
			meta: { source: 'api', ...meta },
		});
		this.settle();
	}

	/** The address unsubscribed before: it has a marker or a retained unsubscriptions row. */
	isUnsubscribedAddress(email: string): boolean {
		return this.isUnsubscribedKey(this.emailKey(email));
	}

	/** `isUnsubscribedAddress` for an `emailKey`. */
	isUnsubscribedKey(key: string): boolean {
		return this.markers.has(key) || (this.unsubscribedAddresses.get(key) ?? 0) > 0;
	}

	getMarker(email: string): MarkerEntry | undefined {
		return this.markers.get(this.emailKey(email));
	}

	/** @returns true if the marker is new */
	setMarker(email: string): boolean {
		const key = this.emailKey(email);
		if (this.markers.has(key)) return false;
		this.markers.set(key, { email: email.trim(), at: this.clock.now() });
		return true;
	}

	/** @returns true if there was a marker */
	deleteMarker(email: string): boolean {
		return this.markers.delete(this.emailKey(email));
	}

	customFieldType(name: string): CustomFieldType | undefined {
		return this.fields.get(name);
	}

	customFieldList(): Array<{ name: string; type: CustomFieldType }> {
		return [...this.fields].map(([name, type]) => ({ name, type }));
	}

	removeCustomField(name: string): boolean {
		if (!this.fields.delete(name)) return false;
		this.wipeCustomValues(name);
		return true;
	}

	renameCustomField(oldName: string, newName: string): void {
		const type = this.fields.get(oldName);
		if (type === undefined) throw new Error(`renameCustomField: no field "${oldName}".`);
		// rebuild to keep the field at its position in the list
		const entries = [...this.fields].map(([name, t]): [string, CustomFieldType] => [
			name === oldName ? newName : name,
			t,
		]);
		this.fields.clear();
		for (const [name, t] of entries) this.fields.set(name, t);
		for (const contact of this.contacts.values()) {
			const value = contact.customFields.get(oldName);
			if (value === undefined) continue;
			contact.customFields.delete(oldName);
			contact.customFields.set(newName, value);
		}
	}

	wipeCustomValues(name: string): void {
		for (const contact of this.contacts.values()) contact.customFields.delete(name);
	}

	wipeStandardValues(name: StandardField): void {
		for (const contact of this.contacts.values()) contact.standardFields.delete(name);
	}

	addWebhook(definition: Omit<WebhookDefinition, 'id'>): WebhookDefinition {
		const hook = { ...definition, id: this.nextWebhookId++ };
		this.hooks.set(hook.id, hook);
		return hook;
	}

	getWebhook(id: number): WebhookDefinition | undefined {
		return this.hooks.get(id);
	}

	replaceWebhook(hook: WebhookDefinition): void {
		this.hooks.set(hook.id, hook);
	}

	deleteWebhook(id: number): boolean {
		return this.hooks.delete(id);
	}

	checksum(contact: StoredContact): string {
		return createHash('sha256').update(`maileon-sandbox:${contact.id}`).digest('hex').slice(0, 32);
	}

	snapshot(contact: StoredContact): ContactSnapshot {
		return snapshot(contact);
	}

	// ---- internals -----------------------------------------------------------------------------

	private insertContact(
		email: string | undefined,
		externalId: string | undefined,
		permission: number,
		created: number,
		emailKey = email === undefined ? undefined : this.emailKey(email),
		standardFields = new Map<StandardField, string>(),
		customFields = new Map<string, string>(),
	): StoredContact {
		const contact: StoredContact = {
			id: this.nextContactId++,
			email,
			externalId,
			permission,
			standardFields,
			customFields,
			created,
			updated: created,
			anonymised: false,
			pendingDoi: undefined,
			source: undefined,
			subscriptionPage: undefined,
		};
		this.contacts.set(contact.id, contact);
		// a new contact is in no index yet: no `setEmail`/`setExternalId`, which first take it out
		this.index(this.byEmail, emailKey, contact.id);
		this.index(this.byExternalId, externalId, contact.id);
		return contact;
	}

	/** Unsubscribe effect (maileon.md §6.10): report row, webhook, then only the id remains findable. */
	private anonymise(contact: StoredContact, at: number, meta: UnsubscribeMeta): void {
		const before = snapshot(contact);
		const row: UnsubscriptionRow = {
			timestamp: at,
			contactId: contact.id,
			externalId: contact.externalId,
			email: contact.email,
			mailingId: meta.mailingId,
			source: meta.source ?? 'api',
			reasons: meta.reasons ?? [],
		};
		this.insertUnsubscriptionRow(row);
		if (contact.email !== undefined && this.settings.unsubscribeSetsMarker) {
			this.setMarker(contact.email);
		}
		this.unindex(
			this.byEmail,
			contact.email === undefined ? undefined : this.emailKey(contact.email),
			contact.id,
		);
		this.unindex(this.byExternalId, contact.externalId, contact.id);
		contact.email = undefined;
		contact.standardFields.clear();
		contact.customFields.clear();
		contact.permission = PERMISSION.NONE;
		contact.pendingDoi = undefined;
		contact.anonymised = true;
		contact.updated = this.clock.now();
		this.emit({
			type: 'unsubscription',
			at,
			contact: before,
			mailingId: meta.mailingId,
			source: row.source,
		});
	}

	private insertUnsubscriptionRow(row: UnsubscriptionRow): void {
		// rows stay sorted by time; a delayed unsubscription keeps its request time
		let index = this.unsubscriptionRows.length;
		while (index > 0 && this.unsubscriptionRows[index - 1].timestamp > row.timestamp) index--;
		this.unsubscriptionRows.splice(index, 0, row);
		if (row.email !== undefined) {
			const key = this.emailKey(row.email);
			this.unsubscribedAddresses.set(key, (this.unsubscribedAddresses.get(key) ?? 0) + 1);
		}
	}

	private purgeExpired(now: number): void {
		const days = this.settings.retentionDays;
		if (days === null) return;
		const cutoff = now - days * DAY_MS;
		if (this.unsubscriptionRows.length > 0 && this.unsubscriptionRows[0].timestamp < cutoff) {
			const kept: UnsubscriptionRow[] = [];
			for (const row of this.unsubscriptionRows) {
				if (row.timestamp >= cutoff) kept.push(row);
				else if (row.email !== undefined) {
					const key = this.emailKey(row.email);
					const left = (this.unsubscribedAddresses.get(key) ?? 1) - 1;
					if (left > 0) this.unsubscribedAddresses.set(key, left);
					else this.unsubscribedAddresses.delete(key);
				}
			}
			this.unsubscriptionRows = kept;
		}
		if (this.subscriberRows.some((row) => row.timestamp < cutoff)) {
			this.subscriberRows = this.subscriberRows.filter((row) => row.timestamp >= cutoff);
		}
	}

	private emit(event: MaileonEvent): void {
		for (const listener of this.listeners) listener(event);
	}

	private active(id: number): StoredContact | undefined {
		const contact = this.contacts.get(id);
		return contact && !contact.anonymised ? contact : undefined;
	}

	private lookup(index: Map<string, IdList>, key: string): StoredContact[] {
		const ids = index.get(key);
		if (ids === undefined) return [];
		const list: StoredContact[] = [];
		for (const id of typeof ids === 'number' ? [ids] : ids) {
			const contact = this.active(id);
			if (contact) list.push(contact);
		}
		return list;
	}

	private index(index: Map<string, IdList>, key: string | undefined, id: number): void {
		if (key === undefined || key === '') return;
		const ids = index.get(key);
		if (ids === undefined) index.set(key, id);
		else if (typeof ids === 'number') {
			if (ids !== id) index.set(key, [ids, id]);
		} else if (!ids.includes(id)) ids.push(id);
	}

	private unindex(index: Map<string, IdList>, key: string | undefined, id: number): void {
		if (key === undefined) return;
		const ids = index.get(key);
		if (ids === undefined) return;
		if (typeof ids === 'number') {
			if (ids === id) index.delete(key);
			return;
		}
		const position = ids.indexOf(id);
		if (position !== -1) ids.splice(position, 1);
		if (ids.length === 0) index.delete(key);
	}
}

function snapshot(contact: StoredContact): ContactSnapshot {
	return {
		id: contact.id,
		email: contact.email,
		externalId: contact.externalId,
		permission: contact.permission,
		standardFields: Object.fromEntries(contact.standardFields),
		customFields: Object.fromEntries(contact.customFields),
		created: contact.created,
		updated: contact.updated,
		anonymised: contact.anonymised,
		doiPending: contact.pendingDoi !== undefined,
		source: contact.source,
	};
}
