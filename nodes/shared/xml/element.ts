/**
 * One element of a parsed document: attributes, its own character data and its child elements.
 * Its strings may be views into the decoded input (V8 slices): read values with the helpers below,
 * which copy them, before keeping many of them for long.
 */
export interface XmlElement {
	readonly name: string;
	readonly attributes: Readonly<Record<string, string>>;
	/**
	 * Character data directly inside the element, CDATA included, references resolved, line ends
	 * normalised to LF, not trimmed. Whitespace-only runs next to child elements are layout and
	 * left out, so an element with children and no other text has ''.
	 */
	readonly text: string;
	readonly children: readonly XmlElement[];
	/**
	 * Set when the text holds an `&` that is not a reference to an XML character (a stray `&`,
	 * `&#0;`): the text keeps it as written, and the phrase says what it is.
	 */
	readonly problem?: string;
}

/**
 * A copy that shares no memory with a larger string. V8 returns slices of 13 or more characters as
 * views, so one kept e-mail address would keep its whole 64 KiB chunk of the document alive.
 */
export function detach(text: string): string {
	return text.length < 13 ? text : (' ' + text).slice(1);
}

// Length first: most names differ in length, and toLowerCase allocates.
function isNameMatch(name: string, wanted: string): boolean {
	return (
		name.length === wanted.length &&
		(name === wanted || name.toLowerCase() === wanted.toLowerCase())
	);
}

/** Assigns `key` as an own property even when it is `__proto__`, which `=` would treat as the prototype. */
export function setOwnProperty(target: Record<string, string>, key: string, value: string): void {
	if (key === '__proto__') {
		Object.defineProperty(target, key, {
			value,
			enumerable: true,
			writable: true,
			configurable: true,
		});
	} else {
		target[key] = value;
	}
}

/** The first child with the first of `names` that occurs, matched case-insensitively. */
export function childElement(element: XmlElement, ...names: string[]): XmlElement | undefined {
	for (const name of names) {
		for (const child of element.children) {
			if (isNameMatch(child.name, name)) return child;
		}
	}
	return undefined;
}

/** All children whose name is one of `names` (case-insensitive), in document order. */
export function childElements(element: XmlElement, ...names: string[]): XmlElement[] {
	return element.children.filter((child) => names.some((name) => isNameMatch(child.name, name)));
}

/**
 * Trimmed text (a copy, see {@link XmlElement}) of the first child named like the first of `names` that occurs (case-insensitive):
 * earlier names win, so aliases go after the preferred name. `undefined` when no such child exists,
 * '' when it is empty.
 */
export function childText(element: XmlElement, ...names: string[]): string | undefined {
	const child = childElement(element, ...names);
	return child === undefined ? undefined : detach(child.text.trim());
}

/** Value of the first of `names` that is an attribute of `element` (case-insensitive), untrimmed. */
export function attributeValue(element: XmlElement, ...names: string[]): string | undefined {
	const attributes = element.attributes;
	for (const name of names) {
		if (Object.prototype.hasOwnProperty.call(attributes, name)) return detach(attributes[name]);
		for (const key of Object.keys(attributes)) {
			if (isNameMatch(key, name)) return detach(attributes[key]);
		}
	}
	return undefined;
}

/**
 * Leaf children (no child elements of their own) as original name → trimmed text. When a name
 * repeats, the first occurrence wins.
 */
export function flattenFields(element: XmlElement): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const child of element.children) {
		if (child.children.length > 0 || Object.prototype.hasOwnProperty.call(fields, child.name))
			continue;
		setOwnProperty(fields, child.name, detach(child.text.trim()));
	}
	return fields;
}
