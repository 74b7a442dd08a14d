import { SandboxClock } from '../framework/clock';
import { defaultSettings } from './settings';
import type { BillomatSettings } from './settings';

/** A stored record: every value a string, as Billomat sends them (billomat.md §6.5). */
export type StoredRecord = Record<string, string>;

export type SeedValue = string | number | boolean;

export interface SeedContactPerson {
	readonly [field: string]: SeedValue | undefined;
}

export interface SeedClient {
	readonly [field: string]: SeedValue | readonly string[] | Readonly<Record<string, string>> | readonly SeedContactPerson[] | undefined;
	/** Tag names. */
	readonly tags?: readonly string[];
	/** Client property values by property name; unknown names define a TEXTFIELD property. */
	readonly properties?: Readonly<Record<string, string>>;
	readonly contacts?: readonly SeedContactPerson[];
}

// What a new client looks like when only a few fields are given (billomat.md §7.3, abridged).
const CLIENT_DEFAULTS: Readonly<StoredRecord> = {
	archived: '0',
	number_pre: 'KD',
	number_length: '0',
	name: '',
	salutation: '',
	first_name: '',
	last_name: '',
	street: '',
	zip: '',
	city: '',
	state: '',
	country_code: 'DE',
	email: '',
	phone: '',
	fax: '',
	mobile: '',
	www: '',
	tax_number: '',
	vat_number: '',
	bank_iban: '',
	bank_swift: '',
	sepa_mandate: '',
	sepa_mandate_date: '0001-01-01T00:00:00+01:00',
	tax_rule: 'COUNTRY',
	net_gross: 'SETTINGS',
	currency_code: 'EUR',
	locale: 'de_DE',
	customfield: '',
	note: '',
	dig_exclude: '0',
	enable_customerportal: '0',
	revenue_gross: '0.00',
	revenue_net: '0.00',
	discount_rate_type: 'SETTINGS',
	discount_rate: '',
	due_days_type: 'SETTINGS',
	due_days: '',
};

export const CLIENT_FIELDS: readonly string[] = [
	'id',
	'created',
	'updated',
	'client_number',
	'number',
	'address',
	...Object.keys(CLIENT_DEFAULTS),
];

export const CONTACT_FIELDS: readonly string[] = [
	'id',
	'client_id',
	'label',
	'name',
	'salutation',
	'first_name',
	'last_name',
	'street',
	'zip',
	'city',
	'state',
	'country_code',
	'phone',
	'fax',
	'mobile',
	'email',
	'www',
	'created',
	'updated',
];

export interface PropertyDefinition {
	readonly id: number;
	name: string;
	type: 'TEXTFIELD' | 'TEXTAREA' | 'CHECKBOX';
	default_value: string;
}

interface RateWindow {
	start: number;
	used: number;
}

/** Billomat's `created` / `updated` form: ISO 8601 with the account's offset (fixed +01:00 here). */
export function formatBillomatDate(epochMs: number): string {
	return `${new Date(epochMs + 3_600_000).toISOString().slice(0, 19)}+01:00`;
}

function toText(value: unknown): string {
	if (typeof value === 'boolean') return value ? '1' : '0';
	if (value === undefined || value === null) return '';
	return String(value);
}

/** The account's data, quota and clock; tests seed and inspect it through `sandbox.state`. */
export class BillomatState {
	readonly settings: BillomatSettings;

	readonly clock: SandboxClock;

	/** Only the fields set for each client; `renderClient` adds the defaults. */
	readonly clients = new Map<number, StoredRecord>();

	readonly contacts = new Map<number, StoredRecord>();

	readonly tags = new Map<number, StoredRecord>();

	readonly properties = new Map<number, PropertyDefinition>();

	readonly propertyValues = new Map<number, StoredRecord>();

	private readonly windows = new Map<string, RateWindow>();

	private nextIds = { client: 1, contact: 1, tag: 1, property: 1, value: 1, number: 1 };

	constructor(options: { settings?: Partial<BillomatSettings>; clock?: SandboxClock } = {}) {
		this.settings = { ...defaultSettings(), ...options.settings };
		this.clock = options.clock ?? new SandboxClock();
	}

	now(): string {
		return formatBillomatDate(this.clock.now());
	}

	// ---- clients ----------------------------------------------------------------------------

	/** Creates a client from loose values (billomat.md §7.4); returns its id. */
	createClient(values: Readonly<Record<string, unknown>>): number {
		const id = this.nextIds.client++;
		const record: StoredRecord = {};
		for (const [name, value] of Object.entries(values)) {
			if (name !== 'id' && CLIENT_FIELDS.includes(name)) record[name] = toText(value);
		}
		const number = record.number !== undefined && record.number !== '' ? Number(record.number) : this.nextIds.number;
		this.nextIds.number = Math.max(this.nextIds.number, number + 1);
		record.id = String(id);
		record.number = String(number);
		const stamp = this.now();
		record.created ??= stamp;
		record.updated ??= record.created;
		this.clients.set(id, record);
		return id;
	}

	/** Changes only the given fields and stamps `updated`. */
	updateClient(id: number, values: Readonly<Record<string, unknown>>): void {
		const record = this.clients.get(id);
		if (record === undefined) throw new Error(`No client ${id}`);
		for (const [name, value] of Object.entries(values)) {
			if (!['id', 'created', 'updated', 'client_number', 'address'].includes(name) && CLIENT_FIELDS.includes(name)) {
				record[name] = toText(value);
			}
		}
		record.updated = this.now();
	}

	deleteClient(id: number): void {
		this.clients.delete(id);
		for (const map of [this.contacts, this.tags, this.propertyValues]) {
			for (const [key, record] of map) if (record.client_id === String(id)) map.delete(key);
		}
	}

	/** One field of a stored client as Billomat shows it (defaults, composed client number). */
	clientValue(own: StoredRecord, field: string): string {
		if (field === 'client_number') {
			const length = Number(own.number_length ?? CLIENT_DEFAULTS.number_length) || 0;
			return `${own.number_pre ?? CLIENT_DEFAULTS.number_pre}${own.number.padStart(length, '0')}`;
		}
		return own[field] ?? CLIENT_DEFAULTS[field] ?? '';
	}

	/** The full client as Billomat shows it: defaults, composed number and address. */
	renderClient(id: number): StoredRecord | undefined {
		const own = this.clients.get(id);
		if (own === undefined) return undefined;
		const client: StoredRecord = { id: own.id, created: own.created, updated: own.updated };
		Object.assign(client, CLIENT_DEFAULTS, own);
		if (!this.settings.clientsHaveUpdated) delete client.updated;
		client.client_number = this.clientValue(own, 'client_number');
		client.address = [
			client.name,
			[client.salutation, client.first_name, client.last_name].filter((part) => part !== '').join(' '),
			client.street,
			[client.zip, client.city].filter((part) => part !== '').join(' '),
		]
			.filter((line) => line !== '')
			.join('\n');
		return client;
	}

	/** Seeds clients with tags, property values and contact persons; returns their ids. */
	seedClients(seeds: readonly SeedClient[]): number[] {
		return seeds.map((seed) => {
			const { tags, properties, contacts, ...fields } = seed;
			const id = this.createClient(fields);
			for (const tag of tags ?? []) this.addTag(id, tag);
			for (const [name, value] of Object.entries(properties ?? {})) {
				this.setPropertyValue(id, this.propertyId(name), value);
			}
			for (const person of contacts ?? []) this.addContact(id, person);
			return id;
		});
	}

	/** Creates `count` clients fast (benchmarks); `build` gives the fields of the i-th (from 0). */
	generateClients(count: number, build: (index: number) => Readonly<Record<string, SeedValue>>): void {
		for (let index = 0; index < count; index++) this.createClient(build(index));
	}

	// ---- contacts, tags, properties -----------------------------------------------------------

	addContact(clientId: number, values: SeedContactPerson): number {
		const id = this.nextIds.contact++;
		const record: StoredRecord = {};
		for (const name of CONTACT_FIELDS) record[name] = toText(values[name]);
		Object.assign(record, { id: String(id), client_id: String(clientId), created: this.now(), updated: this.now() });
		this.contacts.set(id, record);
		return id;
	}

	addTag(clientId: number, name: string): number {
		const id = this.nextIds.tag++;
		this.tags.set(id, { id: String(id), client_id: String(clientId), name, customfield: '' });
		return id;
	}

	tagsOf(clientId: number): string[] {
		return [...this.tags.values()].filter((tag) => tag.client_id === String(clientId)).map((tag) => tag.name);
	}

	defineProperty(name: string, type: PropertyDefinition['type'] = 'TEXTFIELD'): number {
		const id = this.nextIds.property++;
		this.properties.set(id, { id, name, type, default_value: '' });
		return id;
	}

	/** The id of the property named `name`, defined as a TEXTFIELD if missing. */
	propertyId(name: string): number {
		for (const property of this.properties.values()) if (property.name === name) return property.id;
		return this.defineProperty(name);
	}

	/** billomat.md §8: POST acts as "set": one value per client and property. */
	setPropertyValue(clientId: number, propertyId: number, value: string): StoredRecord {
		const property = this.properties.get(propertyId);
		if (property === undefined) throw new Error(`No client property ${propertyId}`);
		for (const record of this.propertyValues.values()) {
			if (record.client_id === String(clientId) && record.client_property_id === String(propertyId)) {
				record.value = value;
				return record;
			}
		}
		const id = this.nextIds.value++;
		const record: StoredRecord = {
			id: String(id),
			client_id: String(clientId),
			client_property_id: String(propertyId),
			type: property.type,
			name: property.name,
			value,
			customfield: '',
		};
		this.propertyValues.set(id, record);
		return record;
	}

	propertyValuesOf(clientId: number): StoredRecord[] {
		return [...this.propertyValues.values()].filter((record) => record.client_id === String(clientId));
	}

	// ---- rate limit (billomat.md §4) -----------------------------------------------------------

	private window(quotaKey: string): RateWindow {
		const start = Math.floor(this.clock.now() / this.settings.windowMs) * this.settings.windowMs;
		let window = this.windows.get(quotaKey);
		if (window === undefined || window.start !== start) {
			window = { start, used: 0 };
			this.windows.set(quotaKey, window);
		}
		return window;
	}

	/**
	 * Counts one request against the quota of the current window; `allowed` is false once it is
	 * used up. Requests with and without app headers have separate quotas.
	 */
	consume(withApp: boolean): { allowed: boolean; remaining: number; resetSeconds: number } {
		const quota = withApp ? this.settings.appQuota : this.settings.quota;
		const window = this.window(withApp ? 'app' : 'plain');
		const resetSeconds = Math.floor((window.start + this.settings.windowMs) / 1000);
		if (window.used >= quota) return { allowed: false, remaining: 0, resetSeconds };
		window.used += 1;
		return { allowed: true, remaining: quota - window.used, resetSeconds };
	}

	/** Uses up part of the current window, as another tool on the account would. */
	spendQuota(requests: number, withApp = false): void {
		this.window(withApp ? 'app' : 'plain').used += requests;
	}

	/** The rate-limit headers as the plain window stands, without counting a request. */
	quotaHeaders(): Record<string, string> {
		const window = this.window('plain');
		return {
			'X-Rate-Limit-Remaining': String(Math.max(0, this.settings.quota - window.used)),
			'X-Rate-Limit-Reset': String(Math.floor((window.start + this.settings.windowMs) / 1000)),
		};
	}

	/** Requests counted in the current window. */
	quotaUsed(withApp = false): number {
		return this.window(withApp ? 'app' : 'plain').used;
	}
}
