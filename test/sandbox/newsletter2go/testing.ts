/** Helpers for tests against the sandbox: a fresh one per test, a fetch wrapper that logs in once and sends JSON. */
import { useSandbox } from '../framework/lifecycle';
import { PASSWORD_GRANT, TOKEN_PATH } from './auth';
import { startNewsletter2GoSandbox, type Newsletter2GoSandbox, type Newsletter2GoSandboxOptions } from './server';

/** A fresh sandbox for every test of the surrounding `describe` (see `useSandbox`), and its default list. */
export function useNewsletter2GoSandbox(options: Newsletter2GoSandboxOptions = {}): {
	sandbox: () => Newsletter2GoSandbox;
	listId: () => string;
} {
	const sandbox = useSandbox(async () => await startNewsletter2GoSandbox(options));
	return { sandbox, listId: () => sandbox().state.defaultListId };
}

export interface CallOptions {
	readonly query?: Readonly<Record<string, string | number | boolean>>;
	/** Sent as JSON. */
	readonly body?: unknown;
	/** Full `Authorization` value; `null` sends none. @default a bearer token from a password login */
	readonly authorization?: string | null;
}

export interface CallResult {
	readonly status: number;
	readonly text: string;
	/** The parsed JSON body. */
	readonly json: Record<string, unknown>;
	/** `json.value` of an envelope. */
	readonly value: Array<Record<string, unknown>>;
}

export type Newsletter2GoCall = (method: string, path: string, options?: CallOptions) => Promise<CallResult>;

export async function requestToken(sandbox: Newsletter2GoSandbox, body: Record<string, unknown>): Promise<CallResult> {
	const response = await fetch(`${sandbox.baseUrl}${TOKEN_PATH}`, {
		method: 'POST',
		headers: { authorization: sandbox.basicAuthorization, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return await toResult(response);
}

/** `call('GET', '/lists')` against the sandbox with a bearer token from one password login. */
export function newsletter2GoClient(sandbox: Newsletter2GoSandbox): Newsletter2GoCall {
	let token: string | undefined;
	return async (method, path, options = {}) => {
		if (options.authorization === undefined && token === undefined) {
			const { username, password } = sandbox.state.settings;
			const login = await requestToken(sandbox, { username, password, grant_type: PASSWORD_GRANT });
			token = String(login.json.access_token);
		}
		const headers: Record<string, string> = {};
		const authorization = options.authorization === undefined ? `Bearer ${token}` : options.authorization;
		if (authorization !== null) headers.authorization = authorization;
		if (options.body !== undefined) headers['content-type'] = 'application/json';
		const params = new URLSearchParams();
		for (const [name, value] of Object.entries(options.query ?? {})) params.append(name, String(value));
		const search = params.size === 0 ? '' : `?${params.toString()}`;
		const response = await fetch(`${sandbox.baseUrl}${path}${search}`, {
			method,
			headers,
			body: options.body === undefined ? undefined : JSON.stringify(options.body),
		});
		return await toResult(response);
	};
}

async function toResult(response: Response): Promise<CallResult> {
	const text = await response.text();
	const json = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
	const value = Array.isArray(json.value) ? (json.value as Array<Record<string, unknown>>) : [];
	return { status: response.status, text, json, value };
}
