import type { TargetEncoding } from './encoding';

declare const markupBrand: unique symbol;

/** Markup made by this module. Plain strings are text and get escaped; markup never is twice. */
export type XmlMarkup = string & { readonly [markupBrand]: true };

/** A child of {@link xmlElement}; `null`, `undefined` and `false` are left out (optional fields). */
export type XmlChild = XmlMarkup | null | undefined | false;

/** Line layout of {@link xmlElement}: each child element starts a line, the end tag too. */
export interface XmlLayout {
	readonly lineBreak: '\n' | '\r\n';
	/** Whitespace written before each child. @default '' */
	readonly indent?: string;
}

/** Attribute values; `null` and `undefined` leave the attribute out. */
export type XmlAttributes = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface XmlDocumentOptions {
	/**
	 * Encoding named in the declaration. The caller encodes the string with
	 * `encodeText(document, encoding, { unencodable: 'charRef' })`.
	 * @default 'utf-8'
	 */
	readonly encoding?: TargetEncoding;
}

// Characters XML 1.0 cannot carry at all: C0 controls except tab/LF/CR, lone surrogates, U+FFFE/F.
const INVALID =
	'[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const TEXT_SPECIAL = new RegExp(`[&<>"']|${INVALID}`);
const TEXT_SPECIALS = new RegExp(`[&<>"']|${INVALID}`, 'g');
// in attribute values, literal tab/LF/CR would be turned into spaces by the reader (XML 1.0 §3.3.3)
const ATTRIBUTE_SPECIAL = new RegExp(`[&<>"'\\t\\n\\r]|${INVALID}`);
const ATTRIBUTE_SPECIALS = new RegExp(`[&<>"'\\t\\n\\r]|${INVALID}`, 'g');
const NAME = /^[\p{L}_:][\p{L}\p{N}_.:\u00B7-]*$/u;

const REPLACEMENTS: Readonly<Record<string, string>> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
	'\t': '&#9;',
	'\n': '&#10;',
	'\r': '&#13;',
};

const DECLARED_NAMES: Readonly<Record<TargetEncoding, string>> = {
	'utf-8': 'UTF-8',
	'windows-1252': 'windows-1252',
	'iso-8859-1': 'ISO-8859-1',
};

function replaceSpecial(character: string): string {
	return REPLACEMENTS[character] ?? '';
}

/** Escapes `& < > " '` and drops characters XML 1.0 does not allow, such as NUL. */
export function escapeXml(text: string): string {
	return TEXT_SPECIAL.test(text) ? text.replace(TEXT_SPECIALS, replaceSpecial) : text;
}

function escapeAttribute(value: string): string {
	return ATTRIBUTE_SPECIAL.test(value) ? value.replace(ATTRIBUTE_SPECIALS, replaceSpecial) : value;
}

function assertName(name: string, what: string): void {
	if (typeof name !== 'string' || !NAME.test(name)) {
		throw new TypeError(`Expected \`${what}\` to be an XML name, got ${JSON.stringify(name)}.`);
	}
}

/**
 * `<name attributes>content</name>`, or `<name attributes/>` when the content is empty. A string
 * content is text and gets escaped; an array holds markup from this function, laid out one child
 * per line when `layout` is given (for files people open, such as import files).
 */
export function xmlElement(
	name: string,
	content: string | readonly XmlChild[] = '',
	attributes?: XmlAttributes,
	layout?: XmlLayout,
): XmlMarkup {
	assertName(name, 'name');
	let start = `<${name}`;
	if (attributes !== undefined) {
		for (const key of Object.keys(attributes)) {
			const value = attributes[key];
			if (value === undefined || value === null) continue;
			assertName(key, 'attributes');
			start += ` ${key}="${escapeAttribute(String(value))}"`;
		}
	}
	let inner: string;
	if (typeof content === 'string') {
		inner = escapeXml(content);
	} else {
		const before = layout === undefined ? '' : assertLayout(layout);
		inner = '';
		for (const child of content) {
			if (child) inner += before + child;
		}
		if (inner !== '' && layout !== undefined) inner += layout.lineBreak;
	}
	return (inner === '' ? `${start}/>` : `${start}>${inner}</${name}>`) as XmlMarkup;
}

function assertLayout(layout: XmlLayout): string {
	const { lineBreak, indent = '' } = layout;
	if (lineBreak !== '\n' && lineBreak !== '\r\n') {
		throw new TypeError(
			`Expected \`lineBreak\` to be '\\n' or '\\r\\n', got ${JSON.stringify(lineBreak)}.`,
		);
	}
	if (!/^[ \t]*$/.test(indent)) {
		throw new TypeError(`Expected \`indent\` to be spaces or tabs, got ${JSON.stringify(indent)}.`);
	}
	return lineBreak + indent;
}

/** The XML declaration naming `encoding`, a line break and the root element. */
export function xmlDocument(root: XmlMarkup, options: XmlDocumentOptions = {}): string {
	const { encoding = 'utf-8' } = options;
	const declared = Object.prototype.hasOwnProperty.call(DECLARED_NAMES, encoding)
		? DECLARED_NAMES[encoding]
		: undefined;
	if (declared === undefined) {
		throw new TypeError(
			`Expected \`encoding\` to be 'utf-8', 'windows-1252' or 'iso-8859-1', got ${JSON.stringify(encoding)}.`,
		);
	}
	return `<?xml version="1.0" encoding="${declared}"?>\n${root}`;
}
