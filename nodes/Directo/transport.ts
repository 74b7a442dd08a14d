import {
	NodeApiError,
	NodeOperationError,
	type IHttpRequestOptions,
	type JsonObject,
} from 'n8n-workflow';

import {
	type HttpResponse,
	nodeError,
	type RequestContext,
	sendRequest,
	type ServiceProfile,
} from '../shared/n8n/http';
import { describeFailure } from '../shared/retry';
import { XmlError } from '../shared/xml/error';
import { parseXmlDocument } from '../shared/xml/parse';
import { iterateRecords, type RecordSource } from '../shared/xml/records';
import {
	type DirectoComponent,
	type DirectoRecord,
	readRecord,
	readWriteResults,
	type WriteResult,
} from './mapping';
import { formatChangedSince, isKnownZone, type WallTime } from './time';

export const DIRECTO_CREDENTIAL = 'directoApi';

/** Answers have no paging and may be tens of megabytes (directo.md §3): a generous socket timeout. */
const TIMEOUT_MS = 5 * 60 * 1000;
/** Bytes read before deciding whether an answer holds records or an error. */
const SNIFF_BYTES = 512;
/** Longest error answer read; real ones are a single element. */
const MAX_ERROR_BYTES = 64 * 1024;
const MAX_VENDOR_TEXT = 300;
/** Roots of Directo's error answers (§2, §6, §7); `viga` is Estonian for error. */
const ERROR_ROOTS = new Set(['result', 'results', 'err', 'error', 'viga']);

/** Facts about the customer's interface, kept in the credential. */
export interface DirectoSettings {
	readonly timeZone: string;
	readonly changedSinceFormat: 'date' | 'dateTime';
	readonly sendFilters: boolean;
	/** Only to keep the key out of messages that quote Directo. */
	readonly key: string;
}

export async function readSettings(this: RequestContext): Promise<DirectoSettings> {
	const credentials = await this.getCredentials(DIRECTO_CREDENTIAL);
	const timeZone = String(credentials.timeZone ?? '').trim() || 'Europe/Tallinn';
	if (!isKnownZone(timeZone)) {
		throw new NodeOperationError(
			this.getNode(),
			`The time zone "${timeZone}" in the Directo credential is unknown`,
			{
				description: 'Enter an IANA time zone name such as Europe/Tallinn.',
			},
		);
	}
	return {
		timeZone,
		changedSinceFormat: credentials.changedSinceFormat === 'dateTime' ? 'dateTime' : 'date',
		sendFilters: credentials.sendFilters === true,
		key: String(credentials.apiKey ?? '').trim(),
	};
}

export interface Explanation {
	message: string;
	description: string;
}

/** Directo's text, shortened, with the key blanked out first so that no part of it survives the cut. */
function redact(text: string, settings: DirectoSettings): string {
	const safe = settings.key.length >= 4 ? text.split(settings.key).join('***') : text;
	return safe.replace(/\s+/g, ' ').trim().slice(0, MAX_VENDOR_TEXT);
}

/** Directo's text in an error document: `desc` of `<result>`, the text of `<err>`, or a failed `<Result>`. */
function readErrorText(text: string): { kind: string; type?: string; text: string } | undefined {
	let root;
	try {
		root = parseXmlDocument(text, { maxBytes: MAX_ERROR_BYTES });
	} catch {
		// parseXmlDocument throws only XmlError for text: an answer that is not even XML has no text
		// to quote, and the caller names the answer instead
		return undefined;
	}
	const kind = root.name.toLowerCase();
	if (kind === 'results') {
		const failed = readWriteResults(root).find(
			(entry) => entry.type !== '0' && entry.type !== '30',
		);
		return failed ? { kind: 'result', type: failed.type, text: failed.desc } : undefined;
	}
	const read = (name: string): string | undefined => {
		for (const [key, value] of Object.entries(root.attributes))
			if (key.toLowerCase() === name) return value;
		return undefined;
	};
	return { kind, type: read('type'), text: (read('desc') ?? read('message') ?? root.text).trim() };
}

/** What Directo's error answers mean and what the user can do (§2, §7, §10). */
function explainAnswer(
	text: string,
	what: DirectoComponent,
	settings: DirectoSettings,
): Explanation {
	const error = readErrorText(text);
	if (error === undefined) {
		return {
			message: 'Directo answered with an error document the node cannot read',
			description:
				'Check the XML Interface URL in the Directo credential and run the workflow again.',
		};
	}
	const vendorText = redact(error.text, settings);
	const lower = vendorText.toLowerCase();
	if (error.type === '5' || lower === 'unauthorized') {
		return {
			message: `Directo refused the key (${vendorText || 'Unauthorized'})`,
			description: `The key is wrong, or it may not use the "${what}" component: in Directo a SUPER user limits each key to chosen components under XML interfaces, and the XML output must be ordered. Check the key and the interface in the Directo credential, then press Test.`,
		};
	}
	if (error.type === '404' || lower.includes('invalid url')) {
		return {
			message: `Directo did not accept the request (${vendorText || 'Invalid url given'})`,
			description:
				'Check the XML Interface URL in the Directo credential. If it is right, switch the credential\'s "Parameter Placement": Directo installations differ in where they read the request parameters.',
		};
	}
	if (lower.includes('token required')) {
		return {
			message: 'Directo received no key (token required)',
			description:
				'Enter the key in the Directo credential. A legacy xmlcore interface expects its appkey as "key": choose "Legacy Xmlcore" as the interface then.',
		};
	}
	const type = error.type ? ` (type ${error.type})` : '';
	return {
		message: `Directo answered with an error${type}: ${vendorText || error.kind}`,
		description:
			"Check the node's filters and the Directo credential against this message. If it persists, ask your Directo consultant whether this interface is ordered for the data.",
	};
}

function explainNotXml(root: string | undefined, isEmpty: boolean): Explanation {
	if (isEmpty) {
		return {
			message: 'Directo sent an empty answer',
			description:
				'For Directo an empty answer means "no response", not "no records". Check the interface and the URL in the Directo credential and run the workflow again.',
		};
	}
	return {
		message: `Directo answered with ${root === 'html' ? 'a web page' : 'a document'} instead of its XML`,
		description:
			'Check the XML Interface URL in the Directo credential: it names an xmlcore.asp of Directo.',
	};
}

function explainXmlError(error: XmlError): Explanation {
	switch (error.code) {
		case 'truncated':
			return {
				message: "Directo's answer ended in the middle of the document",
				description:
					'The connection ended before the answer was complete, so nothing was taken from it. Run the workflow again; if it keeps happening, read less at once with "Changed Since" or a class filter.',
			};
		case 'forbiddenDtd':
			return {
				message: "Directo's answer contains a DOCTYPE declaration, which the node refuses",
				description:
					'Declarations can expand a small answer into a huge one, so they are never read. Check that the URL in the Directo credential points at Directo.',
			};
		case 'limit':
			return {
				message: `Directo's answer is larger than the node reads: ${error.message}`,
				description: 'Read less at once with "Changed Since" or a class filter.',
			};
		default:
			return {
				message: `Directo's answer is not well-formed XML: ${error.message}`,
				description:
					'Run the workflow again. If it persists, send this message to your Directo consultant.',
			};
	}
}

function explainHttpFailure(failure: { statusCode: number }): Explanation | undefined {
	if (failure.statusCode === 404) {
		return {
			message: 'There is no Directo XML interface at this URL (404)',
			description:
				'Check the XML Interface URL, and for a legacy interface the database name, in the Directo credential. A legacy interface must be ordered from Directo for your database.',
		};
	}
	return undefined;
}

function asText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (body instanceof Uint8Array) return new TextDecoder().decode(body);
	return '';
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
	return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function profile(
	settings: DirectoSettings,
	onRetry: (() => void) | undefined,
	retries?: number,
): ServiceProfile {
	return {
		service: 'Directo',
		credentialHint: 'Open the Directo credential, check the URL and the key, and press Test.',
		readErrorMessage: (body) => {
			const text = asText(body);
			const error = text.trimStart().startsWith('<') ? readErrorText(text) : undefined;
			return error?.text ? redact(error.text, settings) : undefined;
		},
		explain: explainHttpFailure,
		onRetry: onRetry === undefined ? undefined : () => onRetry(),
		// a failed answer's stream is never read: release its connection at once
		onResponse: (response: HttpResponse) => {
			if (response.statusCode >= 400 && isAsyncIterable(response.body)) {
				(response.body as { destroy?: () => void }).destroy?.();
			}
		},
		retry: retries === undefined ? undefined : { retries },
	};
}

function apiError(
	context: RequestContext,
	explanation: Explanation,
	itemIndex?: number,
): NodeApiError {
	return new NodeApiError(context.getNode(), { message: explanation.message } as JsonObject, {
		...explanation,
		itemIndex,
	});
}

type Opened =
	| { readonly kind: 'records'; readonly source: RecordSource }
	| { readonly kind: 'answer'; readonly root: string | undefined; readonly text: string };

const ROOT_NAME = /^\uFEFF?\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.:-]*)/;
const HTML_DOCTYPE = /^\uFEFF?\s*<!DOCTYPE\s+html/i;

/** The root element's name in lower case; `html` also for a page that starts with its DOCTYPE. */
function sniffRoot(head: string): string | undefined {
	if (HTML_DOCTYPE.test(head)) return 'html';
	return ROOT_NAME.exec(head)?.[1]?.toLowerCase();
}

async function* prepend(
	head: readonly Uint8Array[],
	rest: AsyncIterator<unknown>,
): AsyncGenerator<Uint8Array, void, undefined> {
	try {
		yield* head;
		for (;;) {
			const next = await rest.next();
			if (next.done) return;
			yield next.value as Uint8Array;
		}
	} finally {
		// closes the response when the reader stops early (a limit reached) or fails
		await rest.return?.();
	}
}

/**
 * Reads the head of an answer to tell records from an error document (Directo answers errors with
 * HTTP 200, §13 #8). A data answer is handed on as a stream, head included; an error answer is
 * read whole, up to 64 KiB, and its connection closed.
 */
async function openAnswer(body: unknown): Promise<Opened> {
	if (!isAsyncIterable(body)) {
		const text = asText(body);
		const root = sniffRoot(text);
		return root === undefined || ERROR_ROOTS.has(root) || root === 'html' || text.trim() === ''
			? { kind: 'answer', root, text }
			: { kind: 'records', source: text };
	}
	const iterator = body[Symbol.asyncIterator]();
	const head: Uint8Array[] = [];
	let headBytes = 0;
	let isDone = false;
	while (headBytes < SNIFF_BYTES) {
		const next = await iterator.next();
		if (next.done) {
			isDone = true;
			break;
		}
		const chunk = next.value as Uint8Array;
		head.push(chunk);
		headBytes += chunk.length;
	}
	const decoder = new TextDecoder();
	const headText = head.map((chunk) => decoder.decode(chunk, { stream: true })).join('');
	const root = sniffRoot(headText);
	const isError = root !== undefined && (ERROR_ROOTS.has(root) || root === 'html');
	if (!isError && !(isDone && headText.trim() === '')) {
		return { kind: 'records', source: prepend(head, iterator) };
	}
	let text = headText;
	while (!isDone && text.length < MAX_ERROR_BYTES) {
		const next = await iterator.next();
		if (next.done) isDone = true;
		else text += decoder.decode(next.value as Uint8Array, { stream: true });
	}
	if (!isDone) await iterator.return?.();
	return { kind: 'answer', root, text: text + decoder.decode() };
}

function throwForAnswer(
	context: RequestContext,
	opened: { root: string | undefined; text: string },
	what: DirectoComponent,
	settings: DirectoSettings,
	itemIndex?: number,
): never {
	const isXmlError = opened.root !== undefined && ERROR_ROOTS.has(opened.root);
	const explanation = isXmlError
		? explainAnswer(opened.text, what, settings)
		: explainNotXml(opened.root, opened.text.trim() === '');
	throw apiError(context, explanation, itemIndex);
}

export interface ReadQuery {
	readonly what: DirectoComponent;
	/** Changed since, Directo wall time; sent as `ts` in the credential's format. */
	readonly since?: WallTime;
	/** Filters Directo may apply; sent only when the credential says so (§13 #4). */
	readonly filters?: Readonly<Record<string, string | undefined>>;
	readonly itemIndex?: number;
	/** Called for each retried request. */
	readonly onRetry?: () => void;
}

function readParams(query: ReadQuery, settings: DirectoSettings): Record<string, string> {
	const params: Record<string, string> = { get: '1', what: query.what };
	if (query.since !== undefined)
		params.ts = formatChangedSince(query.since, settings.changedSinceFormat);
	if (settings.sendFilters) {
		for (const [name, value] of Object.entries(query.filters ?? {})) {
			if (value !== undefined && value !== '') params[name] = value;
		}
	}
	return params;
}

function requestOptions(
	qs: Record<string, string>,
	encoding: 'stream' | 'text',
	body?: Record<string, string>,
): IHttpRequestOptions {
	// url and the key are set by the credential, which knows the interface (DirectoApi.authenticate)
	return { method: 'POST', url: '', qs, body, encoding, json: false, timeout: TIMEOUT_MS };
}

/**
 * Streams the records of one `get` (directo.md §3: no paging, everything in one answer), one at a
 * time and with bounded memory. Stopping early closes the connection. The records are not
 * filtered here; Directo may ignore filters it does not know.
 */
export async function* readRecords(
	this: RequestContext,
	query: ReadQuery,
	settings: DirectoSettings,
): AsyncGenerator<DirectoRecord, void, undefined> {
	const response = await sendRequest.call(
		this,
		DIRECTO_CREDENTIAL,
		requestOptions(readParams(query, settings), 'stream'),
		profile(settings, query.onRetry),
		query.itemIndex,
	);
	try {
		const opened = await openAnswer(response.body);
		if (opened.kind === 'answer')
			throwForAnswer(this, opened, query.what, settings, query.itemIndex);
		for await (const record of iterateRecords(opened.source, { recordName: query.what })) {
			yield readRecord(record.element);
		}
	} catch (error) {
		throw readingError(this, error, query.itemIndex);
	}
}

/** The one error of a failed read: an explained answer passes unchanged, anything else is explained here. */
function readingError(context: RequestContext, error: unknown, itemIndex?: number): NodeApiError {
	if (error instanceof NodeApiError) return error;
	if (error instanceof XmlError) return apiError(context, explainXmlError(error), itemIndex);
	// no error code in the message: n8n would swap a message naming one for its generic text
	const failure = describeFailure(error);
	const code = failure.code ? ` (${failure.code})` : '';
	return apiError(
		context,
		{
			message: 'The connection to Directo broke while its answer was read',
			description: `Nothing was taken from the incomplete answer${code}. Run the workflow again; if it keeps happening, check any proxy or firewall between n8n and Directo.`,
		},
		itemIndex,
	);
}

/**
 * One `put` with `xmldata` (directo.md §6). Not retried: Directo asks clients to wait at least a
 * minute after a failed write, which the error message says instead.
 */
export async function writeRecords(
	this: RequestContext,
	what: DirectoComponent,
	xmldata: string,
	flags: Readonly<Record<string, string>>,
	settings: DirectoSettings,
	itemIndex?: number,
): Promise<WriteResult[]> {
	const response = await sendRequest.call(
		this,
		DIRECTO_CREDENTIAL,
		requestOptions({ put: '1', what, ...flags }, 'text', { xmldata }),
		profile(settings, undefined, 0),
		itemIndex,
	);
	const text = asText(response.body);
	const root = sniffRoot(text);
	if (root !== 'results') throwForAnswer(this, { root, text }, what, settings, itemIndex);
	try {
		return readWriteResults(parseXmlDocument(text, { maxBytes: MAX_ERROR_BYTES }));
	} catch (error) {
		if (error instanceof XmlError) throw apiError(this, explainXmlError(error), itemIndex);
		throw nodeError(this.getNode(), error);
	}
}

/**
 * What a connection test's answer says, or `undefined` for a data answer. The root element is read
 * past a byte order mark, an XML declaration, comments and whitespace, so every error answer Directo
 * documents (`<result type="5" …/>`, `<err>token required</err>`, `<result type="404" …/>`, a
 * `<results>` or `<error>` of a legacy interface; directo.md §2, §6, §7) fails the test, as do an
 * empty answer, a web page and an HTTP error.
 */
export function explainTestAnswer(
	statusCode: number,
	body: unknown,
	key: string,
): Explanation | undefined {
	const text = asText(body);
	const root = sniffRoot(text);
	const isData = root !== undefined && root !== 'html' && !ERROR_ROOTS.has(root);
	if (statusCode >= 200 && statusCode < 300 && isData) return undefined;
	if (root !== undefined && ERROR_ROOTS.has(root)) {
		const settings = { timeZone: '', changedSinceFormat: 'date', sendFilters: false, key } as const;
		return explainAnswer(text, 'customer', settings);
	}
	return (
		explainHttpFailure({ statusCode }) ??
		(statusCode >= 200 && statusCode < 300
			? explainNotXml(root, text.trim() === '')
			: {
					message: `Directo answered with HTTP ${statusCode}`,
					description:
						'Check the XML Interface URL in the Directo credential: it names an xmlcore.asp of Directo.',
				})
	);
}
