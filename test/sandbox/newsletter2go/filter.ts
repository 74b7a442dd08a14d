/**
 * The FIQL-like `_filter` language of newsletter2go.md §4.2: `==`, `=ne=`, `=gt=`, `=ge=`, `=lt=`,
 * `=le=`, `=like=`/`=nlike=` (`%` and `_` wildcards), `=contains=`/`=ncontains=` (array field holds
 * a value), `=in=`/`=nin=` (value is in an array field), `;` (AND), `,` (OR), parentheses, and
 * `DATE_FORMAT(field, "Y-m-d")` on either side. Values must be double-quoted; an unquoted right side
 * names a field. Operator names are case-insensitive.
 */

export class FilterError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FilterError';
	}
}

type Operand =
	| { kind: 'literal'; value: string }
	| { kind: 'field'; name: string }
	| { kind: 'call'; name: string; args: Operand[] };

type Expression =
	| { kind: 'and' | 'or'; parts: Expression[] }
	| { kind: 'compare'; operator: string; left: Operand; right: Operand };

export interface FilterOptions {
	/** @default false */
	readonly caseSensitive?: boolean;
}

export type FilterRecord = Readonly<Record<string, unknown>>;

/** Parses `text` once; the result tests records. Throws `FilterError` for a malformed filter. */
export function compileFilter(text: string, options: FilterOptions = {}): (record: FilterRecord) => boolean {
	const parser = new Parser(text);
	const expression = parser.parseExpression();
	parser.expectEnd();
	const caseSensitive = options.caseSensitive ?? false;
	return (record) => evaluate(expression, record, caseSensitive);
}

const OPERATORS = new Set(['==', 'ne', 'gt', 'ge', 'lt', 'le', 'like', 'nlike', 'contains', 'ncontains', 'in', 'nin']);

class Parser {
	private position = 0;

	constructor(private readonly text: string) {
		if (text.trim() === '') throw new FilterError('The filter is empty');
	}

	parseExpression(): Expression {
		const parts = [this.parseAnd()];
		while (this.accept(',')) parts.push(this.parseAnd());
		return parts.length === 1 ? parts[0] : { kind: 'or', parts };
	}

	expectEnd(): void {
		this.skipSpace();
		if (this.position < this.text.length) this.fail(`unexpected "${this.text[this.position]}"`);
	}

	private parseAnd(): Expression {
		const parts = [this.parseTerm()];
		while (this.accept(';')) parts.push(this.parseTerm());
		return parts.length === 1 ? parts[0] : { kind: 'and', parts };
	}

	private parseTerm(): Expression {
		if (this.accept('(')) {
			const inner = this.parseExpression();
			if (!this.accept(')')) this.fail('missing ")"');
			return inner;
		}
		const left = this.parseOperand();
		const operator = this.parseOperator();
		const right = this.parseOperand();
		return { kind: 'compare', operator, left, right };
	}

	private parseOperator(): string {
		this.skipSpace();
		if (this.text.startsWith('==', this.position)) {
			this.position += 2;
			return '==';
		}
		const match = /^=([a-zA-Z]+)=/.exec(this.text.slice(this.position));
		if (!match || !OPERATORS.has(match[1].toLowerCase())) this.fail('expected an operator such as == or =like=');
		this.position += match[0].length;
		return match[1].toLowerCase();
	}

	private parseOperand(): Operand {
		this.skipSpace();
		if (this.text[this.position] === '"') return { kind: 'literal', value: this.parseQuoted() };
		const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(this.text.slice(this.position));
		if (!match) this.fail('expected a field name or a quoted value');
		this.position += match[0].length;
		if (!this.accept('(')) return { kind: 'field', name: match[0] };
		const args: Operand[] = [];
		if (!this.accept(')')) {
			do args.push(this.parseOperand());
			while (this.accept(','));
			if (!this.accept(')')) this.fail('missing ")" after function arguments');
		}
		return { kind: 'call', name: match[0].toUpperCase(), args };
	}

	private parseQuoted(): string {
		let value = '';
		for (this.position++; this.position < this.text.length; this.position++) {
			const char = this.text[this.position];
			if (char === '\\' && this.position + 1 < this.text.length) {
				value += this.text[++this.position];
			} else if (char === '"') {
				this.position++;
				return value;
			} else {
				value += char;
			}
		}
		return this.fail('unterminated quoted value');
	}

	private accept(char: string): boolean {
		this.skipSpace();
		if (this.text[this.position] !== char) return false;
		this.position++;
		return true;
	}

	private skipSpace(): void {
		while (this.position < this.text.length && /\s/.test(this.text[this.position])) this.position++;
	}

	private fail(problem: string): never {
		throw new FilterError(`Invalid filter at position ${this.position}: ${problem}`);
	}
}

function evaluate(expression: Expression, record: FilterRecord, caseSensitive: boolean): boolean {
	if (expression.kind !== 'compare') {
		const test = (part: Expression) => evaluate(part, record, caseSensitive);
		return expression.kind === 'and' ? expression.parts.every(test) : expression.parts.some(test);
	}
	const left = resolve(expression.left, record);
	const right = resolve(expression.right, record);
	const fold = (value: string): string => (caseSensitive ? value : value.toLowerCase());
	switch (expression.operator) {
		case '==':
			return isEqual(left, right, fold);
		case 'ne':
			return !isEqual(left, right, fold);
		case 'gt':
			return compare(left, right, fold) > 0;
		case 'ge':
			return compare(left, right, fold) >= 0;
		case 'lt':
			return compare(left, right, fold) < 0;
		case 'le':
			return compare(left, right, fold) <= 0;
		case 'like':
			return isLike(left, right, caseSensitive);
		case 'nlike':
			return !isLike(left, right, caseSensitive);
		case 'contains':
			return holds(left, right, fold);
		case 'ncontains':
			return !holds(left, right, fold);
		case 'in':
			return holds(right, left, fold);
		default:
			return !holds(right, left, fold);
	}
}

function resolve(operand: Operand, record: FilterRecord): unknown {
	if (operand.kind === 'literal') return operand.value;
	if (operand.kind === 'field') return Object.hasOwn(record, operand.name) ? record[operand.name] : null;
	if (operand.name === 'DATE_FORMAT' && operand.args.length === 2) {
		return formatDate(resolve(operand.args[0], record), String(resolve(operand.args[1], record)));
	}
	throw new FilterError(`Unsupported function ${operand.name}`);
}

/** Booleans compare with "1"/"0"/"true"/"false" (§15 #16); null with the empty string. */
function toText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'boolean') return value ? '1' : '0';
	return String(value);
}

function isEqual(left: unknown, right: unknown, fold: (value: string) => string): boolean {
	if (typeof left === 'boolean' || typeof right === 'boolean') {
		return toBoolean(left) === toBoolean(right);
	}
	if (Array.isArray(left) || Array.isArray(right)) return false;
	return fold(toText(left)) === fold(toText(right));
}

function toBoolean(value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	return ['1', 'true'].includes(toText(value).toLowerCase());
}

function compare(left: unknown, right: unknown, fold: (value: string) => string): number {
	const a = toText(left);
	const b = toText(right);
	if (a !== '' && b !== '' && !Number.isNaN(Number(a)) && !Number.isNaN(Number(b))) return Number(a) - Number(b);
	const x = fold(a);
	const y = fold(b);
	return x < y ? -1 : x > y ? 1 : 0;
}

function isLike(value: unknown, pattern: unknown, caseSensitive: boolean): boolean {
	const source = toText(pattern)
		.split('')
		.map((char) => (char === '%' ? '.*' : char === '_' ? '.' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
		.join('');
	return new RegExp(`^${source}$`, caseSensitive ? 's' : 'is').test(toText(value));
}

function holds(container: unknown, value: unknown, fold: (value: string) => string): boolean {
	if (!Array.isArray(container)) return false;
	const wanted = fold(toText(value));
	return container.some((entry) => fold(toText(entry)) === wanted);
}

/** PHP `date()` letters used in the reference's example (`Y-m-d`), plus time of day. */
function formatDate(value: unknown, format: string): string {
	const text = toText(value);
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2}))?/.exec(text);
	if (!match) return '';
	const parts: Record<string, string> = {
		Y: match[1],
		m: match[2],
		d: match[3],
		H: match[4] ?? '00',
		i: match[5] ?? '00',
		s: match[6] ?? '00',
	};
	return format.replace(/[YmdHis]/g, (letter) => parts[letter]);
}
