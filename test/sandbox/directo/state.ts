import { SandboxClock } from '../framework/clock';
import { type Component, type DirectoSettings, defaultSettings } from './settings';

export interface Datafield {
	code: string;
	content: string;
	param: string;
}

/** One customer or contact card. */
export interface DirectoRecord {
	readonly kind: Component;
	readonly code: string;
	/** Attributes other than `code` and `ts`, in output order. */
	attributes: Record<string, string>;
	datafields: Datafield[];
	/** Last change as wall-clock milliseconds (rendered `yyyy-MM-ddTHH:mm:ss`, no zone, §9). */
	ts: number;
}

/** A record to seed: attributes as values, datafields as `{ OPTIN: ['yes', '15.01.2024'] }`. */
export interface SeedRecord {
	readonly code: string;
	/** `yyyy-MM-ddTHH:mm:ss` or wall-clock ms. @default the sandbox clock */
	readonly ts?: string | number;
	readonly datafields?: Readonly<Record<string, string | readonly [string, string]>>;
	readonly [attribute: string]: unknown;
}

/** Answers the sandbox gives instead of the real one to reads, for fault tests (one per read). */
export type AnswerFault =
	| { readonly kind: 'empty' }
	/** The document stops after `bytes` bytes, the HTTP response still ends normally. */
	| { readonly kind: 'truncated'; readonly bytes: number }
	/** The connection is cut after the first chunk. */
	| { readonly kind: 'dropMidBody' }
	| { readonly kind: 'malformed' }
	| { readonly kind: 'doctype' }
	| { readonly kind: 'html' }
	/** Any error document, e.g. `<err>database is locked</err>`. */
	| { readonly kind: 'error'; readonly xml: string };

/** What the sandbox saw of one request; the key itself is never kept. */
export interface DirectoCall {
	readonly at: number;
	readonly method: string;
	readonly database: string;
	readonly action: 'get' | 'put' | 'none';
	readonly what?: string;
	/** Every parameter except `token`, `key` and `xmldata`, query and body merged. */
	readonly params: Readonly<Record<string, string>>;
	/** Where `get`/`put`/`what` arrived. */
	readonly routingIn: 'query' | 'body' | 'both' | 'none';
	/** Where the key arrived. */
	readonly keyIn: 'query' | 'body' | 'none';
	/** The `xmldata` of a write, as received. */
	readonly xmldata?: string;
	/** `records`, `result <type>`, `err`, `html`, `fault <kind>`. */
	answer: string;
	/** Records in a data answer. */
	records?: number;
}

/** Options of the generated feed used to test streaming and memory. */
export interface GeneratedFeed {
	readonly count: number;
	/** ts of the first record, wall-clock ms; each next one is a second later. */
	readonly firstTs: number;
}

const ATTRIBUTE_NAME = /^[A-Za-z_][\w.-]*$/;

export function formatTs(wallMs: number): string {
	return new Date(wallMs).toISOString().slice(0, 19);
}

export function parseSeedTs(value: string | number): number {
	if (typeof value === 'number') return value;
	const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})$/.exec(value);
	if (!match) throw new Error(`Expected ts as yyyy-MM-ddTHH:mm:ss, got "${value}".`);
	const [, y, mo, d, h, mi, s] = match.map(Number);
	return Date.UTC(y, mo - 1, d, h, mi, s);
}

/**
 * The Directo database behind the sandbox: customer and contact cards with datafields, a wall clock
 * that stamps every change (`ts`), the calls received and the faults still to inject.
 */
export class DirectoState {
	readonly settings: DirectoSettings;

	readonly clock: SandboxClock;

	readonly calls: DirectoCall[] = [];

	private readonly stores: Record<Component, Map<string, DirectoRecord>> = {
		customer: new Map(),
		contact: new Map(),
	};

	private readonly faults: AnswerFault[] = [];

	private readonly writeAnswers: string[] = [];

	private feed: GeneratedFeed | undefined;

	constructor(options: { settings?: Partial<DirectoSettings>; clock?: SandboxClock } = {}) {
		this.settings = { ...defaultSettings(), ...options.settings };
		this.clock = options.clock ?? new SandboxClock();
	}

	addCustomers(seeds: readonly SeedRecord[]): void {
		for (const seed of seeds) this.put('customer', toRecord('customer', seed, this.clock.now()));
	}

	addContacts(seeds: readonly SeedRecord[]): void {
		for (const seed of seeds) this.put('contact', toRecord('contact', seed, this.clock.now()));
	}

	/** Changes attributes and datafields of a card as a Directo user would; `ts` becomes now. */
	change(
		kind: Component,
		code: string,
		changes: {
			attributes?: Record<string, string>;
			datafields?: Record<string, readonly [string, string]>;
			ts?: string | number;
		},
	): DirectoRecord {
		const record = this.stores[kind].get(code);
		if (!record) throw new Error(`No ${kind} with code "${code}".`);
		Object.assign(record.attributes, changes.attributes ?? {});
		for (const [fieldCode, [content, param]] of Object.entries(changes.datafields ?? {})) {
			setDatafield(record, { code: fieldCode, content, param });
		}
		record.ts = changes.ts === undefined ? this.clock.now() : parseSeedTs(changes.ts);
		return record;
	}

	get(kind: Component, code: string): DirectoRecord | undefined {
		return this.stores[kind].get(code);
	}

	put(kind: Component, record: DirectoRecord): void {
		this.stores[kind].set(record.code, record);
	}

	/** Stored records, then (customers only) the generated feed, created one at a time. */
	*records(kind: Component): Generator<DirectoRecord> {
		yield* this.stores[kind].values();
		const feed = this.feed;
		if (kind !== 'customer' || feed === undefined) return;
		for (let index = 1; index <= feed.count; index++) yield generatedCustomer(index, feed.firstTs);
	}

	/**
	 * Adds `count` customers that exist only while an answer is written, so a feed of 100,000
	 * customers costs the sandbox no memory. Every 20th shares the address of the one before, every
	 * 50th holds two addresses, every 100th none, every 40th is closed.
	 */
	generateCustomers(count: number, firstTs = Date.UTC(2024, 0, 1)): void {
		if (!Number.isInteger(count) || count < 0) throw new Error(`Expected a count, got ${count}.`);
		this.feed = { count, firstTs };
	}

	/** The next `times` reads get `fault` instead of their answer. */
	injectAnswer(fault: AnswerFault, times = 1): void {
		for (let i = 0; i < times; i++) this.faults.push(fault);
	}

	takeFault(): AnswerFault | undefined {
		return this.faults.shift();
	}

	/** The next write is answered with `xml` (e.g. a `<results>` with Type 14) and changes nothing. */
	injectWriteAnswer(xml: string): void {
		this.writeAnswers.push(xml);
	}

	takeWriteAnswer(): string | undefined {
		return this.writeAnswers.shift();
	}

	/** Calls that reached the interface, e.g. `state.callsFor('get')`. */
	callsFor(action: DirectoCall['action']): DirectoCall[] {
		return this.calls.filter((call) => call.action === action);
	}

	reset(): void {
		this.stores.customer.clear();
		this.stores.contact.clear();
		this.faults.length = 0;
		this.writeAnswers.length = 0;
		this.calls.length = 0;
		this.feed = undefined;
	}
}

export function setDatafield(record: DirectoRecord, field: Datafield): void {
	const existing = record.datafields.find((entry) => entry.code === field.code);
	if (existing) Object.assign(existing, field);
	else record.datafields.push({ ...field });
}

function toRecord(kind: Component, seed: SeedRecord, now: number): DirectoRecord {
	const attributes: Record<string, string> = {};
	for (const [name, value] of Object.entries(seed)) {
		if (name === 'code' || name === 'ts' || name === 'datafields' || value === undefined) continue;
		if (!ATTRIBUTE_NAME.test(name)) throw new Error(`"${name}" is not an attribute name.`);
		attributes[name] = String(value);
	}
	const datafields: Datafield[] = Object.entries(seed.datafields ?? {}).map(([code, value]) =>
		typeof value === 'string'
			? { code, content: value, param: '' }
			: { code, content: value[0], param: value[1] },
	);
	return {
		kind,
		code: seed.code,
		attributes,
		datafields,
		ts: seed.ts === undefined ? now : parseSeedTs(seed.ts),
	};
}

const CLASSES = ['KLIENT', 'VIP', 'PARTNER'];

function generatedCustomer(index: number, firstTs: number): DirectoRecord {
	const number = String(index).padStart(6, '0');
	const own = `user${number}@example.org`;
	let email = own;
	if (index % 100 === 0) email = '';
	else if (index % 50 === 0) email = `${own}; info${number}@example.org`;
	else if (index % 20 === 0) email = `user${String(index - 1).padStart(6, '0')}@example.org`;
	const day = String((index % 28) + 1).padStart(2, '0');
	const datafields: Datafield[] = [
		{ code: 'SEGMENT', content: index % 3 === 0 ? 'retail' : 'wholesale', param: '' },
	];
	if (index % 7 !== 0)
		datafields.push({
			code: 'OPTIN',
			content: index % 10 === 0 ? 'no' : 'yes',
			param: `${day}.03.2024`,
		});
	return {
		kind: 'customer',
		code: `G${number}`,
		attributes: {
			name: `Klient ${number} OÜ`,
			address1: `Tartu mnt ${index % 200}`,
			address2: 'Tallinn',
			address3: '10115',
			country: 'EE',
			contact: `Mari Mets ${number}`,
			phone: '+372 5555 5555',
			email,
			regno: String(10_000_000 + index),
			class: CLASSES[index % CLASSES.length],
			closed: index % 40 === 0 ? '1' : '0',
		},
		datafields,
		ts: firstTs + index * 1000,
	};
}
