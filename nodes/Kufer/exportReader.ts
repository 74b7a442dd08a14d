import { mergeConsent, type ConsentInput, type ConsentPolicy } from '../shared/consent';
import { normaliseEmailKey } from '../shared/contact';
import { contactToItem, type ContactItem } from '../shared/contactItem';
import { iterateRecordBatches, type RecordSource, type XmlRoot } from '../shared/xml/records';
import { describeStatus, type InvalidRecord, type MappedRecord, type RecordMapper } from './mapping';

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
	/**
	 * Record whose status decided when it is not one of `records`: an invalid record or one naming
	 * the address among several.
	 */
	statusRecord?: number;
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
	/** Decides between the records of one address (the core's consent rule). */
	readonly policy?: ConsentPolicy;
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
 * The addresses of one run, keyed by normalised e-mail, with the invalid and duplicate records that
 * did not become an address of their own. Insertion order is the order of first appearance. The
 * status of every record counts for every address it names (the core's `mergeConsent`), also when
 * the record is invalid or the address is one of several: such a status waits in `pending` until
 * an address is read, or merges into it at once.
 */
export class ExportSelection {
	private addresses = new Map<string, ExportEntry>();
	private readonly pending = new Map<string, { consent: ConsentInput; record: number }>();
	readonly invalid: InvalidExportRecord[] = [];
	readonly duplicates: DuplicateExportRecord[] = [];
	readonly files: ExportFileInfo[] = [];

	constructor(private readonly policy: ConsentPolicy = {}) {}

	/**
	 * Adds an address or merges it into an earlier one by the consent rule. The entry keeps the data
	 * of the record whose status decided; the later record is counted as a duplicate. Records and
	 * inputs grow in place, so many records of one placeholder address merge in linear time.
	 */
	add(incoming: ExportEntry): void {
		const key = incoming.key;
		const waiting = this.pending.get(key);
		if (waiting !== undefined) {
			this.pending.delete(key);
			this.mergeStatus(incoming, waiting.consent, waiting.record);
		}
		const existing = this.addresses.get(key);
		if (existing === undefined) {
			this.addresses.set(key, incoming);
			return;
		}
		const consent = mergeConsent(existing.consent, incoming.consent, this.policy);
		const winner = consent === incoming.consent ? incoming : existing;
		const duplicate = incoming.records?.[0] ?? incoming.record;
		const records = existing.records ?? [existing.record];
		for (const record of incoming.records ?? [incoming.record]) records.push(record);
		const inputs = existing.inputs ?? [existing.input];
		for (const input of incoming.inputs ?? [incoming.input]) {
			if (!inputs.includes(input)) inputs.push(input);
		}
		const previousStatus = existing.status;
		winner.records = records;
		if (inputs.length > 1) winner.inputs = inputs;
		if (winner !== existing) this.addresses.set(key, winner);
		this.duplicates.push({
			record: duplicate,
			email: incoming.json.email,
			reason: `same email as record ${records[0]}; merged status ${describeStatus(previousStatus)} + ${describeStatus(incoming.status)} → ${describeStatus(winner.status)}`,
		});
	}

	/**
	 * Counts the status of a record that did not become this address's entry: an invalid record, or
	 * a further address of a record.
	 */
	addStatus(key: string, consent: ConsentInput, record: number): void {
		const existing = this.addresses.get(key);
		if (existing !== undefined) {
			this.mergeStatus(existing, consent, record);
			return;
		}
		const waiting = this.pending.get(key);
		if (waiting === undefined) this.pending.set(key, { consent, record });
		else if (mergeConsent(waiting.consent, consent, this.policy) === consent) {
			this.pending.set(key, { consent, record });
		}
	}

	private mergeStatus(entry: ExportEntry, consent: ConsentInput, record: number): void {
		if (mergeConsent(entry.consent, consent, this.policy) !== consent) return;
		entry.consent = consent;
		entry.status = consent.raw ?? '';
		entry.statusRecord = record;
	}

	/** The addresses in the order they first appeared. */
	get entries(): ReadonlyMap<string, ExportEntry> {
		return this.addresses;
	}

	/** Takes over everything another selection read, e.g. the next export file of the run. */
	absorb(other: ExportSelection): void {
		// the first file's addresses are taken as they are: copying 100,000 entries buys nothing
		if (this.addresses.size === 0 && this.pending.size === 0) this.addresses = other.addresses;
		else for (const entry of other.addresses.values()) this.add(entry);
		for (const [key, waiting] of other.pending) this.addStatus(key, waiting.consent, waiting.record);
		// one push per element: a spread of 150,000 arguments overflows the stack
		for (const problem of other.invalid) this.invalid.push(problem);
		for (const duplicate of other.duplicates) this.duplicates.push(duplicate);
		for (const file of other.files) this.files.push(file);
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
	const selection = new ExportSelection(options.policy);
	let root: XmlRoot | undefined;
	let records = 0;
	const batches = iterateRecordBatches(source, {
		recordName: options.recordName,
		maxTotalBytes: options.maxTotalBytes,
		maxRecordBytes: options.maxRecordBytes,
		invalidUtf8: options.invalidUtf8,
		onWarning: options.warn,
		onRoot: (opened) => {
			root = opened;
		},
	});
	for await (const batch of batches) {
		for (const { index, element } of batch) {
			records = index;
			if (options.pause !== undefined && index % PAUSE_EVERY === 0) await options.pause();
			addRecord(selection, options.mapper.map(element, index), index, file.item);
		}
	}
	selection.files.push(describeFile(file, root, records, options.warn));
	return selection;
}

/** One mapped record into the selection: an address of its own, merged, or an invalid record. */
function addRecord(selection: ExportSelection, mapped: MappedRecord | InvalidRecord, index: number, item: number): void {
	if (!mapped.ok) {
		const { reason, email, externalId } = mapped;
		selection.invalid.push({ item, record: index, reason, email, externalId });
		for (const key of mapped.keys) selection.addStatus(key, mapped.consent, index);
		return;
	}
	const entry: ExportEntry = {
		key: mapped.contact.key,
		json: contactToItem(mapped.contact),
		consent: mapped.consent,
		status: mapped.status,
		record: index,
		input: item,
	};
	if (mapped.otherEmails.length > 0) entry.otherEmails = mapped.otherEmails;
	if (mapped.changedAt !== undefined) entry.changedAt = mapped.changedAt;
	selection.add(entry);
	for (const other of mapped.otherEmails) {
		selection.addStatus(normaliseEmailKey(other), mapped.consent, index);
	}
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
