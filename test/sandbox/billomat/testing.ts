import type { BillomatSandbox } from './server';

export interface CallOptions {
	method?: string;
	/** @default 'application/json' */
	accept?: string | null;
	/** @default the sandbox's API key */
	apiKey?: string | null;
	headers?: Record<string, string>;
	body?: unknown;
	/** @default 'application/json' when there is a body */
	contentType?: string;
}

export interface CallResult {
	status: number;
	headers: Headers;
	text: string;
	json: () => unknown;
}

/** One request to the sandbox's API root, e.g. `call(sandbox, '/clients?per_page=2')`. */
export async function call(sandbox: BillomatSandbox, path: string, options: CallOptions = {}): Promise<CallResult> {
	const headers: Record<string, string> = { ...options.headers };
	const accept = options.accept === undefined ? 'application/json' : options.accept;
	if (accept !== null) headers.accept = accept;
	const apiKey = options.apiKey === undefined ? sandbox.apiKey : options.apiKey;
	if (apiKey !== null) headers['x-billomatapikey'] = apiKey;
	let body: string | undefined;
	if (options.body !== undefined) {
		body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		headers['content-type'] = options.contentType ?? 'application/json';
	}
	const response = await fetch(`${sandbox.apiUrl}${path}`, { method: options.method ?? 'GET', headers, body });
	const text = await response.text();
	return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as unknown };
}
