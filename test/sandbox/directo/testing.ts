/** Helpers for the sandbox's own tests: one call to the interface, as a client sends it. */
import type { DirectoSandbox } from './server';
import type { SeedRecord } from './state';

export interface CallOptions {
	/** Query-string parameters. */
	readonly query?: Readonly<Record<string, string>>;
	/** Form-body parameters; the key goes here unless `key` is null or `keyIn` says otherwise. */
	readonly form?: Readonly<Record<string, string>>;
	/** @default the sandbox's XML Direct key */
	readonly key?: string | null;
	/** @default 'body' */
	readonly keyIn?: 'body' | 'query';
	/** @default the XML Direct endpoint */
	readonly url?: string;
	/** @default 'POST' */
	readonly method?: string;
	/** Name of the key field. @default 'token' */
	readonly keyName?: string;
}

export interface CallResult {
	readonly status: number;
	readonly headers: Headers;
	readonly text: string;
}

export async function callDirecto(
	sandbox: DirectoSandbox,
	options: CallOptions = {},
): Promise<CallResult> {
	const query = new URLSearchParams(options.query ?? {});
	const form = new URLSearchParams(options.form ?? {});
	const key = options.key === undefined ? sandbox.token : options.key;
	if (key !== null)
		(options.keyIn === 'query' ? query : form).append(options.keyName ?? 'token', key);
	const search = query.toString();
	const url = `${options.url ?? sandbox.url}${search === '' ? '' : `?${search}`}`;
	const method = options.method ?? 'POST';
	const hasBody = method !== 'GET' && method !== 'HEAD';
	const response = await fetch(url, {
		method,
		headers: hasBody ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
		body: hasBody ? form.toString() : undefined,
	});
	return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The attributes `code` of every `<customer>`/`<contact>` in an answer, in order. */
export function codesIn(text: string, kind = 'customer'): string[] {
	return [...text.matchAll(new RegExp(`<${kind} code="([^"]*)"`, 'g'))].map((match) => match[1]);
}

/** A card builder: `defaults`, with whatever `overrides` a test names on top. */
function cardBuilder(defaults: SeedRecord): (overrides?: Partial<SeedRecord>) => SeedRecord {
	return (overrides = {}) => ({ ...defaults, ...overrides });
}

/** A customer card: Mets OÜ (K1001) with an opt-in datafield, unless `overrides` say otherwise. */
export const customer = cardBuilder({
	code: 'K1001',
	name: 'Mets OÜ',
	email: 'mari@mets.ee',
	class: 'KLIENT',
	ts: '2024-01-15T10:30:00',
	datafields: { OPTIN: ['yes', '15.01.2024'] },
});

/** A contact person card: Mari Mets (code 11) of that customer, unless `overrides` say otherwise. */
export const contact = cardBuilder({
	code: '11',
	customercode: customer().code,
	firstname: 'Mari',
	lastname: 'Mets',
	sex: '1',
	email: customer().email,
});
