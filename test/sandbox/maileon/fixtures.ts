/** Small helpers for the sandbox's own tests: a fresh sandbox per test, a fetch wrapper and request-body builders. */
import { useSandbox } from '../framework/lifecycle';
import { XML_MEDIA_TYPE } from './http';
import { startMaileonSandbox, type MaileonSandbox, type MaileonSandboxOptions } from './server';
import type { SeedContact } from './state';
import { el, parseXml, renderXml } from './xml';
import type { XmlElement, XmlNode } from './xml';

export interface CallOptions {
	readonly query?: Readonly<Record<string, string | number | boolean | readonly string[]>>;
	readonly body?: string;
	/** @default the Maileon XML media type when there is a body */
	readonly contentType?: string;
	/** Full `Authorization` value; `null` sends none. @default the sandbox's demo key */
	readonly authorization?: string | null;
}

export interface CallResult {
	readonly status: number;
	readonly headers: Headers;
	readonly text: string;
	/** The body parsed as XML (throws if it is not). */
	xml(): XmlElement;
	json(): unknown;
}

export type MaileonCall = (
	method: string,
	path: string,
	options?: CallOptions,
) => Promise<CallResult>;

/** `call('GET', '/contacts/count')` against `sandbox.apiUrl`. */
export function maileonClient(sandbox: MaileonSandbox): MaileonCall {
	return async (method, path, options = {}) => {
		const params = new URLSearchParams();
		for (const [name, value] of Object.entries(options.query ?? {})) {
			if (Array.isArray(value)) for (const v of value) params.append(name, String(v));
			else params.append(name, String(value));
		}
		const encoded = params.toString();
		const search = encoded === '' ? '' : `?${encoded}`;
		const headers: Record<string, string> = {};
		const authorization =
			options.authorization === undefined ? sandbox.authorization() : options.authorization;
		if (authorization !== null) headers.authorization = authorization;
		if (options.body !== undefined) {
			headers['content-type'] = options.contentType ?? `${XML_MEDIA_TYPE}; charset=utf-8`;
		}
		const response = await fetch(`${sandbox.apiUrl}${path}${search}`, {
			method,
			headers,
			body: options.body,
		});
		const text = await response.text();
		return {
			status: response.status,
			headers: response.headers,
			text,
			xml: () => parseXml(text),
			json: () => JSON.parse(text) as unknown,
		};
	};
}

/** A fresh sandbox for every test of the surrounding `describe` (see `useSandbox`), and `call` against it. */
export function useMaileonClient(options: MaileonSandboxOptions = {}): { sandbox: () => MaileonSandbox; call: MaileonCall } {
	const sandbox = useSandbox(async () => await startMaileonSandbox(options));
	return { sandbox, call: async (method, path, callOptions) => await maileonClient(sandbox())(method, path, callOptions) };
}

/** A contact as a request body names it: the identifiers of a seed, plus Maileon's own id. */
export interface ContactSpec extends Pick<SeedContact, 'email' | 'externalId'> {
	readonly id?: number;
	readonly standard?: Readonly<Record<string, string>>;
	readonly custom?: Readonly<Record<string, string>>;
}

export function contactNode(spec: ContactSpec): XmlNode {
	const fields = (values: Readonly<Record<string, string>>) =>
		Object.entries(values).map(([name, value]) =>
			el('field', [el('name', name), el('value', value)]),
		);
	const children: XmlNode[] = [];
	if (spec.id !== undefined) children.push(el('id', spec.id));
	if (spec.email !== undefined) children.push(el('email', spec.email));
	if (spec.externalId !== undefined) children.push(el('external_id', spec.externalId));
	if (spec.standard) children.push(el('standard_fields', fields(spec.standard)));
	if (spec.custom) children.push(el('custom_fields', fields(spec.custom)));
	return el('contact', children);
}

/** `<contact>` body for the single-contact endpoints. */
export function contactXml(spec: ContactSpec = {}): string {
	return renderXml(contactNode(spec));
}

/** `<contacts>` body for `POST /contacts`. */
export function contactsXml(specs: readonly ContactSpec[]): string {
	return renderXml(el('contacts', specs.map(contactNode)));
}

/** Text of a direct child of the root, e.g. `reportValue(res.xml(), 'count_new_contacts')`. */
export function textOf(root: XmlElement, name: string): string | undefined {
	return root.children.find((c) => c.name === name)?.text;
}
