import { mergeConsent, type ConsentInput } from '../shared/consent';
import { contactToItem, type ContactItem } from '../shared/contactItem';
import { iterateRecords, type RecordSource, type XmlRoot } from '../shared/xml/records';
import { describeStatus, type RecordMapper } from './mapping';

/** One address of the export after duplicates were merged (kufer.md §3.3). */
export interface ExportEntry {
	/** The address's match key (trimmed, NFC, lower-cased). */
	key: string;
	/**
	 * The contact as the output item's JSON, built once while reading: a 100,000-record export
	 * then holds one object per address, not a contact and a copy of it.
	 */
	json: ContactItem;
	consent: ConsentInput;
	/** The status as written (upper-cased) by the record whose status decided. */
	status: string;
	/** Record (1-based, within its file) whose data the entry carries. */
	record: number;
	/** Input item of that record. */
	input: number;
	/** Every record merged into this entry, in the order read; only set for duplicates. */
	records?: number[];
	/** Every input item that contributed, when records came from more than one file. */
	inputs?: number[];
	/** Further valid addresses of the record (kufer.md §7 #12). */
	otherEmails?: string[];
	changedAt?: number;
}

export interface InvalidExportRecord {
	readonly item: number;
	readonly record: number;
	readonly reason: string;
	readonly email?: string;
	readonly externalId?: string;
}

export interface DuplicateExportRecord {
	readonly record: number;
	readonly email: string;
	readonly reason: string;
}

/** What is known about one export file once it was read. */
export interface ExportFileInfo {
	item: number;
	fileName?: string;
	records: number;
	/** Encoding the file was read in. */
	encoding?: string;
	/** Root attribute `exportdatum`, as written. */
	exportDate?: string;
	/** Root attribute `anzahl`, when it is a number. */
	declaredCount?: number;
}

export interface ReadExportOptions {
	readonly mapper: RecordMapper;
	/** Record element; `undefined` detects the most frequent child of the root. */
	readonly recordName?: string;
	readonly maxTotalBytes: number;
	readonly maxRecordBytes: number;
	readonly invalidUtf8: 'error' | 'fallback';
	readonly warn: (message: string) => void;
	/**
	 * Awaited every `PAUSE_EVERY` records, e.g. n8n's `sleep(0)`: a long parse runs on microtasks
	 * only, which would hold up the rest of n8n (and V8's idle-time garbage collection) until the end.
	 */
	readonly pause?: () => Promise<void>;
}

const PAUSE_EVERY = 2000;

/**
 * The addresses of one run, keyed by e-mail, with the invalid and duplicate records that did not
 * become an address of their own. Insertion order is the order of first appearance.
 */
export class ExportSelection {
	private addresses = new Map<string, ExportEntry>();
	readonly invalid: InvalidExportRecord[] = [];
	readonly duplicates: DuplicateExportRecord[] = [];
	readonly files: ExportFileInfo[] = [];

	/**
	 * Adds an address or merges it into an earlier one: any `N` wins, then `J` over `K`, then empty,
	 * then unknown (the core's `mergeConsent`). The entry keeps the data of the record whose status
	 * decided; the later record is counted as a duplicate.
	 */
	add(incoming: ExportEntry): void {
		const key = incoming.key;
		const existing = this.addresses.get(key);
		if (existing === undefined) {
			this.addresses.set(key, incoming);
			return;
		}
		const consent = mergeConsent(existing.consent, incoming.consent);
		const winner = consent === incoming.consent ? incoming : existing;
		const merged: ExportEntry = {
			...winner,
			records: [
				...(existing.records ?? [existing.record]),
				...(incoming.records ?? [incoming.record]),
			],
		};
		const inputs = new Set([
			...(existing.inputs ?? [existing.input]),
			...(incoming.inputs ?? [incoming.input]),
		]);
		if (inputs.size > 1) merged.inputs = [...inputs];
		this.addresses.set(key, merged);
		const first = existing.records?.[0] ?? existing.record;
		this.duplicates.push({
			record: incoming.records?.[0] ?? incoming.record,
			email: incoming.json.email,
			reason: `same email as record ${first}; merged status ${describeStatus(existing.status)} + ${describeStatus(incoming.status)} → ${describeStatus(merged.status)}`,
		});
	}

	/** The addresses in the order they first appeared. */
	get entries(): ReadonlyMap<string, ExportEntry> {
		return this.addresses;
	}

	/** Takes over everything another selection read, e.g. the next export file of the run. */
	absorb(other: ExportSelection): void {
		// the first file's addresses are taken as they are: copying 100,000 entries buys nothing
		if (this.addresses.size === 0) this.addresses = other.addresses;
		else for (const entry of other.addresses.values()) this.add(entry);
		this.invalid.push(...other.invalid);
		this.duplicates.push(...other.duplicates);
		this.files.push(...other.files);
	}
}

/**
 * Streams one export through the shared record iterator and maps record by record, so memory holds
 * one record of the file plus the addresses read so far.
 * @throws XmlError for a hostile, oversized, broken or truncated file
 */
export async function readExport(
	source: RecordSource,
	file: { readonly item: number; readonly fileName?: string },
	options: ReadExportOptions,
): Promise<ExportSelection> {
	const selection = new ExportSelection();
	let root: XmlRoot | undefined;
	let records = 0;
	const iterator = iterateRecords(source, {
		recordName: options.recordName,
		maxTotalBytes: options.maxTotalBytes,
		maxRecordBytes: options.maxRecordBytes,
		invalidUtf8: options.invalidUtf8,
		onWarning: options.warn,
		onRoot: (opened) => {
			root = opened;
		},
	});
	for await (const { index, element } of iterator) {
		records = index;
		if (options.pause !== undefined && index % PAUSE_EVERY === 0) await options.pause();
		const mapped = options.mapper.map(element, index);
		if (!mapped.ok) {
			const { reason, email, externalId } = mapped;
			selection.invalid.push({ item: file.item, record: index, reason, email, externalId });
			continue;
		}
		const entry: ExportEntry = {
			key: mapped.contact.key,
			json: contactToItem(mapped.contact),
			consent: mapped.consent,
			status: mapped.status,
			record: index,
			input: file.item,
		};
		if (mapped.otherEmails.length > 0) entry.otherEmails = mapped.otherEmails;
		if (mapped.changedAt !== undefined) entry.changedAt = mapped.changedAt;
		selection.add(entry);
	}
	selection.files.push(describeFile(file, root, records, options.warn));
	return selection;
}

function describeFile(
	file: { readonly item: number; readonly fileName?: string },
	root: XmlRoot | undefined,
	records: number,
	warn: (message: string) => void,
): ExportFileInfo {
	const attribute = (name: string): string | undefined => {
		const attributes = root?.attributes ?? {};
		const key = Object.keys(attributes).find((candidate) => candidate.toLowerCase() === name);
		return key === undefined ? undefined : attributes[key].trim();
	};
	const count = attribute('anzahl');
	const declaredCount = count !== undefined && /^\d+$/.test(count) ? Number(count) : undefined;
	// a mismatch hints at a truncated copy or the wrong record element (kufer.md §2.1)
	if (declaredCount !== undefined && declaredCount !== records) {
		const name = file.fileName === undefined ? 'The export' : `The export "${file.fileName}"`;
		warn(`${name} says it holds ${declaredCount} records (anzahl) but ${records} were read.`);
	}
	const info: ExportFileInfo = { item: file.item, records };
	if (file.fileName !== undefined) info.fileName = file.fileName;
	if (root?.encoding !== undefined) info.encoding = root.encoding;
	const exportDate = attribute('exportdatum');
	if (exportDate) info.exportDate = exportDate;
	if (declaredCount !== undefined) info.declaredCount = declaredCount;
	return info;
}
