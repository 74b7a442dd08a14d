import type { XmlElement } from './element';
import { createDecoder, type SourceEncoding } from './encoding';
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
		recordName: recordName?.trim().toLowerCase(),
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

async function* readText(
	source: RecordSource,
	settings: Settings,
	progress: Progress,
): AsyncGenerator<string, void, undefined> {
	if (typeof source === 'string') {
		if (source.length > settings.maxTotalBytes) failTooLarge(settings);
		const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
		for (let offset = 0; offset < text.length; offset += CHUNK_LENGTH) {
			yield text.slice(offset, offset + CHUNK_LENGTH);
		}
		return;
	}
	const decoder = createDecoder({
		invalidUtf8: settings.options.invalidUtf8,
		onWarning: settings.options.onWarning,
	});
	const decode = (bytes: Uint8Array): string => {
		const text = decoder.write(bytes);
		progress.bytes = decoder.bytesRead;
		progress.characters += text.length;
		progress.encoding = decoder.detected?.encoding;
		return text;
	};
	if (source instanceof Uint8Array) {
		if (source.length > settings.maxTotalBytes) failTooLarge(settings);
		for (let offset = 0; offset < source.length; offset += CHUNK_LENGTH) {
			const text = decode(source.subarray(offset, offset + CHUNK_LENGTH));
			if (text !== '') yield text;
		}
	} else if (isAsyncIterable(source)) {
		let total = 0;
		for await (const chunk of source as AsyncIterable<unknown>) {
			if (!(chunk instanceof Uint8Array)) {
				throw new TypeError(`Expected \`source\` to yield Uint8Array chunks, got ${typeof chunk}.`);
			}
			total += chunk.length;
			if (total > settings.maxTotalBytes) failTooLarge(settings);
			// a stream may hand over the whole file at once; smaller steps keep the record buffer small
			for (let offset = 0; offset < chunk.length; offset += CHUNK_LENGTH) {
				const text = decode(chunk.subarray(offset, offset + CHUNK_LENGTH));
				if (text !== '') yield text;
			}
		}
	} else {
		throw new TypeError(
			'Expected `source` to be a string, a Uint8Array or an async iterable of Uint8Array chunks.',
		);
	}
	const rest = decoder.end();
	progress.characters += rest.length;
	progress.encoding = decoder.detected?.encoding;
	if (rest !== '') yield rest;
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

function countName(counts: Map<string, NameCount>, name: string): void {
	const key = name.toLowerCase();
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

	write(text: string): void {
		this.probe.write(text);
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
	chunks: AsyncGenerator<string, void, undefined>,
	head: string[],
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
		headLength += next.value.length;
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
	return generateRecords(source, validateOptions(options));
}

async function* generateRecords(
	source: RecordSource,
	settings: Settings,
): AsyncGenerator<XmlRecord, void, undefined> {
	const { options } = settings;
	const progress = new Progress(typeof source === 'string');
	const chunks = readText(source, settings, progress);
	try {
		const head: string[] = [];
		const match =
			settings.recordName !== undefined
				? { name: settings.recordName, depth: 0 }
				: await detectRecordElement(chunks, head, settings, progress);

		let root: XmlRoot | undefined;
		let cachedName = '';
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
				if (name.length !== match.name.length || name.toLowerCase() !== match.name) return false;
				cachedName = name;
				return true;
			},
			onOpen: (name, attributes, depth) => {
				if (depth !== 1) return;
				root = { name, attributes, encoding: progress.encoding, recordName: match?.name };
				options.onRoot?.(root);
			},
			describePosition: (offset) => progress.describe(offset),
		});

		let index = 0;
		for (const text of head) {
			scanner.write(text);
			for (let element = scanner.read(); element; element = scanner.read()) {
				yield { index: ++index, element, root: root as XmlRoot };
			}
		}
		head.length = 0;
		for await (const text of chunks) {
			scanner.write(text);
			for (let element = scanner.read(); element; element = scanner.read()) {
				yield { index: ++index, element, root: root as XmlRoot };
			}
		}
		scanner.end();
		for (let element = scanner.read(); element; element = scanner.read()) {
			yield { index: ++index, element, root: root as XmlRoot };
		}
	} finally {
		// closes the caller's stream when the consumer stops early or parsing fails
		await chunks.return(undefined);
	}
}
