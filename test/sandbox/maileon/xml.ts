/**
 * A small, tolerant XML reader and writer for request and response bodies of the sandbox.
 * It reads what clients send (declaration, comments, CDATA, the five entities, character
 * references) in one linear pass; `scanXml` gives events, so the bulk sync can read 1000
 * contacts without building a tree. DOCTYPE is refused, as a hardened server would.
 */

export interface XmlElement {
	readonly name: string;
	readonly attributes: Readonly<Record<string, string>>;
	readonly children: XmlElement[];
	/** Decoded text directly inside this element (not of its children), untrimmed. */
	text: string;
}

export class XmlSyntaxError extends Error {
	constructor(message: string, offset: number) {
		super(`${message} at offset ${offset}`);
		this.name = 'XmlSyntaxError';
	}
}

const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

/** Events of `scanXml`; names are given as written. */
export interface XmlHandler {
	open(name: string, attributes: Readonly<Record<string, string>>): void;
	/** Decoded character data (text, entities, CDATA) inside the current element. */
	text(text: string): void;
	close(name: string): void;
}

export interface ScanOptions {
	/** @default 64 */
	readonly maxDepth?: number;
}

/**
 * Walks a whole document, checking that tags nest and that there is exactly one root.
 * Comments, processing instructions and the XML declaration are skipped.
 */
export function scanXml(source: string, handler: XmlHandler, options: ScanOptions = {}): void {
	const maxDepth = options.maxDepth ?? 64;
	const open: string[] = [];
	let seenRoot = false;
	let pos = source.charCodeAt(0) === 0xfeff ? 1 : 0;
	const length = source.length;

	while (pos < length) {
		const lt = source.indexOf('<', pos);
		const textEnd = lt === -1 ? length : lt;
		if (textEnd > pos) {
			const text = source.slice(pos, textEnd);
			if (open.length > 0) handler.text(decodeEntities(text));
			else if (text.trim() !== '') throw new XmlSyntaxError('Text outside the root element', pos);
		}
		if (lt === -1) break;
		const next = source.charCodeAt(lt + 1);

		if (next === 47 /* '/' */) {
			const current = open.length > 0 ? open[open.length - 1] : '';
			// fast path: exactly '</name>' for the open element
			let end = lt + 2 + current.length;
			if (current === '' || source.charCodeAt(end) !== 62 || !source.startsWith(current, lt + 2)) {
				end = source.indexOf('>', lt);
				if (end === -1) throw new XmlSyntaxError('Unterminated end tag', lt);
				const name = source.slice(lt + 2, end).trim();
				if (current === '' || name !== current) {
					throw new XmlSyntaxError(`End tag </${name}> does not match <${current}>`, lt);
				}
			}
			open.pop();
			handler.close(current);
			pos = end + 1;
		} else if (next === 33 /* '!' */) {
			if (source.startsWith('<!--', lt)) {
				pos = skipPast(source, '-->', lt);
			} else if (source.startsWith('<![CDATA[', lt)) {
				const end = source.indexOf(']]>', lt);
				if (end === -1) throw new XmlSyntaxError('Unterminated CDATA section', lt);
				if (open.length === 0) throw new XmlSyntaxError('CDATA outside the root element', lt);
				handler.text(source.slice(lt + 9, end));
				pos = end + 3;
			} else {
				throw new XmlSyntaxError('DOCTYPE and entity declarations are not accepted', lt);
			}
		} else if (next === 63 /* '?' */) {
			pos = skipPast(source, '?>', lt);
		} else {
			let nameEnd = lt + 1;
			for (; nameEnd < length; nameEnd++) {
				const c = source.charCodeAt(nameEnd);
				if (c === 62 || c === 47 || c === 32 || c === 9 || c === 10 || c === 13) break;
			}
			if (nameEnd === lt + 1) throw new XmlSyntaxError('Element without a name', lt);
			const name = source.slice(lt + 1, nameEnd);
			let end = nameEnd;
			let attributes = NO_ATTRIBUTES;
			if (source.charCodeAt(nameEnd) !== 62) {
				end = findTagEnd(source, nameEnd);
				const attributeEnd = source.charCodeAt(end - 1) === 47 ? end - 1 : end;
				if (attributeEnd > nameEnd) {
					attributes = parseAttributes(source.slice(nameEnd, attributeEnd), lt);
				}
			}
			const selfClosing = end > nameEnd && source.charCodeAt(end - 1) === 47;
			if (open.length === 0) {
				if (seenRoot) throw new XmlSyntaxError('More than one root element', lt);
				seenRoot = true;
			}
			handler.open(name, attributes);
			if (selfClosing) {
				handler.close(name);
			} else {
				open.push(name);
				if (open.length > maxDepth) throw new XmlSyntaxError(`Nesting deeper than ${maxDepth}`, lt);
			}
			pos = end + 1;
		}
	}
	if (open.length > 0) {
		throw new XmlSyntaxError(`Element <${open[open.length - 1]}> is not closed`, length);
	}
	if (!seenRoot) throw new XmlSyntaxError('No root element', 0);
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

/**
 * `scanXml` straight over UTF-8 bytes, for the documents clients send in bulk: an optional
 * `<?xml …?>` declaration and elements without attributes, each text run decoded on its own.
 * Returns false as soon as it meets anything else (comments, CDATA, attributes, a BOM, a
 * non-ASCII or unusual tag, a syntax error), at which point the caller must discard the events
 * seen so far and scan the decoded text with `scanXml`, which gives the same events for the
 * documents this one reads and the exact error for all others.
 */
export function scanXmlBytes(
	source: Buffer,
	handler: XmlHandler,
	options: ScanOptions = {},
): boolean {
	const maxDepth = options.maxDepth ?? 64;
	const length = source.length;
	const open: string[] = [];
	const shortTexts: string[] = new Array<string>(SHORT_TEXTS);
	let seenRoot = false;
	let pos = 0;

	while (pos < length) {
		const lt = source.indexOf(LT, pos);
		const textEnd = lt === -1 ? length : lt;
		if (textEnd > pos) {
			if (open.length > 0) {
				const text = decodeRun(source, pos, textEnd, shortTexts);
				handler.text(text.indexOf('&') === -1 ? text : decodeEntities(text));
			} else if (!isAsciiSpace(source, pos, textEnd)) {
				return false;
			}
		}
		if (lt === -1) break;
		const next = source[lt + 1];
		if (next === SLASH) {
			if (open.length === 0) return false;
			const current = open[open.length - 1];
			const end = lt + 2 + current.length;
			if (source[end] !== GT || !hasAsciiAt(source, lt + 2, current)) return false;
			open.pop();
			handler.close(current);
			pos = end + 1;
		} else if (next === 0x3f /* '?' */) {
			const end = source.indexOf('?>', lt, 'latin1');
			if (end === -1) return false;
			pos = end + 2;
		} else {
			let nameEnd = lt + 1;
			let code = 0;
			for (; nameEnd < length; nameEnd++) {
				code = source[nameEnd];
				if (code === GT || code === SLASH || code <= 0x20 || code >= 0x80 || code === LT) break;
			}
			const selfClosing = code === SLASH && source[nameEnd + 1] === GT;
			if (nameEnd === lt + 1 || (code !== GT && !selfClosing) || next === 0x21 /* '!' */)
				return false;
			if (open.length === 0) {
				if (seenRoot) return false;
				seenRoot = true;
			}
			const name = decodeRun(source, lt + 1, nameEnd, shortTexts);
			handler.open(name, NO_ATTRIBUTES);
			if (selfClosing) {
				handler.close(name);
				pos = nameEnd + 2;
			} else {
				open.push(name);
				if (open.length > maxDepth) return false;
				pos = nameEnd + 1;
			}
		}
	}
	return open.length === 0 && seenRoot;
}

function isAsciiSpace(source: Buffer, from: number, to: number): boolean {
	for (let i = from; i < to; i++) {
		const c = source[i];
		if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
	}
	return true;
}

function hasAsciiAt(source: Buffer, at: number, text: string): boolean {
	for (let i = 0; i < text.length; i++) if (source[at + i] !== text.charCodeAt(i)) return false;
	return true;
}

const SHORT_TEXT = 24;
const SHORT_TEXTS = 1024;

/**
 * Decodes `source[from, to)`. Short runs (tag names, field names, values such as `true`) come
 * from a small direct-mapped cache keyed by length and three of their bytes, so a repeated one
 * is neither decoded nor allocated again. A string is kept only if it has one character per
 * byte, and returned only if each of them equals its byte, so it is ASCII and the run's decoding.
 */
function decodeRun(source: Buffer, from: number, to: number, shortTexts: string[]): string {
	const length = to - from;
	if (length > SHORT_TEXT || length === 0) return source.toString('utf8', from, to);
	const slot =
		(length * 31 + source[from] * 7 + source[to - 1] * 131 + source[(from + to) >> 1]) &
		(SHORT_TEXTS - 1);
	const cached = shortTexts[slot];
	if (cached !== undefined && cached.length === length && hasAsciiAt(source, from, cached)) {
		return cached;
	}
	const text = source.toString('utf8', from, to);
	// one character per byte: ASCII, or U+FFFD for a stray byte, which no byte ever matches
	if (text.length === length) shortTexts[slot] = text;
	return text;
}

/** Parses a whole document and returns its root element. */
export function parseXml(source: string, options: ScanOptions = {}): XmlElement {
	const stack: XmlElement[] = [];
	let root: XmlElement | undefined;
	scanXml(
		source,
		{
			open(name, attributes) {
				const element: XmlElement = { name, attributes, children: [], text: '' };
				if (stack.length > 0) stack[stack.length - 1].children.push(element);
				else root = element;
				stack.push(element);
			},
			text(text) {
				const current = stack[stack.length - 1];
				current.text = current.text === '' ? text : current.text + text;
			},
			close() {
				stack.pop();
			},
		},
		options,
	);
	if (!root) throw new XmlSyntaxError('No root element', 0);
	return root;
}

function skipPast(source: string, terminator: string, from: number): number {
	const end = source.indexOf(terminator, from);
	if (end === -1) throw new XmlSyntaxError(`Missing "${terminator}"`, from);
	return end + terminator.length;
}

/** Index of the `>` closing a start tag, skipping `>` inside quoted attribute values. */
function findTagEnd(source: string, from: number): number {
	let quote = 0;
	for (let i = from + 1; i < source.length; i++) {
		const c = source.charCodeAt(i);
		if (quote !== 0) {
			if (c === quote) quote = 0;
		} else if (c === 34 || c === 39) {
			quote = c;
		} else if (c === 62) {
			return i;
		}
	}
	throw new XmlSyntaxError('Unterminated start tag', from);
}

const ATTRIBUTE = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseAttributes(text: string, offset: number): Record<string, string> {
	const attributes: Record<string, string> = {};
	if (text.trim() === '') return attributes;
	ATTRIBUTE.lastIndex = 0;
	let consumed = 0;
	let match: RegExpExecArray | null;
	while ((match = ATTRIBUTE.exec(text)) !== null) {
		if (text.slice(consumed, match.index).trim() !== '') {
			throw new XmlSyntaxError('Malformed attribute', offset);
		}
		attributes[match[1]] = decodeEntities(match[2] ?? match[3] ?? '');
		consumed = match.index + match[0].length;
	}
	if (text.slice(consumed).trim() !== '') throw new XmlSyntaxError('Malformed attribute', offset);
	return attributes;
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Readonly<Record<string, string>> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
};

/** Decodes the five predefined entities and character references; other `&` text stays as it is. */
export function decodeEntities(text: string): string {
	if (text.indexOf('&') === -1) return text;
	return text.replace(ENTITY, (whole: string, body: string) => {
		if (body.charCodeAt(0) !== 35) return NAMED[body] ?? whole;
		const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
		return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
	});
}

/** First child with this name, compared case-insensitively. */
export function childElement(parent: XmlElement, name: string): XmlElement | undefined {
	const children = parent.children;
	for (let i = 0; i < children.length; i++) if (children[i].name === name) return children[i];
	const lower = name.toLowerCase();
	for (let i = 0; i < children.length; i++) {
		if (children[i].name.toLowerCase() === lower) return children[i];
	}
	return undefined;
}

/** All children with this name, compared case-insensitively. */
export function childElements(parent: XmlElement, name: string): XmlElement[] {
	const lower = name.toLowerCase();
	const found: XmlElement[] = [];
	for (const child of parent.children) {
		if (child.name === name || child.name.toLowerCase() === lower) found.push(child);
	}
	return found;
}

/** Trimmed text of the first child with this name, or undefined if there is none. */
export function childText(parent: XmlElement, name: string): string | undefined {
	const child = childElement(parent, name);
	return child === undefined ? undefined : child.text.trim();
}

export function escapeXml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const ESCAPES: Readonly<Record<string, string>> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
};

/** A node for `renderXml`: text content, child nodes, or nothing (`<name/>`). */
export interface XmlNode {
	readonly name: string;
	readonly attributes?: Readonly<Record<string, string>>;
	readonly content?: string | number | boolean | readonly XmlNode[];
}

/** Shorthand for an `XmlNode`. */
export function el(
	name: string,
	content?: XmlNode['content'],
	attributes?: Readonly<Record<string, string>>,
): XmlNode {
	return { name, content, attributes };
}

/** Writes a document with an XML declaration. */
export function renderXml(root: XmlNode): string {
	const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
	write(root, parts);
	return parts.join('');
}

function write(node: XmlNode, parts: string[]): void {
	let open = `<${node.name}`;
	for (const [name, value] of Object.entries(node.attributes ?? {})) {
		open += ` ${name}="${escapeXml(value)}"`;
	}
	const content = node.content;
	if (content === undefined || (Array.isArray(content) && content.length === 0)) {
		parts.push(`${open}/>`);
		return;
	}
	parts.push(`${open}>`);
	if (typeof content === 'string' || typeof content === 'number' || typeof content === 'boolean') {
		parts.push(escapeXml(String(content)));
	} else {
		for (const child of content) write(child, parts);
	}
	parts.push(`</${node.name}>`);
}
