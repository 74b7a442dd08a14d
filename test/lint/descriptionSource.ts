// n8n's lint rules read a node's description only where it is an object literal. Parameters built by
// helpers (`resourceDescription`, `optionsProperty`, `addToLedgerProperty`, …) are invisible to them in
// the source, so the tests lint each class file again with the finished description written out in full.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function quote(text: string): string {
	return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** Connection lists as the source must spell them (`node-connection-type-literal`). */
function connections(value: unknown): string | undefined {
	if (!Array.isArray(value) || !value.every((entry) => entry === 'main')) return undefined;
	return `[${value.map(() => 'NodeConnectionTypes.Main').join(', ')}]`;
}

/** A value as TypeScript source: identifier keys, single-quoted strings, one entry per line. */
export function toSourceLiteral(value: unknown, indent = ''): string {
	const inner = `${indent}\t`;
	if (value === null) return 'null';
	if (value === undefined) return 'undefined';
	if (typeof value === 'string') return quote(value);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		return `[\n${value.map((entry) => `${inner}${toSourceLiteral(entry, inner)},`).join('\n')}\n${indent}]`;
	}
	if (typeof value === 'object') {
		// `usableAsTool: undefined` says on purpose that a node has no AI tool variant; n8n lint wants it stated
		const entries = Object.entries(value).filter(
			([key, entry]) => (entry !== undefined || key === 'usableAsTool') && typeof entry !== 'function',
		);
		if (entries.length === 0) return '{}';
		const lines = entries.map(([key, entry]) => {
			const written = (key === 'inputs' || key === 'outputs' ? connections(entry) : undefined) ?? toSourceLiteral(entry, inner);
			return `${inner}${IDENTIFIER.test(key) ? key : quote(key)}: ${written},`;
		});
		return `{\n${lines.join('\n')}\n${indent}}`;
	}
	throw new Error(`cannot write a ${typeof value} as a literal`);
}

/**
 * The class file with the initializer of one class field (`description` of a node, `properties` of a
 * credential) replaced by `value` written out as a literal. The field must start on its own line at
 * class-member depth and end with `};` or `];` at the same depth, as the formatter lays it out.
 */
export function withFieldWrittenOut(source: string, field: string, value: unknown): string {
	const start = new RegExp(`^\\t${field}: [^=\\n]+ = [[{]$`, 'm').exec(source);
	if (!start) throw new Error(`no "${field}" field initialised on its own line`);
	const bodyStart = start.index + start[0].length - 1;
	const end = /^\t[\]}];$/m.exec(source.slice(bodyStart));
	if (!end) throw new Error(`the "${field}" field does not end with "};" or "];" at class-member depth`);
	const bodyEnd = bodyStart + end.index + end[0].length - 1;
	return `${source.slice(0, bodyStart)}${toSourceLiteral(value, '\t')};${source.slice(bodyEnd + 1)}`;
}
