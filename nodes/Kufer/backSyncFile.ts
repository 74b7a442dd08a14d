import { xmlDocument, xmlElement } from '../shared/xml/build';
import { encodeText, isEncodable, type TargetEncoding } from '../shared/xml/encoding';

/**
 * The file KUFER is to import to set status `N` (kufer.md §2.2): the vocabulary of the export, one
 * `adresse` per address. No KUFER import for statuses is public, so the shape is the project's
 * assumption (kufer.md §7 #10, #11).
 */
export type BackSyncFormat = 'xml' | 'csv';

/** Values of `grund` (kufer.md §2.2). */
export type BackSyncReason = 'abmeldung' | 'sperrliste' | 'loeschung';

export interface BackSyncEntry {
	/** KUFER address id, when the address is known from an export. */
	readonly adrnr?: string;
	/** Trimmed and lower-cased. */
	readonly email: string;
	/** Date of the unsubscribe, `dd.mm.yyyy`. */
	readonly date: string;
	readonly reason?: BackSyncReason;
}

export interface BackSyncFileOptions {
	readonly format: BackSyncFormat;
	readonly encoding: TargetEncoding;
	/** Root attribute `exportdatum`, `dd.mm.yyyy HH:MM`. */
	readonly exportedAt: string;
	/** Root attribute `quelle`: the platform the unsubscribes come from; left out when empty. */
	readonly source?: string;
}

const STATUS_UNSUBSCRIBED = 'N';
const CSV_COLUMNS = ['adrnr', 'email', 'newsletter', 'newsletterdatum', 'grund'] as const;
const CSV_SEPARATOR = ';';
const CSV_LINE_END = '\r\n';
// a spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV Injection")
const FORMULA_START = /^[=+\-@\t\r]/;
// never the start of an address (findEmailProblem refuses them) or of a date: safe to defuse with a
// leading apostrophe; `+` and `-` start real addresses and only get quotes, so no data changes
const APOSTROPHE_START = /^[=@\t\r]/;
const NEEDS_QUOTES = /[;"\r\n]/;

export const MIME_TYPES: Readonly<Record<BackSyncFormat, string>> = {
	xml: 'application/xml',
	csv: 'text/csv',
};

/**
 * Why an address cannot go into the file, or `undefined`. XML writes any character as a numeric
 * reference; CSV has no such escape, and a `?` in place of a letter would name another address.
 */
export function findUnwritable(
	email: string,
	options: Pick<BackSyncFileOptions, 'format' | 'encoding'>,
): string | undefined {
	if (options.format === 'xml' || isEncodable(email, options.encoding)) return undefined;
	return `The email address "${email}" has characters that ${options.encoding} cannot hold; write the CSV file as UTF-8 or use XML`;
}

/** The file as bytes in the chosen encoding; no byte order mark. */
export function buildBackSyncFile(
	entries: readonly BackSyncEntry[],
	options: BackSyncFileOptions,
): Uint8Array {
	if (options.format === 'csv') {
		return encodeText(buildCsv(entries), options.encoding, { unencodable: 'replace' });
	}
	const records = entries.map((entry) =>
		xmlElement('adresse', [
			xmlElement('adrnr', entry.adrnr ?? ''),
			xmlElement('email', entry.email),
			xmlElement('newsletter', STATUS_UNSUBSCRIBED),
			xmlElement('newsletterdatum', entry.date),
			entry.reason !== undefined && xmlElement('grund', entry.reason),
		]),
	);
	const root = xmlElement(
		'adressen',
		records,
		{
			exportdatum: options.exportedAt,
			anzahl: entries.length,
			quelle: options.source || undefined,
		},
		{ lineBreak: '\n', indent: '  ' },
	);
	const document = `${xmlDocument(root, { encoding: options.encoding })}\n`;
	// characters outside a single-byte target survive as &#x...; (kufer.md §2.2)
	return encodeText(document, options.encoding, { unencodable: 'charRef' });
}

function buildCsv(entries: readonly BackSyncEntry[]): string {
	let text = CSV_COLUMNS.join(CSV_SEPARATOR) + CSV_LINE_END;
	for (const entry of entries) {
		const values = [
			entry.adrnr ?? '',
			entry.email,
			STATUS_UNSUBSCRIBED,
			entry.date,
			entry.reason ?? '',
		];
		text += values.map(csvField).join(CSV_SEPARATOR) + CSV_LINE_END;
	}
	return text;
}

/**
 * Quotes a value when needed and defuses one a spreadsheet would run as a formula: quoted always,
 * behind an apostrophe only when it starts with `=`, `@`, a tab or a carriage return.
 */
export function csvField(value: string): string {
	const defused = APOSTROPHE_START.test(value) ? `'${value}` : value;
	return FORMULA_START.test(value) || NEEDS_QUOTES.test(defused)
		? `"${defused.replace(/"/g, '""')}"`
		: defused;
}
