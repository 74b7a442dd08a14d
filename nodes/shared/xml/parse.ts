import type { XmlElement } from './element';
import { decodeBytes } from './encoding';
import { XmlError } from './error';
import { formatLength, readLimit } from './limits';
import { XmlScanner } from './scanner';

export interface ParseOptions {
	/** Largest document: characters for a string, bytes for a Uint8Array. @default 16777216 (16 MiB) */
	readonly maxBytes?: number;
	/** Deepest element nesting; the root is at depth 1. @default 32 */
	readonly maxDepth?: number;
	/** Bytes that are not UTF-8 in a document declared UTF-8: see `DecodeOptions`. @default 'error' */
	readonly invalidUtf8?: 'error' | 'fallback';
}

const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 32;

/**
 * Parses a whole small document, such as an API response, into the tree of its root element.
 * A DOCTYPE or ENTITY declaration is rejected before any element is built; only the five
 * predefined entities and numeric character references are resolved.
 * @throws XmlError for a hostile, oversized or malformed document
 */
export function parseXmlDocument(
	input: string | Uint8Array,
	options: ParseOptions = {},
): XmlElement {
	const maxBytes = readLimit('maxBytes', options.maxBytes, DEFAULT_MAX_BYTES);
	const maxDepth = readLimit('maxDepth', options.maxDepth, DEFAULT_MAX_DEPTH);
	if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
		throw new TypeError('Expected `input` to be a string or a Uint8Array.');
	}
	if (input.length > maxBytes) {
		throw new XmlError(
			'limit',
			`The XML document is larger than ${formatLength(maxBytes)} (\`maxBytes\`).`,
		);
	}
	let text =
		typeof input === 'string' ? input : decodeBytes(input, { invalidUtf8: options.invalidUtf8 });
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	const unit = typeof input === 'string' ? 'character' : 'byte';
	const ratio = text.length > 0 ? input.length / text.length : 1;
	const scanner = new XmlScanner({
		maxDepth,
		maxCaptureLength: Number.POSITIVE_INFINITY,
		maxTokenLength: Number.POSITIVE_INFINITY,
		lengthOption: 'maxBytes',
		isCaptured: (_name, depth) => depth === 1,
		describePosition: (offset) => `near ${unit} ${Math.round(offset * ratio)}`,
	});
	scanner.write(text);
	scanner.end();
	const root = scanner.read();
	// reads on to the end, which throws for content after the root or a missing root
	scanner.read();
	return root as XmlElement;
}
