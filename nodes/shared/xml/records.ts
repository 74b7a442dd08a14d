import type { XmlElement } from './element';
import { createDecoder, type SourceEncoding, type TextStreamDecoder } from './encoding';
import { XmlError } from './error';
import { formatLength, readLimit } from './limits';
import { XmlScanner } from './scanner';

export {
	attributeValue,
	childElement,
	childElements,
	childText,
	flattenFields,
	type XmlElement,
} from './element';

export type RecordSource = AsyncIterable<Uint8Array> | Uint8Array | string;

export interface RecordOptions {
	/**
	 * Name of the record element, matched case-insensitively; the outermost match below the root is
	 * a record, at any depth. Omit to use the most frequent child of the root among the first records
	 * (or the repeated child of a single wrapper element).
	 */
	readonly recordName?: string;
	/** Largest document, in bytes (characters for a string source). @default 536870912 (512 MiB) */
	readonly maxTotalBytes?: number;
	/**
	 * Longest record, and longest tag, comment or text between records, counted in decoded
	 * characters (one per byte for single-byte encodings, fewer for UTF-8). @default 1048576 (1 MiB)
	 */
	readonly maxRecordBytes?: number;
	/** Deepest element nesting; the root is at depth 1. @default 32 */
	readonly maxDepth?: number;
	/** Bytes that are not UTF-8 in a document declared UTF-8: see `DecodeOptions`. @default 'error' */
	readonly invalidUtf8?: 'error' | 'fallback';
	/** Receives warnings such as an encoding fallback. */
	readonly onWarning?: (message: string) => void;
	/** Called once when the root start tag has been read, also when no record follows. */
	readonly onRoot?: (root: XmlRoot) => void;
}

/** What is known about the document once its root element has opened. */
export interface XmlRoot {
	readonly name: string;
	readonly attributes: Readonly<Record<string, string>>;
	/** Encoding detected from the head of the bytes; `undefined` for a string source. */
	readonly encoding: SourceEncoding | undefined;
	/** Record element name as configured or detected (lower case); `undefined` if none was found. */
	readonly recordName: string | undefined;
}

export interface XmlRecord {
	/** 1-based position among the records of the document. */
	readonly index: number;
	readonly element: XmlElement;
	/** The same object for every record of one document. */
	readonly root: XmlRoot;
}

const DEFAULT_MAX_TOTAL_BYTES = 512 * 1024 * 1024;
const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
const DEFAULT_MAX_DEPTH = 32;
/** Bytes (or characters) decoded and handed to the scanner at once. */
const CHUNK_LENGTH = 64 * 1024;
/** Characters read before the record element is chosen when `recordName` is not set. */
const DETECTION_LENGTH = 64 * 1024;

interface Settings {
	readonly recordName: string | undefined;
	readonly maxTotalBytes: number;
	readonly maxRecordBytes: number;
	readonly maxDepth: number;
	readonly options: RecordOptions;
}

interface RecordMatch {
	/** Lower-cased record element name. */
	readonly name: string;
	/** Depth the record must be at (root = 1), or 0 for any depth. */
	readonly depth: number;
}

function validateOptions(options: RecordOptions): Settings {
	const { recordName } = options;
	if (recordName !== undefined && (typeof recordName !== 'string' || recordName.trim() === '')) {
		throw new TypeError(
			`Expected \`recordName\` to be a non-empty string, got ${JSON.stringify(recordName)}.`,
		);
	}
	return {
		recordName: recordName === undefined ? undefined : localName(recordName.trim()).toLowerCase(),
		maxTotalBytes: readLimit('maxTotalBytes', options.maxTotalBytes, DEFAULT_MAX_TOTAL_BYTES),
		maxRecordBytes: readLimit('maxRecordBytes', options.maxRecordBytes, DEFAULT_MAX_RECORD_BYTES),
		maxDepth: readLimit('maxDepth', options.maxDepth, DEFAULT_MAX_DEPTH),
		options,
	};
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function'
	);
}

/** Maps decoded character offsets back to approximate byte offsets for error messages. */
class Progress {
	bytes = 0;
	characters = 0;
	encoding: SourceEncoding | undefined;

	constructor(private readonly isText: boolean) {}

	describe(offset: number): string {
		if (this.isText) return `near character ${offset}`;
		const ratio = this.characters > 0 ? this.bytes / this.characters : 1;
		return `near byte ${Math.round(offset * ratio)}`;
	}
}

function failTooLarge(settings: Settings): never {
	throw new XmlError(
		'limit',
		`The XML document is larger than ${formatLength(settings.maxTotalBytes)} (\`maxTotalBytes\`).`,
	);
}

interface TextChunk {
	readonly text: string;
	/** The next chunk starts with '<', so a text run at the end of this one is complete. */
	readonly isFollowedByMarkup: boolean;
}

const EMPTY_BYTES = new Uint8Array(0);

/**
 * Decodes byte chunks, cut before their last '<' where the encoding allows: the scanner can then
 * finish each chunk and start the next on a fresh string, instead of joining the two (V8 reads a
 * joined string, a ConsString, markedly slower).
 */
class ChunkDecoder {
	private readonly decoder: TextStreamDecoder;
	private carry: Uint8Array = EMPTY_BYTES;
	private scratch: Uint8Array = EMPTY_BYTES;

	constructor(
		settings: Settings,
		private readonly progress: Progress,
	) {
		this.decoder = createDecoder({
			invalidUtf8: settings.options.invalidUtf8,
			onWarning: settings.options.onWarning,
		});
	}

	write(bytes: Uint8Array): TextChunk {
		let input = bytes;
		if (this.carry.length > 0) {
			// one reused buffer instead of a new 64 KiB one per chunk; the decoder keeps no view of it
			const length = this.carry.length + bytes.length;
			if (this.scratch.length < length) this.scratch = new Uint8Array(length * 2);
			this.scratch.set(this.carry);
			this.scratch.set(bytes, this.carry.length);
			input = this.scratch.subarray(0, length);
			this.carry = EMPTY_BYTES;
		}
		let isFollowedByMarkup = false;
		// in UTF-8 and windows-1252 a 0x3C byte is always '<'; in UTF-16 it may be half a character
		const encoding = this.decoder.detected?.encoding;
		if (encoding === 'utf-8' || encoding === 'windows-1252') {
			const cut = input.lastIndexOf(0x3c);
			if (cut > 0) {
				// a copy: the caller may refill its buffer (Buffer#slice would only be a view)
				this.carry = new Uint8Array(input.subarray(cut));
				input = input.subarray(0, cut);
				isFollowedByMarkup = true;
			}
		}
		return { text: this.count(this.decoder.write(input)), isFollowedByMarkup };
	}

	end(): TextChunk {
		const text = this.decoder.write(this.carry) + this.decoder.end();
		this.carry = EMPTY_BYTES;
		return { text: this.count(text), isFollowedByMarkup: false };
	}

	private count(text: string): string {
		this.progress.bytes = this.decoder.bytesRead;
		this.progress.characters += text.length;
		this.progress.encoding = this.decoder.detected?.encoding;
		return text;
	}
}

async function* readText(
	source: RecordSource,
	settings: Settings,
	progress: Progress,
): AsyncGenerator<TextChunk, void, undefined> {
	if (typeof source === 'string') {
		if (source.length > settings.maxTotalBytes) failTooLarge(settings);
		const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
		for (let offset = 0; offset < text.length; ) {
			let end = Math.min(offset + CHUNK_LENGTH, text.length);
			const cut = end < text.length ? text.lastIndexOf('<', end - 1) : -1;
			if (cut > offset) end = cut;
			yield { text: text.slice(offset, end), isFollowedByMarkup: end === cut };
			offset = end;
		}
		return;
	}
	const decoder = new ChunkDecoder(settings, progress);
	if (source instanceof Uint8Array) {
		if (source.length > settings.maxTotalBytes) failTooLarge(settings);
		for (let offset = 0; offset < source.length; offset += CHUNK_LENGTH) {
			const chunk = decoder.write(source.subarray(offset, offset + CHUNK_LENGTH));
			if (chunk.text !== '') yield chunk;
		}
	} else if (isAsyncIterable(source)) {
		let total = 0;
		for await (const bytes of source as AsyncIterable<unknown>) {
			if (!(bytes instanceof Uint8Array)) {
				throw new TypeError(`Expected \`source\` to yield Uint8Array chunks, got ${typeof bytes}.`);
			}
			total += bytes.length;
			if (total > settings.maxTotalBytes) failTooLarge(settings);
			// a stream may hand over the whole file at once; smaller steps keep the record buffer small
			for (let offset = 0; offset < bytes.length; offset += CHUNK_LENGTH) {
				const chunk = decoder.write(bytes.subarray(offset, offset + CHUNK_LENGTH));
				if (chunk.text !== '') yield chunk;
			}
		}
	} else {
		throw new TypeError(
			'Expected `source` to be a string, a Uint8Array or an async iterable of Uint8Array chunks.',
		);
	}
	const rest = decoder.end();
	if (rest.text !== '') yield rest;
}

interface NameCount {
	readonly name: string;
	count: number;
}

function mostFrequent(counts: Map<string, NameCount>): NameCount | undefined {
	let best: NameCount | undefined;
	// Map keeps insertion order, so a tie goes to the name seen first
	for (const entry of counts.values()) {
		if (best === undefined || entry.count > best.count) best = entry;
	}
	return best;
}

/** The name without its namespace prefix: `k:adresse` is an `adresse`. */
function localName(name: string): string {
	const colon = name.indexOf(':');
	return colon === -1 ? name : name.slice(colon + 1);
}

function countName(counts: Map<string, NameCount>, name: string): void {
	const key = localName(name).toLowerCase();
	const entry = counts.get(key);
	if (entry) entry.count++;
	else counts.set(key, { name: key, count: 1 });
}

/**
 * Chooses the record element from the head of the document: the most frequent child of the root,
 * or the repeated child of a single wrapper element.
 */
class RecordDetector {
	private readonly children = new Map<string, NameCount>();
	private readonly grandchildren = new Map<string, NameCount>();
	private childCount = 0;
	private readonly probe: XmlScanner;

	constructor(settings: Settings, progress: Progress) {
		this.probe = new XmlScanner({
			maxDepth: settings.maxDepth,
			maxCaptureLength: settings.maxRecordBytes,
			maxTokenLength: settings.maxRecordBytes,
			lengthOption: 'maxRecordBytes',
			isCaptured: () => false,
			onOpen: (name, _attributes, depth) => {
				if (depth === 2) {
					this.childCount++;
					countName(this.children, name);
				} else if (depth === 3 && this.childCount === 1) {
					countName(this.grandchildren, name);
				}
			},
			describePosition: (offset) => progress.describe(offset),
		});
	}

	get hasChildren(): boolean {
		return this.childCount > 0;
	}

	write(chunk: TextChunk): void {
		this.probe.write(chunk.text, chunk.isFollowedByMarkup);
		// nothing is captured, so this only scans up to the end of the text written
		this.probe.read();
	}

	result(): RecordMatch | undefined {
		const child = mostFrequent(this.children);
		if (child === undefined) return undefined;
		const grandchild = mostFrequent(this.grandchildren);
		const isWrapper =
			this.childCount === 1 && this.grandchildren.size === 1 && (grandchild?.count ?? 0) > 1;
		return isWrapper && grandchild
			? { name: grandchild.name, depth: 3 }
			: { name: child.name, depth: 2 };
	}
}

async function detectRecordElement(
	chunks: AsyncGenerator<TextChunk, void, undefined>,
	head: TextChunk[],
	settings: Settings,
	progress: Progress,
): Promise<RecordMatch | undefined> {
	const detector = new RecordDetector(settings, progress);
	let headLength = 0;
	const searchLength = Math.max(settings.maxRecordBytes, DETECTION_LENGTH);
	for (;;) {
		if (detector.hasChildren ? headLength >= DETECTION_LENGTH : headLength > searchLength) break;
		const next = await chunks.next();
		if (next.done) break;
		head.push(next.value);
		headLength += next.value.text.length;
		detector.write(next.value);
	}
	if (!detector.hasChildren && headLength > searchLength) {
		throw new XmlError(
			'noRecords',
			`The XML document has no element below its root within its first ${formatLength(searchLength)}; set \`recordName\`.`,
		);
	}
	return detector.result();
}

const MAX_NAMES_SHOWN = 5;

/**
 * A document without records is fine when its root is empty; when the root holds other elements,
 * or is itself named like a record, the record element is wrong and reading on would report zero
 * records as if the export were empty.
 */
function checkNoRecords(
	root: XmlRoot | undefined,
	match: RecordMatch | undefined,
	others: readonly string[],
): void {
	if (root === undefined) return;
	const wanted = match === undefined ? 'record element' : `<${match.name}> element`;
	if (match !== undefined && localName(root.name).toLowerCase() === match.name) {
		throw new XmlError(
			'noRecords',
			`The root element <${root.name}> is itself a record; the records must be inside one root element.`,
		);
	}
	if (others.length > 0) {
		const names = others.map((name) => `<${name}>`).join(', ');
		throw new XmlError(
			'noRecords',
			`The XML document has no ${wanted} below its root <${root.name}>, which holds ${names}.`,
		);
	}
}

/**
 * Streams the records of an XML document one element tree at a time, with memory bounded by
 * `maxRecordBytes` plus one decoding step. DOCTYPE and ENTITY declarations are rejected.
 * Options are checked on the call; the document is read while iterating.
 * @throws XmlError while iterating, for an unreadable, hostile, oversized or truncated document;
 * records read before the problem have been yielded already.
 */
export function iterateRecords(
	source: RecordSource,
	options: RecordOptions = {},
): AsyncGenerator<XmlRecord, void, undefined> {
	return flatten(iterateRecordBatches(source, options));
}

async function* flatten<T>(batches: AsyncIterable<T[]>): AsyncGenerator<T, void, undefined> {
	for await (const batch of batches) yield* batch;
}

/**
 * The records of `source` as {@link iterateRecords} reads them, handed out together as each piece of
 * the document is read: one step of the loop per piece instead of per record. Options are checked on
 * the call.
 */
export function iterateRecordBatches(
	source: RecordSource,
	options: RecordOptions = {},
): AsyncGenerator<XmlRecord[], void, undefined> {
	return generateRecords(source, validateOptions(options));
}

async function* generateRecords(
	source: RecordSource,
	settings: Settings,
): AsyncGenerator<XmlRecord[], void, undefined> {
	const { options } = settings;
	const progress = new Progress(typeof source === 'string');
	const chunks = readText(source, settings, progress);
	try {
		const head: TextChunk[] = [];
		const match =
			settings.recordName !== undefined
				? { name: settings.recordName, depth: 0 }
				: await detectRecordElement(chunks, head, settings, progress);

		let root: XmlRoot | undefined;
		let cachedName = '';
		// elements below the root that are no record, named when no record is found
		const others: string[] = [];
		const scanner = new XmlScanner({
			maxDepth: settings.maxDepth,
			maxCaptureLength: settings.maxRecordBytes,
			maxTokenLength: settings.maxRecordBytes,
			lengthOption: 'maxRecordBytes',
			captureNoun: 'record',
			isCaptured: (name, depth) => {
				if (match === undefined || depth < 2 || (match.depth !== 0 && depth !== match.depth)) {
					return false;
				}
				// records repeat one spelling, so the last accepted one saves a toLowerCase per record
				if (name === cachedName) return true;
				const local = localName(name);
				if (local.length !== match.name.length || local.toLowerCase() !== match.name) return false;
				cachedName = name;
				return true;
			},
			onOpen: (name, attributes, depth) => {
				if (depth === 2 && others.length < MAX_NAMES_SHOWN && !others.includes(name)) {
					others.push(name);
				}
				if (depth !== 1) return;
				root = { name, attributes, encoding: progress.encoding, recordName: match?.name };
				options.onRoot?.(root);
			},
			describePosition: (offset) => progress.describe(offset),
		});

		let index = 0;
		// the records complete so far; a failure comes after them, as the records before it were read
		const readAll = function* (): Generator<XmlRecord[], void, undefined> {
			const records: XmlRecord[] = [];
			try {
				for (let element = scanner.read(); element; element = scanner.read()) {
					records.push({ index: ++index, element, root: root as XmlRoot });
				}
			} finally {
				if (records.length > 0) yield records;
			}
		};
		for (const chunk of head) {
			scanner.write(chunk.text, chunk.isFollowedByMarkup);
			yield* readAll();
		}
		head.length = 0;
		for await (const chunk of chunks) {
			scanner.write(chunk.text, chunk.isFollowedByMarkup);
			yield* readAll();
		}
		scanner.end();
		yield* readAll();
		if (index === 0) checkNoRecords(root, match, others);
	} finally {
		// closes the caller's stream when the consumer stops early or parsing fails
		await chunks.return(undefined);
	}
}
