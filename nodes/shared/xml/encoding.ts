import { XmlError } from './error';

/** Encodings the XML layer reads. ISO-8859-1, Latin-1 and US-ASCII are read as windows-1252. */
export type SourceEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Encodings the XML layer writes. */
export type TargetEncoding = 'utf-8' | 'windows-1252' | 'iso-8859-1';

export interface DetectedEncoding {
	readonly encoding: SourceEncoding;
	/** Bytes of byte order mark to skip before decoding (0, 2 or 3). */
	readonly bomLength: number;
	/** The encoding label of the XML declaration as written, e.g. `ISO-8859-1`. */
	readonly declared?: string;
	/**
	 * Where the encoding came from. `none` means no BOM and no declared encoding: the text is read as
	 * strict UTF-8 and switches to windows-1252 at the first byte that is not valid UTF-8.
	 */
	readonly source: 'bom' | 'declaration' | 'none';
}

export interface DecodeOptions {
	/**
	 * What to do when a document declared (or marked by its BOM) as UTF-8 holds bytes that are not
	 * valid UTF-8: `error` names the byte offset, `fallback` decodes as windows-1252 and warns.
	 * @default 'error'
	 */
	readonly invalidUtf8?: 'error' | 'fallback';
	/** Receives a sentence whenever `fallback` was needed. */
	readonly onWarning?: (message: string) => void;
}

export interface EncodeOptions {
	/**
	 * Characters the target encoding cannot hold: `charRef` writes an XML numeric character reference
	 * (`&#x20AC;`, only correct inside XML text and attribute values), `replace` writes `?`.
	 * @default 'replace'
	 */
	readonly unencodable?: 'charRef' | 'replace';
}

/** Decodes a byte stream chunk by chunk; multi-byte characters may be split between chunks. */
export interface TextStreamDecoder {
	/** Returns the text decoded so far; '' while the head needed for detection is incomplete. */
	write(chunk: Uint8Array): string;
	end(): string;
	/** Set once the head of the document has been read. */
	readonly detected: DetectedEncoding | undefined;
	/** Bytes passed to `write` so far. */
	readonly bytesRead: number;
}

/** Bytes examined for a BOM and an XML declaration. */
export const HEAD_BYTES = 1024;

// TextDecoder is typed only as a global value here (lib es2022 + @types/node)
type Decoder = InstanceType<typeof TextDecoder>;

const EMPTY = new Uint8Array(0);

// WHATWG Encoding Standard labels: all Latin-1 and ASCII labels name windows-1252.
const LABELS = new Map<string, SourceEncoding | 'utf-16'>([
	['utf-8', 'utf-8'],
	['utf8', 'utf-8'],
	['unicode-1-1-utf-8', 'utf-8'],
	['windows-1252', 'windows-1252'],
	['cp1252', 'windows-1252'],
	['x-cp1252', 'windows-1252'],
	['iso-8859-1', 'windows-1252'],
	['iso8859-1', 'windows-1252'],
	['iso88591', 'windows-1252'],
	['iso_8859-1', 'windows-1252'],
	['iso_8859-1:1987', 'windows-1252'],
	['iso-ir-100', 'windows-1252'],
	['latin1', 'windows-1252'],
	['l1', 'windows-1252'],
	['cp819', 'windows-1252'],
	['ibm819', 'windows-1252'],
	['csisolatin1', 'windows-1252'],
	['us-ascii', 'windows-1252'],
	['ascii', 'windows-1252'],
	['ansi_x3.4-1968', 'windows-1252'],
	['utf-16', 'utf-16'],
	['utf-16le', 'utf-16'],
	['utf-16be', 'utf-16'],
]);

// windows-1252 0x80–0x9F; the five unassigned bytes map to the C1 control of the same value (WHATWG).
const WINDOWS_1252_C1 =
	'\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
	'\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

const WINDOWS_1252_BYTES = new Map<number, number>();
for (let index = 0; index < WINDOWS_1252_C1.length; index++) {
	WINDOWS_1252_BYTES.set(WINDOWS_1252_C1.charCodeAt(index), 0x80 + index);
}

const C1_CONTROL = /[\u0080-\u009f]/;
const C1_CONTROLS = /[\u0080-\u009f]/g;
const DECLARATION = /^[\t\n\r ]*<\?xml[\t\n\r ]([^>]*?)\?>/;
const ENCODING_PSEUDO_ATTRIBUTE = /\bencoding[\t\n\r ]*=[\t\n\r ]*(?:"([^"]*)"|'([^']*)')/;
const NON_ASCII = /[\u0080-\uffff]/;

const utf8Encoder = new TextEncoder();

let singleByteDecoder: Decoder | undefined;
let isSingleByteDecoderRight = false;

function repairC1(character: string): string {
	return WINDOWS_1252_C1[character.charCodeAt(0) - 0x80];
}

// Node 20's fast path for the windows-1252 label decodes ISO-8859-1 (0x80 → U+0080, not €); the
// streaming path goes through ICU and is right. The table repairs 0x80–0x9F wherever it is not.
function decodeWindows1252(bytes: Uint8Array): string {
	if (singleByteDecoder === undefined) {
		singleByteDecoder = new TextDecoder('windows-1252');
		isSingleByteDecoderRight =
			singleByteDecoder.decode(new Uint8Array([0x80]), { stream: true }) === '\u20AC';
	}
	const text = singleByteDecoder.decode(bytes, { stream: true });
	if (isSingleByteDecoderRight || !C1_CONTROL.test(text)) return text;
	return text.replace(C1_CONTROLS, repairC1);
}

function readAsciiHead(bytes: Uint8Array, step: number, first: number): string {
	let text = '';
	for (let index = first; index < bytes.length && text.length < HEAD_BYTES; index += step) {
		text += String.fromCharCode(bytes[index]);
	}
	return text;
}

function readDeclaredLabel(head: string): string | undefined {
	const declaration = DECLARATION.exec(head);
	if (!declaration) return undefined;
	const encoding = ENCODING_PSEUDO_ATTRIBUTE.exec(declaration[1]);
	return encoding ? (encoding[1] ?? encoding[2]).trim() : undefined;
}

function resolveLabel(label: string): SourceEncoding | 'utf-16' {
	const encoding = LABELS.get(label.toLowerCase());
	if (encoding === undefined) {
		throw new XmlError(
			'encoding',
			`The XML declaration names the encoding "${label}", which is not supported; supported are UTF-8, UTF-16, ISO-8859-1 and Windows-1252.`,
		);
	}
	return encoding;
}

/**
 * Finds the encoding from the first bytes (pass at least {@link HEAD_BYTES} or the whole document
 * if shorter): BOM first, then the declaration's `encoding`, else UTF-8 with windows-1252 fallback.
 */
export function detectEncoding(head: Uint8Array): DetectedEncoding {
	if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
		return { encoding: 'utf-8', bomLength: 3, source: 'bom' };
	}
	if (head[0] === 0xff && head[1] === 0xfe)
		return { encoding: 'utf-16le', bomLength: 2, source: 'bom' };
	if (head[0] === 0xfe && head[1] === 0xff)
		return { encoding: 'utf-16be', bomLength: 2, source: 'bom' };
	// UTF-16 without BOM still starts with "<?" (XML 1.0 appendix F)
	if (head[0] === 0x3c && head[1] === 0x00 && head[2] === 0x3f && head[3] === 0x00) {
		const declared = readDeclaredLabel(readAsciiHead(head, 2, 0));
		return { encoding: 'utf-16le', bomLength: 0, source: 'declaration', declared };
	}
	if (head[0] === 0x00 && head[1] === 0x3c && head[2] === 0x00 && head[3] === 0x3f) {
		const declared = readDeclaredLabel(readAsciiHead(head, 2, 1));
		return { encoding: 'utf-16be', bomLength: 0, source: 'declaration', declared };
	}
	const declared = readDeclaredLabel(readAsciiHead(head, 1, 0));
	if (declared === undefined) return { encoding: 'utf-8', bomLength: 0, source: 'none' };
	const encoding = resolveLabel(declared);
	// bytes that spell the declaration in ASCII are not UTF-16, whatever the label says (WHATWG)
	return {
		encoding: encoding === 'utf-16' ? 'utf-8' : encoding,
		bomLength: 0,
		source: 'declaration',
		declared,
	};
}

/**
 * Offset of the first byte that starts an invalid UTF-8 sequence (WHATWG rules: no overlongs,
 * surrogates or code points above U+10FFFF), or -1. An unfinished sequence at the end counts as
 * invalid only when `isFinal`.
 */
function findInvalidUtf8(bytes: Uint8Array, isFinal: boolean): number {
	const length = bytes.length;
	let index = 0;
	while (index < length) {
		const lead = bytes[index];
		if (lead < 0x80) {
			index++;
			continue;
		}
		let following: number;
		let low = 0x80;
		let high = 0xbf;
		if (lead >= 0xc2 && lead <= 0xdf) {
			following = 1;
		} else if (lead >= 0xe0 && lead <= 0xef) {
			following = 2;
			if (lead === 0xe0) low = 0xa0;
			else if (lead === 0xed) high = 0x9f;
		} else if (lead >= 0xf0 && lead <= 0xf4) {
			following = 3;
			if (lead === 0xf0) low = 0x90;
			else if (lead === 0xf4) high = 0x8f;
		} else {
			return index;
		}
		for (let step = 1; step <= following; step++) {
			if (index + step >= length) return isFinal ? index : -1;
			const next = bytes[index + step];
			if (next < low || next > high) return index;
			low = 0x80;
			high = 0xbf;
		}
		index += following + 1;
	}
	return -1;
}

/**
 * Where the first complete UTF-8 multi-byte sequence of `bytes` starts, or -1. In text that really
 * is windows-1252 such pairs are rare ("Ã¼"); in UTF-8 read as windows-1252 every umlaut is one.
 */
function findUtf8Sequence(bytes: Uint8Array): number {
	const length = bytes.length;
	// four bytes at a time through the ASCII that most of an export is, when the bytes are aligned
	const words = bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, length >> 2) : undefined;
	for (let index = 0; index < length - 1; index++) {
		if (words !== undefined && (index & 3) === 0 && index + 4 < length && (words[index >> 2] & 0x80808080) === 0) {
			index += 3;
			continue;
		}
		const lead = bytes[index];
		if (lead < 0xc2 || lead > 0xf4) continue;
		const following = lead <= 0xdf ? 1 : lead <= 0xef ? 2 : 3;
		let low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
		let high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
		let step = 1;
		for (; step <= following && index + step < length; step++) {
			const next = bytes[index + step];
			if (next < low || next > high) break;
			low = 0x80;
			high = 0xbf;
		}
		if (step > following) return index;
	}
	return -1;
}

/** The warning for a document declared single-byte whose bytes read as UTF-8. */
function describeMisdeclared(detected: DetectedEncoding, bytes: Uint8Array, at: number, offset: number): string {
	const following = bytes[at] <= 0xdf ? 1 : bytes[at] <= 0xef ? 2 : 3;
	const sequence = bytes.subarray(at, at + following + 1);
	const meant = new TextDecoder('utf-8').decode(sequence);
	const shown = decodeWindows1252(sequence);
	return `The XML document is declared as ${detected.declared ?? 'Windows-1252'} but byte ${offset + at} starts a UTF-8 character ("${meant}" read as "${shown}"). If names show characters such as "Ã¼", the file is UTF-8: change its encoding declaration to UTF-8 or export it again, then check the addresses with umlauts.`;
}

/** The bytes of a UTF-8 sequence left unfinished at the end of `bytes` (at most 3). */
function unfinishedUtf8Tail(bytes: Uint8Array): Uint8Array {
	const length = bytes.length;
	for (let back = 1; back <= 3 && back <= length; back++) {
		const byte = bytes[length - back];
		if ((byte & 0xc0) === 0x80) continue;
		if (byte < 0xc0) return EMPTY;
		const sequenceLength = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
		// a copy: the caller may refill its buffer (Buffer#slice would only be a view)
		return sequenceLength > back ? new Uint8Array(bytes.subarray(length - back)) : EMPTY;
	}
	return EMPTY;
}

function concatBytes(first: Uint8Array, second: Uint8Array): Uint8Array {
	if (first.length === 0) return second;
	const joined = new Uint8Array(first.length + second.length);
	joined.set(first, 0);
	joined.set(second, first.length);
	return joined;
}

function describeUtf8Claim(detected: DetectedEncoding): string {
	return detected.source === 'bom'
		? 'marked as UTF-8 by its byte order mark'
		: `declared as ${detected.declared ?? 'UTF-8'}`;
}

function formatByte(byte: number): string {
	return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

function validateDecodeOptions(options: DecodeOptions): void {
	const { invalidUtf8 } = options;
	if (invalidUtf8 !== undefined && invalidUtf8 !== 'error' && invalidUtf8 !== 'fallback') {
		throw new TypeError(
			`Expected \`invalidUtf8\` to be 'error' or 'fallback', got ${JSON.stringify(invalidUtf8)}.`,
		);
	}
}

class StreamDecoder implements TextStreamDecoder {
	detected: DetectedEncoding | undefined;
	bytesRead = 0;

	private readonly options: DecodeOptions;
	private head: Uint8Array = EMPTY;
	private mode: SourceEncoding = 'utf-8';
	private decoder: Decoder | undefined;
	/** Absolute offset of the next byte handed to the decoder. */
	private offset = 0;
	/** Bytes of an unfinished UTF-8 sequence the decoder holds back. */
	private tail: Uint8Array = EMPTY;
	private isCheckedSingleByte = false;

	constructor(options: DecodeOptions) {
		validateDecodeOptions(options);
		this.options = options;
	}

	write(chunk: Uint8Array): string {
		this.bytesRead += chunk.length;
		if (this.detected) return this.decodeChunk(chunk, false);
		this.head = this.head.length === 0 ? new Uint8Array(chunk) : concatBytes(this.head, chunk);
		// the first '>' ends the declaration or the first tag, so no declaration can follow it
		if (this.head.length < HEAD_BYTES && !this.head.includes(0x3e)) return '';
		return this.start(false);
	}

	end(): string {
		const text = this.detected ? '' : this.start(true);
		return text + this.decodeChunk(EMPTY, true);
	}

	private start(isFinal: boolean): string {
		const head = this.head;
		const detected = detectEncoding(head.subarray(0, HEAD_BYTES));
		this.detected = detected;
		this.head = EMPTY;
		this.mode = detected.encoding;
		this.offset = detected.bomLength;
		if (detected.encoding !== 'windows-1252') {
			this.decoder = new TextDecoder(detected.encoding, { ignoreBOM: true });
		}
		return this.decodeChunk(head.subarray(detected.bomLength), isFinal);
	}

	private decodeChunk(bytes: Uint8Array, isFinal: boolean): string {
		if (this.mode === 'windows-1252') {
			this.checkDeclaredSingleByte(bytes);
			this.offset += bytes.length;
			return decodeWindows1252(bytes);
		}
		const decoder = this.decoder as Decoder;
		const text = decoder.decode(bytes, { stream: !isFinal });
		if (this.mode !== 'utf-8') return text;
		// U+FFFD in the output is either a replaced invalid byte or a genuine U+FFFD in the file
		if (text.includes('\uFFFD')) {
			const pending = concatBytes(this.tail, bytes);
			const invalidAt = findInvalidUtf8(pending, isFinal);
			if (invalidAt !== -1) return this.switchToWindows1252(pending, invalidAt);
		}
		this.offset += bytes.length;
		this.tail =
			bytes.length >= 3
				? unfinishedUtf8Tail(bytes)
				: unfinishedUtf8Tail(concatBytes(this.tail, bytes));
		return text;
	}

	/** Warns once when a document declared single-byte holds UTF-8 multi-byte sequences. */
	private checkDeclaredSingleByte(bytes: Uint8Array): void {
		const detected = this.detected;
		if (this.isCheckedSingleByte || detected?.source !== 'declaration') return;
		if (detected.encoding !== 'windows-1252') return;
		const at = findUtf8Sequence(bytes);
		if (at === -1) return;
		this.isCheckedSingleByte = true;
		this.options.onWarning?.(describeMisdeclared(detected, bytes, at, this.offset));
	}

	private switchToWindows1252(pending: Uint8Array, invalidAt: number): string {
		const detected = this.detected as DetectedEncoding;
		const byteOffset = this.offset - this.tail.length + invalidAt;
		const problem = `byte ${byteOffset} (${formatByte(pending[invalidAt])}) is not valid UTF-8`;
		if (detected.source !== 'none') {
			if (this.options.invalidUtf8 !== 'fallback') {
				throw new XmlError(
					'encoding',
					`The XML document is ${describeUtf8Claim(detected)} but ${problem}.`,
				);
			}
			this.options.onWarning?.(
				`The XML document is ${describeUtf8Claim(detected)} but ${problem}; the rest was decoded as Windows-1252.`,
			);
		}
		this.mode = 'windows-1252';
		this.decoder = undefined;
		this.tail = EMPTY;
		const validPart = new TextDecoder('utf-8').decode(pending.subarray(0, invalidAt));
		return validPart + decodeWindows1252(pending.subarray(invalidAt));
	}
}

/** A streaming decoder that detects the encoding from the first bytes it receives. */
export function createDecoder(options: DecodeOptions = {}): TextStreamDecoder {
	return new StreamDecoder(options);
}

/**
 * Decodes a whole document. Without BOM or declared encoding the bytes are read as UTF-8 when all
 * of them are valid UTF-8, else the whole document as windows-1252.
 */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): string {
	validateDecodeOptions(options);
	const detected = detectEncoding(bytes.subarray(0, HEAD_BYTES));
	const body = bytes.subarray(detected.bomLength);
	if (detected.encoding === 'windows-1252') {
		const at = detected.source === 'declaration' ? findUtf8Sequence(body) : -1;
		if (at !== -1) options.onWarning?.(describeMisdeclared(detected, body, at, detected.bomLength));
		return decodeWindows1252(body);
	}
	const text = new TextDecoder(detected.encoding, { ignoreBOM: true }).decode(body);
	if (detected.encoding !== 'utf-8' || !text.includes('\uFFFD')) return text;
	const invalidAt = findInvalidUtf8(body, true);
	if (invalidAt === -1) return text;
	if (detected.source !== 'none') {
		const problem = `byte ${detected.bomLength + invalidAt} (${formatByte(body[invalidAt])}) is not valid UTF-8`;
		if (options.invalidUtf8 !== 'fallback') {
			throw new XmlError(
				'encoding',
				`The XML document is ${describeUtf8Claim(detected)} but ${problem}.`,
			);
		}
		options.onWarning?.(
			`The XML document is ${describeUtf8Claim(detected)} but ${problem}; it was decoded as Windows-1252.`,
		);
	}
	return decodeWindows1252(body);
}

class ByteWriter {
	bytes: Uint8Array;
	length = 0;

	constructor(capacity: number) {
		this.bytes = new Uint8Array(Math.max(capacity, 16));
	}

	push(byte: number): void {
		if (this.length === this.bytes.length) this.grow(1);
		this.bytes[this.length++] = byte;
	}

	pushAscii(text: string): void {
		if (this.length + text.length > this.bytes.length) this.grow(text.length);
		for (let index = 0; index < text.length; index++)
			this.bytes[this.length++] = text.charCodeAt(index);
	}

	private grow(needed: number): void {
		const larger = new Uint8Array(Math.max(this.bytes.length * 2, this.length + needed));
		larger.set(this.bytes.subarray(0, this.length));
		this.bytes = larger;
	}
}

function singleByteOf(code: number, encoding: 'windows-1252' | 'iso-8859-1'): number {
	if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
	// U+0080–U+009F stay unencodable in ISO-8859-1: WHATWG readers would show those bytes as € „ “ …
	if (encoding === 'iso-8859-1') return -1;
	return WINDOWS_1252_BYTES.get(code) ?? -1;
}

/**
 * Whether every character of `text` has a byte in `encoding`, so that {@link encodeText} needs
 * neither `?` nor a character reference; lone surrogates never do.
 */
export function isEncodable(text: string, encoding: TargetEncoding): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code >= 0xd800 && code <= 0xdfff) {
			const low = code <= 0xdbff ? text.charCodeAt(index + 1) : 0;
			if (!(low >= 0xdc00 && low <= 0xdfff) || encoding !== 'utf-8') return false;
			index++;
			continue;
		}
		if (encoding !== 'utf-8' && singleByteOf(code, encoding) === -1) return false;
	}
	return true;
}

/** Encodes text; UTF-8 is written without BOM and lone surrogates become U+FFFD. */
export function encodeText(
	text: string,
	encoding: TargetEncoding,
	options: EncodeOptions = {},
): Uint8Array {
	const { unencodable = 'replace' } = options;
	if (unencodable !== 'charRef' && unencodable !== 'replace') {
		throw new TypeError(
			`Expected \`unencodable\` to be 'charRef' or 'replace', got ${JSON.stringify(unencodable)}.`,
		);
	}
	if (encoding !== 'utf-8' && encoding !== 'windows-1252' && encoding !== 'iso-8859-1') {
		throw new TypeError(
			`Expected \`encoding\` to be 'utf-8', 'windows-1252' or 'iso-8859-1', got ${JSON.stringify(encoding)}.`,
		);
	}
	// ASCII is the same in all three targets, and TextEncoder is native
	if (encoding === 'utf-8' || !NON_ASCII.test(text)) return utf8Encoder.encode(text);
	const writer = new ByteWriter(text.length);
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		const byte = singleByteOf(code, encoding);
		if (byte !== -1) {
			writer.push(byte);
			continue;
		}
		const isHighSurrogate = code >= 0xd800 && code <= 0xdbff;
		const low = isHighSurrogate ? text.charCodeAt(index + 1) : 0;
		const isPair = low >= 0xdc00 && low <= 0xdfff;
		const isLoneSurrogate = !isPair && code >= 0xd800 && code <= 0xdfff;
		if (isPair) index++;
		if (unencodable === 'replace' || isLoneSurrogate) {
			writer.push(0x3f);
			continue;
		}
		const codePoint = isPair ? (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000 : code;
		writer.pushAscii(`&#x${codePoint.toString(16).toUpperCase()};`);
	}
	return writer.bytes.slice(0, writer.length);
}
