/**
 * Writes KUFER address exports in the project's default shape (kufer.md §2.1) and in the variants
 * the tolerant reader must accept (§3, §6): letter case, aliases, CDATA, empty elements, CRLF,
 * KOMMUNIKATION entries and every encoding of `encoding.ts`.
 */
import { declaredLabel, encodeFixture, type FixtureEncoding } from './encoding';
import { createGenerator, type GenerateOptions, type KuferFixtureRecord } from './records';

export interface ShapeOptions {
	/** @default 'windows-1252' */
	readonly encoding?: FixtureEncoding;
	/** Letter case of element names. @default 'lower' */
	readonly case?: 'lower' | 'upper' | 'mixed';
	/** Use the aliases `nachname` and `e-mail` instead of `name` and `email`. @default false */
	readonly aliases?: boolean;
	/** Wrap names and e-mails in CDATA sections. @default false */
	readonly cdata?: boolean;
	/** Write empty values as `<titel/>` instead of `<titel></titel>`. @default false */
	readonly selfClosingEmpty?: boolean;
	/** @default '\n' */
	readonly lineEnd?: '\n' | '\r\n';
	/** Put the e-mail into `KOMMUNIKATION/KOMMUNIKATIONSEINTRAG` (KOMMART E) instead of `email`. @default false */
	readonly communication?: boolean;
	/** Root attribute `exportdatum`. @default '23.11.2025 12:00' */
	readonly exportDate?: string;
	/** Root attribute `anzahl`; `null` leaves it out. @default the number of records */
	readonly declaredCount?: number | null;
	/** Name of the record element. @default 'adresse' */
	readonly recordName?: string;
}

const FIELD_ORDER = [
	'adrnr',
	'anrede',
	'geschlecht',
	'titel',
	'vorname',
	'name',
	'email',
	'newsletter',
	'newsletterdatum',
	'geaendert',
] as const;

const ALIASES: Readonly<Record<string, string>> = { name: 'nachname', email: 'e-mail' };
const CDATA_FIELDS = new Set(['vorname', 'name', 'email']);

function escapeText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
	return escapeText(text).replace(/"/g, '&quot;');
}

function spell(name: string, shape: ShapeOptions, position: number): string {
	const style = shape.case ?? 'lower';
	if (style === 'upper') return name.toUpperCase();
	if (style === 'mixed')
		return position % 2 === 0 ? name[0].toUpperCase() + name.slice(1) : name.toUpperCase();
	return name;
}

function element(
	name: string,
	value: string,
	shape: ShapeOptions,
	position: number,
	cdata: boolean,
): string {
	const tag = spell(name, shape, position);
	if (value === '') return shape.selfClosingEmpty ? `<${tag}/>` : `<${tag}></${tag}>`;
	const content = cdata ? `<![CDATA[${value}]]>` : escapeText(value);
	return `<${tag}>${content}</${tag}>`;
}

/** One `<adresse>` element with its indentation and line ends. */
export function renderRecord(record: KuferFixtureRecord, shape: ShapeOptions = {}): string {
	const end = shape.lineEnd ?? '\n';
	const lines: string[] = [];
	FIELD_ORDER.forEach((field, position) => {
		const value = record[field];
		if (value === undefined) return;
		if (field === 'email' && shape.communication) {
			const entry = (kind: string, label: string, text: string): string =>
				`<${spell('kommunikationseintrag', shape, 0)}>${element('kommart', kind, shape, 1, false)}${element('kommbez', label, shape, 0, false)}${element('kommwert', text, shape, 1, false)}</${spell('kommunikationseintrag', shape, 0)}>`;
			const tag = spell('kommunikation', shape, position);
			lines.push(
				`<${tag}>${entry('T', 'Telefon', '0123 4567')}${entry('E', 'eMail', value)}</${tag}>`,
			);
			return;
		}
		const name = shape.aliases && ALIASES[field] !== undefined ? ALIASES[field] : field;
		lines.push(
			element(name, value, shape, position, shape.cdata === true && CDATA_FIELDS.has(field)),
		);
	});
	for (const [name, value] of Object.entries(record.extra ?? {}))
		lines.push(element(name, value, shape, 0, false));
	const tag = spell(shape.recordName ?? 'adresse', shape, 0);
	return `  <${tag}>${end}${lines.map((line) => `    ${line}${end}`).join('')}  </${tag}>${end}`;
}

function head(shape: ShapeOptions, count: number | undefined): string {
	const end = shape.lineEnd ?? '\n';
	const label = declaredLabel(shape.encoding ?? 'windows-1252');
	const declaration = label === undefined ? '' : `<?xml version="1.0" encoding="${label}"?>${end}`;
	const declared = shape.declaredCount === undefined ? count : shape.declaredCount;
	const attributes = [`exportdatum="${escapeAttribute(shape.exportDate ?? '23.11.2025 12:00')}"`];
	if (declared !== null && declared !== undefined) attributes.push(`anzahl="${declared}"`);
	return `${declaration}<${spell('adressen', shape, 0)} ${attributes.join(' ')}>${end}`;
}

function tail(shape: ShapeOptions): string {
	return `</${spell('adressen', shape, 0)}>${shape.lineEnd ?? '\n'}`;
}

/** The text of an export (declaration included), before encoding. */
export function renderExportText(
	records: readonly KuferFixtureRecord[],
	shape: ShapeOptions = {},
): string {
	return (
		head(shape, records.length) +
		records.map((record) => renderRecord(record, shape)).join('') +
		tail(shape)
	);
}

/** The bytes of an export in `shape.encoding`. */
export function renderExport(
	records: readonly KuferFixtureRecord[],
	shape: ShapeOptions = {},
): Uint8Array {
	return encodeFixture(renderExportText(records, shape), shape.encoding ?? 'windows-1252');
}

/**
 * A large generated export as a byte stream, `recordsPerChunk` records at a time, so a
 * 100,000-record benchmark input never exists as one buffer in the test process.
 */
export async function* streamExport(
	options: GenerateOptions & { readonly shape?: ShapeOptions; readonly recordsPerChunk?: number },
): AsyncGenerator<Uint8Array, void, undefined> {
	const shape = options.shape ?? {};
	const encoding = shape.encoding ?? 'windows-1252';
	if (encoding === 'utf-8-bom' || encoding === 'utf-16le-bom') {
		throw new Error(`streamExport cannot write ${encoding}; use renderExport.`);
	}
	const generate = createGenerator(options);
	const perChunk = options.recordsPerChunk ?? 200;
	yield encodeFixture(head(shape, options.count), encoding);
	for (let start = 0; start < options.count; start += perChunk) {
		let text = '';
		for (let index = start; index < Math.min(options.count, start + perChunk); index++) {
			text += renderRecord(generate(index), shape);
		}
		yield encodeFixture(text, encoding);
	}
	yield encodeFixture(tail(shape), encoding);
}
