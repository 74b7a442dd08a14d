import { detach, setOwnProperty, type XmlElement } from './element';
import { XmlError, type XmlErrorCode } from './error';
import { formatLength } from './limits';

export interface ScannerOptions {
	/** Deepest element allowed; the root is at depth 1. */
	readonly maxDepth: number;
	/** Longest captured subtree, in characters, from its `<` to the end of its end tag. */
	readonly maxCaptureLength: number;
	/** Longest single tag, comment, CDATA section or text run held back between writes. */
	readonly maxTokenLength: number;
	/** Name of the option that sets both lengths, for error messages. */
	readonly lengthOption: string;
	/** Whether an element outside any capture starts a captured subtree. */
	readonly isCaptured: (name: string, depth: number) => boolean;
	/** Called for each element that is not captured, e.g. the root. */
	readonly onOpen?: (name: string, attributes: Record<string, string>, depth: number) => void;
	/** Turns an absolute character offset into words such as "near byte 1234". */
	readonly describePosition: (offset: number) => string;
	/** Word for a captured subtree in error messages ("record"); omit to not number captures. */
	readonly captureNoun?: string;
}

/** A leaf as it began at one place of an earlier capture: whitespace before it plus `<name>`. */
interface LeafSlot {
	readonly prefix: string;
	readonly name: string;
	readonly close: string;
}

interface OpenElement {
	name: string;
	attributes: Record<string, string>;
	text: string;
	children: OpenElement[];
	problem?: string;
}

/** Positions among siblings remembered per depth (see readRecordPart). */
const SLOT_WIDTH = 64;
const GREATER_THAN = 62;
const SLASH = 47;
const EXCLAMATION = 33;
const QUESTION = 63;
const EQUALS = 61;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

// Leaves share these (the public type is readonly); most elements have neither attributes nor children.
const EMPTY_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;
const EMPTY_CHILDREN: OpenElement[] = Object.freeze([]) as unknown as OpenElement[];

const REFERENCE = /&(?:#([0-9]{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;
const PREDEFINED: Readonly<Record<string, string>> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
};
const LINE_END = /\r\n?/g;
const ATTRIBUTE_WHITESPACE = /\r\n|[\t\n\r]/g;
const HAS_ATTRIBUTE_WHITESPACE = /[\t\n\r]/;

function isXmlCharacter(code: number): boolean {
	return (
		code === 0x9 ||
		code === 0xa ||
		code === 0xd ||
		(code >= 0x20 && code <= 0xd7ff) ||
		(code >= 0xe000 && code <= 0xfffd) ||
		(code >= 0x10000 && code <= 0x10ffff)
	);
}

// Anything that is not one of these references stays as written: no DTD can define entities (it is
// rejected), and a stray '&' in hand-written exports should not cost the whole file.
function resolveReference(
	reference: string,
	decimal: string | undefined,
	hex: string | undefined,
	name: string | undefined,
): string {
	if (name !== undefined) return PREDEFINED[name];
	const code =
		decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex as string, 16);
	return isXmlCharacter(code) ? String.fromCodePoint(code) : reference;
}

const AMPERSAND = /&(?:#([0-9]{1,7});|#x([0-9a-fA-F]{1,6});|(amp|lt|gt|quot|apos);)?/g;

/**
 * What is wrong with the first `&` of `text` that is not a reference to an XML character, or
 * `undefined`. Such text stays as written, but a reader must not take it for data.
 */
function findBadReference(text: string): string | undefined {
	for (const match of text.matchAll(AMPERSAND)) {
		const [reference, decimal, hex, name] = match;
		if (name !== undefined) continue;
		if (decimal === undefined && hex === undefined) return 'an "&" that starts no reference';
		const code =
			decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex as string, 16);
		if (!isXmlCharacter(code)) return `the reference "${reference}", which names no XML character`;
	}
	return undefined;
}

/** Resolves the five predefined entities and numeric character references. */
function decodeReferences(text: string): string {
	return text.indexOf('&') === -1 ? text : text.replace(REFERENCE, resolveReference);
}

function isBlank(text: string, from: number, to: number): boolean {
	for (let index = from; index < to; index++) {
		const code = text.charCodeAt(index);
		if (code !== 32 && code !== 10 && code !== 9 && code !== 13) return false;
	}
	return true;
}

function appendChild(parent: OpenElement, child: OpenElement): void {
	if (parent.children === EMPTY_CHILDREN) {
		parent.children = [child];
		// whitespace before the first child was layout, not content
		if (parent.text !== '' && isBlank(parent.text, 0, parent.text.length)) parent.text = '';
	} else {
		parent.children.push(child);
	}
}

/** Whether `text[from, to)` is a whole element name without attributes or whitespace. */
function isPlainName(text: string, from: number, to: number): boolean {
	if (from === to || !isNameStart(text.charCodeAt(from))) return false;
	for (let index = from + 1; index < to; index++) {
		const code = text.charCodeAt(index);
		if (!(code > GREATER_THAN || (code >= 45 && code <= 58 && code !== SLASH))) return false;
	}
	return true;
}

// Only the first character of a name is checked against XML's name grammar; the others merely
// must not end the name (whitespace, markup, quotes).
function isNameStart(code: number): boolean {
	return (
		(code >= 97 && code <= 122) ||
		(code >= 65 && code <= 90) ||
		code === 95 ||
		code === 58 ||
		code >= 0xc0
	);
}

/**
 * Pull tokenizer over decoded text: builds element trees only for captured elements and hands
 * them out one by one. Elements outside captures are only checked for well-formedness.
 */
export class XmlScanner {
	private readonly options: ScannerOptions;
	private buffer = '';
	private position = 0;
	/** Absolute character offset of `buffer[0]`. */
	private base = 0;
	/** Names of open elements outside a capture. */
	private readonly outer: string[] = [];
	/** Open elements of the capture being built; `inner[0]` is its top. */
	private readonly inner: OpenElement[] = [];
	private captureStart = 0;
	private captures = 0;
	private hasRoot = false;
	/** Leaves seen in earlier captures, by depth and position among siblings. */
	private readonly slots: (LeafSlot | undefined)[] = [];
	private isRootClosed = false;
	private hasReferences = false;
	private isFollowedByMarkup = false;
	/** Characters indexOf may still search past a miss in this buffer (see isAt). */
	private searchBudget = 0;
	private isEnded = false;
	private isDone = false;
	/** A capture finished by the last scan, not yet returned by read(). */
	private completed: OpenElement | undefined;

	constructor(options: ScannerOptions) {
		this.options = options;
	}

	/**
	 * Appends decoded text; nothing is parsed until {@link read}. `isFollowedByMarkup` promises that
	 * the next text starts with '<', so a text run at the end of this one is complete.
	 */
	write(text: string, isFollowedByMarkup = false): void {
		this.base += this.position;
		this.buffer =
			this.position < this.buffer.length ? this.buffer.slice(this.position) + text : text;
		this.position = 0;
		this.isFollowedByMarkup = isFollowedByMarkup;
		this.searchBudget = this.buffer.length;
		// most documents have no references at all; one search per chunk spares one per value
		this.hasReferences = this.buffer.indexOf('&') !== -1;
	}

	/** Marks the input complete: the next reads check that the document is whole. */
	end(): void {
		this.isEnded = true;
	}

	/**
	 * The next completed capture, or `undefined` once the text written so far is used up (after
	 * {@link end}: once the document is read and found whole). Nothing after a returned capture is
	 * parsed before the next call, so an error further on never withholds a finished capture.
	 */
	read(): XmlElement | undefined {
		if (this.isDone) return undefined;
		this.scan(this.isEnded);
		const element = this.completed;
		if (element !== undefined) {
			this.completed = undefined;
			return element;
		}
		if (this.isEnded) {
			this.isDone = true;
			this.checkEnd();
		}
		return undefined;
	}

	private checkEnd(): void {
		const offset = this.base + this.buffer.length;
		const inner = this.inner;
		if (inner.length > 0) {
			this.fail(
				'truncated',
				`The XML document ends before <${inner[inner.length - 1].name}> is closed`,
				offset,
			);
		}
		if (this.outer.length > 0) {
			this.fail(
				'truncated',
				`The XML document ends before <${this.outer[this.outer.length - 1]}> is closed`,
				offset,
			);
		}
		if (!this.hasRoot) this.fail('malformed', 'The XML document has no root element', offset);
	}

	private scan(isFinal: boolean): void {
		const text = this.buffer;
		const length = text.length;
		const inner = this.inner;
		const hasReferences = this.hasReferences;
		let position = this.position;
		while (position < length && this.completed === undefined) {
			if (inner.length > 0) {
				const end = this.readRepeatedLeaf(text, position, hasReferences);
				if (end !== -1) {
					position = end;
					continue;
				}
			}
			const lessThan = text.indexOf('<', position);
			if (lessThan === -1) {
				// a text run is complete only once the next '<' arrived (references may be split)
				if (!isFinal && !this.isFollowedByMarkup) break;
				this.readText(text, position, length);
				position = length;
				break;
			}
			if (inner.length > 0) {
				const end = this.readRecordPart(text, position, lessThan, hasReferences);
				if (end !== -1) {
					position = end;
					continue;
				}
			}
			if (lessThan !== position) {
				this.readText(text, position, lessThan);
				position = lessThan;
			}
			const next = this.readMarkup(text, lessThan, isFinal);
			if (next === -1) break;
			position = next;
		}
		this.position = position;
		if (isFinal || this.completed !== undefined) return;
		const options = this.options;
		if (length - position > options.maxTokenLength) {
			this.fail(
				'limit',
				`The XML document has a tag, comment or text longer than ${formatLength(options.maxTokenLength)} (\`${options.lengthOption}\`)`,
				this.base + position,
			);
		}
		if (
			this.inner.length > 0 &&
			this.base + length - this.captureStart > options.maxCaptureLength
		) {
			this.failCaptureTooLong(this.base + length);
		}
	}

	private readMarkup(text: string, lessThan: number, isFinal: boolean): number {
		if (lessThan + 1 >= text.length) return this.incomplete(isFinal, lessThan);
		const code = text.charCodeAt(lessThan + 1);
		if (code === SLASH) return this.readEndTag(text, lessThan, isFinal);
		if (code === EXCLAMATION) return this.readDeclaration(text, lessThan, isFinal);
		if (code === QUESTION) {
			const end = text.indexOf('?>', lessThan + 2);
			return end === -1 ? this.incomplete(isFinal, lessThan) : end + 2;
		}
		return this.readStartTag(text, lessThan, isFinal);
	}

	private readStartTag(text: string, lessThan: number, isFinal: boolean): number {
		const length = text.length;
		let index = lessThan + 1;
		if (!isNameStart(text.charCodeAt(index))) {
			this.fail(
				'malformed',
				`The XML document has "${text[index]}" where an element name should start`,
				this.base + index,
			);
		}
		let code = 0;
		for (index++; index < length; index++) {
			code = text.charCodeAt(index);
			if (!(code > GREATER_THAN || (code >= 45 && code <= 58 && code !== SLASH))) break;
		}
		if (index >= length) return this.incomplete(isFinal, lessThan);
		const name = text.slice(lessThan + 1, index);
		if (code === GREATER_THAN) {
			this.open(name, undefined, false, lessThan);
			return index + 1;
		}
		return this.readAttributes(text, lessThan, index, name, isFinal);
	}

	private readAttributes(
		text: string,
		lessThan: number,
		from: number,
		name: string,
		isFinal: boolean,
	): number {
		const length = text.length;
		let attributes: Record<string, string> | undefined;
		let index = from;
		for (;;) {
			let code = text.charCodeAt(index);
			const spaceStart = index;
			while (code === 32 || code === 10 || code === 9 || code === 13)
				code = text.charCodeAt(++index);
			if (index >= length) return this.incomplete(isFinal, lessThan);
			if (code === GREATER_THAN) {
				this.open(name, attributes, false, lessThan);
				return index + 1;
			}
			if (code === SLASH) {
				if (index + 1 >= length) return this.incomplete(isFinal, lessThan);
				if (text.charCodeAt(index + 1) !== GREATER_THAN) {
					this.fail(
						'malformed',
						`The tag <${name}> has "/" that is not followed by ">"`,
						this.base + index,
					);
				}
				this.open(name, attributes, true, lessThan);
				return index + 2;
			}
			if (index === spaceStart || !isNameStart(code)) {
				this.fail(
					'malformed',
					`The tag <${name}> has "${text[index]}" where whitespace, an attribute, ">" or "/>" should be`,
					this.base + index,
				);
			}
			const attributeStart = index;
			for (index++; index < length; index++) {
				code = text.charCodeAt(index);
				if (!(code > GREATER_THAN || (code >= 45 && code <= 58 && code !== SLASH))) break;
			}
			const attributeName = text.slice(attributeStart, index);
			while (code === 32 || code === 10 || code === 9 || code === 13)
				code = text.charCodeAt(++index);
			if (index >= length) return this.incomplete(isFinal, lessThan);
			if (code !== EQUALS) {
				this.fail(
					'malformed',
					`The attribute "${attributeName}" of <${name}> has no value`,
					this.base + index,
				);
			}
			code = text.charCodeAt(++index);
			while (code === 32 || code === 10 || code === 9 || code === 13)
				code = text.charCodeAt(++index);
			if (index >= length) return this.incomplete(isFinal, lessThan);
			if (code !== DOUBLE_QUOTE && code !== SINGLE_QUOTE) {
				this.fail(
					'malformed',
					`The value of attribute "${attributeName}" of <${name}> is not quoted`,
					this.base + index,
				);
			}
			const close = text.indexOf(code === DOUBLE_QUOTE ? '"' : "'", index + 1);
			if (close === -1) return this.incomplete(isFinal, lessThan);
			let value = text.slice(index + 1, close);
			if (value.indexOf('<') !== -1) {
				this.fail(
					'malformed',
					`The value of attribute "${attributeName}" of <${name}> contains "<"`,
					this.base + index,
				);
			}
			// attribute-value normalisation (XML 1.0 §3.3.3) happens before references are resolved
			if (HAS_ATTRIBUTE_WHITESPACE.test(value)) value = value.replace(ATTRIBUTE_WHITESPACE, ' ');
			value = decodeReferences(value);
			attributes ??= {};
			if (Object.prototype.hasOwnProperty.call(attributes, attributeName)) {
				this.fail(
					'malformed',
					`The tag <${name}> has the attribute "${attributeName}" twice`,
					this.base + attributeStart,
				);
			}
			setOwnProperty(attributes, attributeName, value);
			index = close + 1;
		}
	}

	private readEndTag(text: string, lessThan: number, isFinal: boolean): number {
		const inner = this.inner;
		const expected =
			inner.length > 0 ? inner[inner.length - 1].name : this.outer[this.outer.length - 1];
		if (expected !== undefined) {
			const end = lessThan + 2 + expected.length;
			if (text.charCodeAt(end) === GREATER_THAN && text.slice(lessThan + 2, end) === expected) {
				this.close(end + 1);
				return end + 1;
			}
		}
		const greaterThan = text.indexOf('>', lessThan + 2);
		if (greaterThan === -1) return this.incomplete(isFinal, lessThan);
		const found = text.slice(lessThan + 2, greaterThan).trimEnd();
		if (expected === undefined) {
			this.fail(
				'malformed',
				`The XML document has the end tag </${found}> without a start tag`,
				this.base + lessThan,
			);
		}
		if (found !== expected) {
			this.fail(
				'malformed',
				`The XML document has </${found}> where </${expected}> should be`,
				this.base + lessThan,
			);
		}
		this.close(greaterThan + 1);
		return greaterThan + 1;
	}

	private readDeclaration(text: string, lessThan: number, isFinal: boolean): number {
		if (text.startsWith('--', lessThan + 2)) {
			const end = text.indexOf('-->', lessThan + 4);
			return end === -1 ? this.incomplete(isFinal, lessThan) : end + 3;
		}
		if (text.startsWith('[CDATA[', lessThan + 2)) {
			const end = text.indexOf(']]>', lessThan + 9);
			if (end === -1) return this.incomplete(isFinal, lessThan);
			this.readCharacterData(text, lessThan + 9, end);
			return end + 3;
		}
		if (text.length - lessThan < 9 && !isFinal) return -1;
		const keyword = text.slice(lessThan + 2, lessThan + 9).toUpperCase();
		// rejected before anything is expanded: this closes billion-laughs and XXE at the door
		if (keyword === 'DOCTYPE') {
			throw new XmlError(
				'forbiddenDtd',
				'The XML document contains a DOCTYPE declaration; DTDs and entities are not allowed for security reasons',
			);
		}
		if (keyword.startsWith('ENTITY')) {
			throw new XmlError(
				'forbiddenDtd',
				'The XML document contains an ENTITY declaration; DTDs and entities are not allowed for security reasons',
			);
		}
		return this.fail(
			'malformed',
			`The XML document has the unsupported markup "<!${keyword}"`,
			this.base + lessThan,
		);
	}

	/**
	 * Fast path for the bulk of a capture: optional layout whitespace, then the end tag of the open
	 * element or a leaf `<name>text</name>`. Returns -1, having changed nothing, for anything else.
	 */
	private readRecordPart(
		text: string,
		position: number,
		lessThan: number,
		hasReferences: boolean,
	): number {
		const inner = this.inner;
		const top = inner[inner.length - 1];
		const siblings = top.children.length;
		const hasRun = lessThan !== position;
		if (hasRun && !isBlank(text, position, lessThan)) return -1;
		if (text.charCodeAt(lessThan + 1) === SLASH) {
			// whitespace in an element without children is its content
			if (hasRun && siblings === 0) return -1;
			const name = top.name;
			const end = lessThan + 2 + name.length;
			if (text.charCodeAt(end) !== GREATER_THAN || text.slice(lessThan + 2, end) !== name)
				return -1;
			this.close(end + 1);
			return end + 1;
		}
		// whitespace before a first child is dropped by appendChild anyway, unless text came before
		if (hasRun && siblings === 0 && top.text !== '') return -1;
		const greaterThan = text.indexOf('>', lessThan + 1);
		if (greaterThan === -1) return -1;
		// records repeat their layout, so the name at this place last time spares the name check
		const slot = siblings < SLOT_WIDTH ? inner.length * SLOT_WIDTH + siblings : -1;
		const expected = slot === -1 ? undefined : this.slots[slot]?.name;
		const nameLength = greaterThan - lessThan - 1;
		// slicing and comparing beats startsWith at an offset in Node 20 (measured)
		let name = text.slice(lessThan + 1, greaterThan);
		if (name === expected) {
			name = expected;
		} else if (!isPlainName(text, lessThan + 1, greaterThan)) {
			return -1;
		}
		const closeAt = text.indexOf('<', greaterThan + 1);
		const end = closeAt + 2 + nameLength;
		if (
			closeAt === -1 ||
			text.charCodeAt(closeAt + 1) !== SLASH ||
			text.charCodeAt(end) !== GREATER_THAN ||
			text.slice(closeAt + 2, end) !== name
		) {
			return -1;
		}
		if (slot !== -1) {
			const prefix = text.slice(position, greaterThan + 1);
			if (this.slots[slot]?.prefix !== prefix) {
				this.slots[slot] = { prefix: detach(prefix), name: detach(name), close: `</${name}>` };
			}
		}
		this.addLeaf(top, name, text, greaterThan + 1, closeAt, hasReferences);
		return end + 1;
	}

	/**
	 * Fastest path: the whitespace, `<name>` and `</name>` of the leaf at this place in an earlier
	 * capture, each checked with one comparison. Returns -1, having changed nothing, otherwise.
	 */
	private readRepeatedLeaf(text: string, position: number, hasReferences: boolean): number {
		const inner = this.inner;
		const top = inner[inner.length - 1];
		const siblings = top.children.length;
		if (siblings >= SLOT_WIDTH || (siblings === 0 && top.text !== '')) return -1;
		const slot = this.slots[inner.length * SLOT_WIDTH + siblings];
		if (slot === undefined) return -1;
		if (!this.isAt(text, slot.prefix, position)) return -1;
		const valueStart = position + slot.prefix.length;
		const closeAt = text.indexOf('<', valueStart);
		if (closeAt === -1 || !this.isAt(text, slot.close, closeAt)) return -1;
		const end = closeAt + slot.close.length;
		this.addLeaf(top, slot.name, text, valueStart, closeAt, hasReferences);
		return end;
	}

	/**
	 * Whether `needle` stands in `text` at `position`. indexOf is the fastest exact check in Node 20,
	 * but a miss searches on to the next match: once misses have searched as far as the text is
	 * long, slicing takes over, so a hostile layout adds at most two passes over each text.
	 */
	private isAt(text: string, needle: string, position: number): boolean {
		if (this.searchBudget > 0) {
			const found = text.indexOf(needle, position);
			if (found === position) return true;
			this.searchBudget -= (found === -1 ? text.length : found) - position;
			return false;
		}
		return text.slice(position, position + needle.length) === needle;
	}

	private addLeaf(
		parent: OpenElement,
		name: string,
		text: string,
		valueStart: number,
		valueEnd: number,
		hasReferences: boolean,
	): void {
		if (this.outer.length + this.inner.length + 1 > this.options.maxDepth) {
			this.failTooDeep(valueStart);
		}
		let value = text.slice(valueStart, valueEnd);
		if (value.indexOf('\r') !== -1) value = value.replace(LINE_END, '\n');
		const leaf: OpenElement = {
			name,
			attributes: EMPTY_ATTRIBUTES,
			text: value,
			children: EMPTY_CHILDREN,
		};
		if (hasReferences && value.indexOf('&') !== -1) {
			const problem = findBadReference(value);
			// only the rare leaf with a bad reference gets the property (one more hidden class)
			if (problem !== undefined) leaf.problem = problem;
			leaf.text = decodeReferences(value);
		}
		appendChild(parent, leaf);
	}

	private readText(text: string, from: number, to: number): void {
		const inner = this.inner;
		if (inner.length === 0) {
			if (this.outer.length === 0 && !isBlank(text, from, to)) {
				this.fail(
					'malformed',
					'The XML document has text outside the root element',
					this.base + from,
				);
			}
			return;
		}
		const top = inner[inner.length - 1];
		// whitespace between child elements is layout, not content
		if (top.children.length > 0 && isBlank(text, from, to)) return;
		let value = text.slice(from, to);
		if (value.indexOf('\r') !== -1) value = value.replace(LINE_END, '\n');
		if (value.indexOf('&') !== -1) {
			const problem = findBadReference(value);
			if (problem !== undefined) top.problem ??= problem;
			value = decodeReferences(value);
		}
		top.text = top.text === '' ? value : top.text + value;
	}

	private readCharacterData(text: string, from: number, to: number): void {
		const inner = this.inner;
		if (inner.length > 0) {
			let value = text.slice(from, to);
			if (value.indexOf('\r') !== -1) value = value.replace(LINE_END, '\n');
			const top = inner[inner.length - 1];
			top.text = top.text === '' ? value : top.text + value;
		} else if (this.outer.length === 0) {
			this.fail(
				'malformed',
				'The XML document has text outside the root element',
				this.base + from,
			);
		}
	}

	private open(
		name: string,
		attributes: Record<string, string> | undefined,
		isSelfClosing: boolean,
		lessThan: number,
	): void {
		const inner = this.inner;
		const depth = this.outer.length + inner.length + 1;
		if (depth > this.options.maxDepth) this.failTooDeep(lessThan);
		if (inner.length > 0) {
			const element: OpenElement = {
				name,
				attributes: attributes ?? EMPTY_ATTRIBUTES,
				text: '',
				children: EMPTY_CHILDREN,
			};
			appendChild(inner[inner.length - 1], element);
			if (!isSelfClosing) inner.push(element);
			return;
		}
		if (depth === 1) {
			if (this.isRootClosed) {
				this.fail(
					'malformed',
					'The XML document has more than one root element',
					this.base + lessThan,
				);
			}
			this.hasRoot = true;
		}
		const options = this.options;
		if (options.isCaptured(name, depth)) {
			const element: OpenElement = {
				name,
				attributes: attributes ?? EMPTY_ATTRIBUTES,
				text: '',
				children: EMPTY_CHILDREN,
			};
			this.captures++;
			this.captureStart = this.base + lessThan;
			if (isSelfClosing) this.finishCapture(element);
			else inner.push(element);
			return;
		}
		options.onOpen?.(name, attributes ?? {}, depth);
		if (!isSelfClosing) this.outer.push(name);
		else if (depth === 1) this.isRootClosed = true;
	}

	private close(end: number): void {
		const inner = this.inner;
		if (inner.length === 0) {
			this.outer.pop();
			if (this.outer.length === 0) this.isRootClosed = true;
			return;
		}
		const isCaptureEnd = inner.length === 1;
		if (isCaptureEnd && this.base + end - this.captureStart > this.options.maxCaptureLength) {
			this.failCaptureTooLong(this.base + end);
		}
		const element = inner.pop() as OpenElement;
		if (isCaptureEnd) this.finishCapture(element);
	}

	private finishCapture(element: OpenElement): void {
		if (this.outer.length === 0) this.isRootClosed = true;
		this.completed = element;
	}

	private incomplete(isFinal: boolean, offset: number): number {
		if (isFinal) {
			this.fail(
				'truncated',
				'The XML document ends inside a tag, comment or CDATA section',
				this.base + offset,
			);
		}
		return -1;
	}

	private failTooDeep(lessThan: number): never {
		return this.fail(
			'limit',
			`The XML document nests elements deeper than ${this.options.maxDepth} levels (\`maxDepth\`)`,
			this.base + lessThan,
		);
	}

	private failCaptureTooLong(offset: number): never {
		const options = this.options;
		return this.fail(
			'limit',
			`The ${options.captureNoun ?? 'element'} is longer than ${formatLength(options.maxCaptureLength)} (\`${options.lengthOption}\`)`,
			offset,
		);
	}

	private fail(code: XmlErrorCode, problem: string, offset: number): never {
		const { captureNoun, describePosition } = this.options;
		const where: string[] = [];
		let record: number | undefined;
		if (captureNoun !== undefined) {
			if (this.inner.length > 0) {
				record = this.captures;
				where.push(`${captureNoun} ${record}`);
			} else if (this.captures > 0) {
				where.push(`after ${captureNoun} ${this.captures}`);
			}
		}
		where.push(describePosition(offset));
		throw new XmlError(code, `${problem} (${where.join(', ')}).`, record);
	}
}
