/**
 * KUFER's side of the round trip (kufer.md §6): a fixture store that plays the KUFER address table
 * and a drop folder that receives back-sync files (§2.2), reads them tolerantly and sets status N in
 * the store, so the next generated export shows the unsubscribe.
 */
import { isUtf8 } from 'node:buffer';
import { mkdtemp, readdir, readFile, rename, rm, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { parseXml, type XmlElement } from '../maileon/xml';
import { decodeFixture } from './encoding';
import { kuferDate, type KuferFixtureRecord } from './records';
import { renderExport, type ShapeOptions } from './render';

/** One address of a back-sync file, names as in kufer.md §2.2. */
export interface BackSyncRow {
	adrnr: string;
	email: string;
	newsletter: string;
	newsletterdatum: string;
	grund: string;
}

export interface BackSyncDocument {
	format: 'xml' | 'csv';
	/** Encoding the file was read in. */
	encoding: 'utf-8' | 'windows-1252' | 'iso-8859-1';
	/** Root attributes of an XML file (`exportdatum`, `anzahl`, `quelle`); empty for CSV. */
	attributes: Record<string, string>;
	rows: BackSyncRow[];
}

const COLUMNS: ReadonlyArray<keyof BackSyncRow> = [
	'adrnr',
	'email',
	'newsletter',
	'newsletterdatum',
	'grund',
];

function detectXmlEncoding(bytes: Uint8Array): BackSyncDocument['encoding'] {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
	const head = String.fromCharCode(...bytes.subarray(0, 200));
	const label = /encoding=["']([^"']+)["']/i.exec(head)?.[1].toLowerCase();
	if (label === 'iso-8859-1' || label === 'latin1') return 'iso-8859-1';
	if (label === 'windows-1252' || label === 'cp1252') return 'windows-1252';
	return 'utf-8';
}

function text(element: XmlElement, name: string): string {
	return element.children.find((child) => child.name.toLowerCase() === name)?.text.trim() ?? '';
}

/** Reads a CSV line with `;` separators and `"` quoting (RFC 4180 style). */
function splitCsvLine(line: string): string[] {
	const values: string[] = [];
	let value = '';
	let quoted = false;
	for (let index = 0; index < line.length; index++) {
		const char = line[index];
		if (quoted) {
			if (char === '"' && line[index + 1] === '"') {
				value += '"';
				index++;
			} else if (char === '"') {
				quoted = false;
			} else {
				value += char;
			}
		} else if (char === '"') {
			quoted = true;
		} else if (char === ';') {
			values.push(value);
			value = '';
		} else {
			value += char;
		}
	}
	values.push(value);
	return values;
}

/**
 * Reads a back-sync file the way a tolerant KUFER-side import would: XML by its BOM or declaration,
 * CSV as UTF-8 when its bytes are valid UTF-8, else Windows-1252; names and columns in any case.
 */
export function readBackSyncFile(bytes: Uint8Array): BackSyncDocument {
	const start = String.fromCharCode(...bytes.subarray(0, 8)).replace(
		/^\uFEFF|^\u00EF\u00BB\u00BF/,
		'',
	);
	if (start.trimStart().startsWith('<')) {
		const encoding = detectXmlEncoding(bytes);
		const root = parseXml(decodeFixture(bytes, encoding));
		const rows = root.children
			.filter((child) => child.name.toLowerCase() === 'adresse')
			.map((record) => {
				const row = {} as BackSyncRow;
				for (const column of COLUMNS) row[column] = text(record, column);
				return row;
			});
		return { format: 'xml', encoding, attributes: { ...root.attributes }, rows };
	}
	const encoding = isUtf8(bytes) ? 'utf-8' : 'windows-1252';
	const lines = decodeFixture(bytes, encoding)
		.split(/\r\n|\n/)
		.filter((line) => line !== '');
	const header = splitCsvLine(lines[0] ?? '').map((name) => name.trim().toLowerCase());
	const rows = lines.slice(1).map((line) => {
		const values = splitCsvLine(line);
		const row = {} as BackSyncRow;
		for (const column of COLUMNS) {
			const at = header.indexOf(column);
			row[column] = at === -1 ? '' : (values[at] ?? '');
		}
		return row;
	});
	return { format: 'csv', encoding, attributes: {}, rows };
}

/** The KUFER address table of a test: records that exports are rendered from and N is applied to. */
export class KuferFixtureStore {
	readonly records: KuferFixtureRecord[];

	constructor(records: readonly KuferFixtureRecord[]) {
		this.records = records.map((record) => ({ ...record, extra: { ...record.extra } }));
	}

	/** Records with this address (case-insensitive); families may share one (kufer.md §5 #6). */
	find(email: string): KuferFixtureRecord[] {
		const key = email.trim().toLowerCase();
		return this.records.filter((record) => record.email?.trim().toLowerCase() === key);
	}

	/**
	 * Sets status N on every record with the row's address (KUFER matches by e-mail when adrnr is
	 * empty); returns how many records changed.
	 */
	applyUnsubscribe(row: BackSyncRow): number {
		const matches =
			row.adrnr !== '' ? this.records.filter((record) => record.adrnr === row.adrnr) : [];
		const targets = new Set([...matches, ...this.find(row.email)]);
		for (const record of targets) {
			record.newsletter = 'N';
			record.newsletterdatum = row.newsletterdatum || kuferDate(2025, 1, 1);
		}
		return targets.size;
	}

	/** The next export, rendered from the current state. */
	export(shape: ShapeOptions = {}): Uint8Array {
		return renderExport(this.records, shape);
	}
}

export interface AppliedFile {
	fileName: string;
	document: BackSyncDocument;
	/** Records that got status N. */
	changed: number;
}

/** A folder on disk that receives back-sync files; `apply` imports the new ones into a store. */
export class KuferDropFolder {
	private constructor(readonly path: string) {}

	/** A new folder under the system's temp folder; `close` removes it. */
	static async create(): Promise<KuferDropFolder> {
		return await KuferDropFolder.open(await mkdtemp(path.join(os.tmpdir(), 'kufer-drop-')));
	}

	/** A drop folder at a path of its own (created when missing), e.g. for the demo. */
	static async open(folder: string): Promise<KuferDropFolder> {
		await mkdir(path.join(folder, 'processed'), { recursive: true });
		return new KuferDropFolder(folder);
	}

	async receive(fileName: string, bytes: Uint8Array): Promise<string> {
		if (fileName.includes('/') || fileName.includes('\\') || fileName.startsWith('.')) {
			throw new Error(`The drop folder refuses the file name "${fileName}".`);
		}
		const target = path.join(this.path, fileName);
		await writeFile(target, bytes);
		return target;
	}

	/** Imports every new file in name order and moves it to `processed/`, as a KUFER import job would. */
	async apply(store: KuferFixtureStore): Promise<AppliedFile[]> {
		const names = (await readdir(this.path, { withFileTypes: true }))
			.filter((entry) => entry.isFile())
			.map((entry) => entry.name)
			.sort();
		const applied: AppliedFile[] = [];
		for (const fileName of names) {
			const document = readBackSyncFile(
				new Uint8Array(await readFile(path.join(this.path, fileName))),
			);
			let changed = 0;
			for (const row of document.rows) {
				if (row.newsletter.toUpperCase() === 'N') changed += store.applyUnsubscribe(row);
			}
			await rename(path.join(this.path, fileName), path.join(this.path, 'processed', fileName));
			applied.push({ fileName, document, changed });
		}
		return applied;
	}

	async close(): Promise<void> {
		await rm(this.path, { recursive: true, force: true });
	}
}

/**
 * Addresses a platform holds although KUFER gives them no permission (kufer.md §6: empty, N and
 * unknown statuses must never reach a platform). `allowRelationship` mirrors the node's "Send K".
 */
export function findUnconsentedAtPlatform(
	statuses: ReadonlyMap<string, string>,
	platformEmails: Iterable<string>,
	options: { readonly allowRelationship?: boolean } = {},
): string[] {
	const allowed = new Set(options.allowRelationship === false ? ['J'] : ['J', 'K']);
	const violations: string[] = [];
	for (const email of platformEmails) {
		const status = statuses.get(email.trim().toLowerCase());
		if (status !== undefined && !allowed.has(status)) violations.push(email);
	}
	return violations;
}
