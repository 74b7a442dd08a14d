import {
	NodeOperationError,
	sleep,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type IPairedItemData,
} from 'n8n-workflow';

import {
	decideConsent,
	type ConsentDecision,
	type ConsentInput,
	type ConsentPolicy,
} from '../../../shared/consent';
import type { ItemConsent } from '../../../shared/selection';
import { handleItemError } from '../../../shared/n8n/itemError';
import { openLedger } from '../../../shared/n8n/ledger';
import { optionsProperty, type OperationOption } from '../../../shared/n8n/properties';
import { pairedWithAll } from '../../../shared/n8n/reportOutput';
import { RunReport } from '../../../shared/report';
import type { SuppressionLedger } from '../../../shared/suppression';
import { XmlError } from '../../../shared/xml/error';
import type { RecordSource } from '../../../shared/xml/records';
import { KuferDateReader } from '../../dates';
import { ExportSelection, readExport, type ExportEntry } from '../../exportReader';
import {
	DEFAULT_ELEMENT_NAMES,
	DEFAULT_RECORD_NAME,
	describeStatus,
	readNameList,
	RecordMapper,
	type ElementNames,
	type KuferField,
} from '../../mapping';
import { readTimeZone, timeZoneOption } from '../descriptions';
import { parameterReader } from '../../../shared/n8n/parameters';

const MIB = 1024 * 1024;
/** Warnings shown as execution hints; further ones are only counted. */
const MAX_WARNINGS = 20;

const FIELD_LABELS: ReadonlyArray<[KuferField, string]> = [
	['id', 'Address ID'],
	['changed', 'Changed Date'],
	['email', 'Email'],
	['firstName', 'First Name'],
	['gender', 'Gender'],
	['lastName', 'Last Name'],
	['status', 'Newsletter Status'],
	['salutation', 'Salutation'],
	['statusDate', 'Status Date'],
	['title', 'Title'],
];

const properties: INodeProperties[] = [
	{
		displayName:
			'Reads a KUFER address export (XML) from a binary field, e.g. from "Read/Write Files from Disk" or an FTP node. Each address becomes one contact item with its consent decision; invalid records go to the second output.',
		name: 'parseNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the binary field that holds the export file',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'All Contacts With Their Decision',
				value: 'all',
				description:
					'Every address, with consent "send", "skip" or "unsubscribe"; targets such as Maileon Synchronize Many send, skip and unsubscribe by it',
			},
			{
				name: 'Only Contacts to Send',
				value: 'send',
				description:
					'Only addresses that may be mailed; the others are counted in the run report. Unsubscribes (status N) then do not reach the target.',
			},
		],
		default: 'all',
	},
	{
		displayName: 'Send K (Customer Relationship)',
		name: 'allowRelationship',
		type: 'boolean',
		default: true,
		description:
			'Whether addresses with status K (permission through course bookings) may be mailed, as in the KUFER → Maileon module. Turn off to mail only J (explicit sign-up).',
	},
	{
		displayName: 'Send Empty Status',
		name: 'allowNone',
		type: 'boolean',
		default: false,
		description:
			'Whether addresses without a newsletter status may be mailed. KUFER defines empty as "nothing defined", which is no permission: leave off unless you hold consent elsewhere.',
	},
	{
		displayName: 'Element Names',
		name: 'elementNames',
		type: 'collection',
		placeholder: 'Change element name',
		default: {},
		description:
			'The names of the elements in your KUFER export. KUFER does not publish its export format; the defaults are assumptions. Several names are separated by commas, the first one found wins; letter case is ignored.',
		// sorted by display name, as n8n lists collection options
		options: ([
			{
				displayName: 'Record',
				name: 'record',
				type: 'string',
				default: DEFAULT_RECORD_NAME,
				description:
					'The element of one address. Leave empty to use the most frequent element below the root.',
			},
			...FIELD_LABELS.map(
				([field, label]): INodeProperties => ({
					displayName: label,
					name: field,
					type: 'string',
					default: DEFAULT_ELEMENT_NAMES[field].join(', '),
					// shown once the field is cleared, which would otherwise fail the run
					placeholder: DEFAULT_ELEMENT_NAMES[field].join(', '),
					description:
						field === 'email'
							? 'Element(s) holding the e-mail address; KOMMUNIKATION entries with KOMMART "E" are read too'
							: undefined,
				}),
			),
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	optionsProperty([
		{
			displayName: 'Append Run Report',
			name: 'appendReport',
			type: 'boolean',
			default: false,
			description:
				"Whether to add one run report item (invalid and merged records, files read, warnings) at the end of the Invalid output, for the Newsletter Sync Report node to combine with the target's report into a KUFER-style summary",
		},
		{
			displayName: 'Convert Dates and Decimals',
			name: 'convertValues',
			type: 'boolean',
			default: true,
			description:
				'Whether custom field values written as dd.mm.yyyy become ISO dates (2024-02-01) and decimal commas become dots (35,00 → 35.00)',
		},
		{
			displayName: 'Invalid UTF-8',
			name: 'invalidUtf8',
			type: 'options',
			options: [
				{ name: 'Stop With an Error', value: 'error' },
				{ name: 'Read as Windows-1252', value: 'fallback' },
			],
			default: 'error',
			description:
				'What to do when a file declared as UTF-8 holds bytes that are not UTF-8 (a wrongly declared Windows export)',
		},
		{
			displayName: 'Max File Size (MB)',
			name: 'maxFileMb',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 512,
			description: 'Larger files are refused before they can exhaust memory',
		},
		{
			displayName: 'Max Record Size (KB)',
			name: 'maxRecordKb',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1024,
			description: 'Larger records are refused; a real address takes about 1 KB',
		},
		{
			displayName: 'Reject Unusable Gender',
			name: 'rejectInvalidGender',
			type: 'boolean',
			default: true,
			description:
				'Whether a record whose gender element holds something other than M, W, F (company) or D goes to the Invalid output. When off, the gender is left out and the contact kept.',
		},
		timeZoneOption,
	]),
];

const displayOptions = { show: { resource: ['export'], operation: ['parse'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface ParseParams {
	binaryPropertyName: string;
	output: 'all' | 'send';
	policy: ConsentPolicy;
	recordName?: string;
	names: ElementNames;
	appendReport: boolean;
	convertValues: boolean;
	invalidUtf8: 'error' | 'fallback';
	maxTotalBytes: number;
	maxRecordBytes: number;
	rejectInvalidGender: boolean;
	timeZone: string;
}

function readSize(
	this: IExecuteFunctions,
	value: unknown,
	fallback: number,
	label: string,
): number {
	const size = value === undefined ? fallback : Number(value);
	if (!Number.isInteger(size) || size < 1) {
		throw new NodeOperationError(this.getNode(), `${label} must be a whole number of at least 1`, {
			description: `Got ${String(value)}.`,
		});
	}
	return size;
}

function readParseParams(this: IExecuteFunctions): ParseParams {
	const parameter = parameterReader(this);
	const options = parameter.collection('options');
	const elementNames = parameter.collection('elementNames');
	const names = { ...DEFAULT_ELEMENT_NAMES } as Record<KuferField, readonly string[]>;
	for (const [field, label] of FIELD_LABELS) {
		const value = elementNames[field];
		if (value === undefined) continue;
		const list = readNameList(String(value));
		if (list.length === 0) {
			throw new NodeOperationError(this.getNode(), `The element name for "${label}" is empty`, {
				description: 'Enter at least one element name, or remove the entry to use the default.',
			});
		}
		names[field] = list;
	}
	const record = String(elementNames.record ?? DEFAULT_RECORD_NAME).trim();
	return {
		binaryPropertyName: String(this.getNodeParameter('binaryPropertyName', 0, 'data')).trim(),
		output: this.getNodeParameter('output', 0, 'all') === 'send' ? 'send' : 'all',
		policy: {
			allowRelationship: this.getNodeParameter('allowRelationship', 0, true) !== false,
			allowNone: this.getNodeParameter('allowNone', 0, false) === true,
		},
		recordName: record === '' ? undefined : record,
		names,
		appendReport: options.appendReport === true,
		convertValues: options.convertValues !== false,
		invalidUtf8: options.invalidUtf8 === 'fallback' ? 'fallback' : 'error',
		maxTotalBytes: readSize.call(this, options.maxFileMb, 512, 'Max File Size (MB)') * MIB,
		maxRecordBytes: readSize.call(this, options.maxRecordKb, 1024, 'Max Record Size (KB)') * 1024,
		rejectInvalidGender: options.rejectInvalidGender !== false,
		timeZone: readTimeZone.call(this, options.timeZone),
	};
}

/** Collects warnings of a run; the first ones become execution hints and log lines. */
class WarningList {
	readonly messages: string[] = [];
	private dropped = 0;

	add = (message: string): void => {
		if (this.messages.length < MAX_WARNINGS) this.messages.push(message);
		else this.dropped++;
	};

	publish(context: IExecuteFunctions): void {
		if (this.messages.length === 0) return;
		const all = [...this.messages];
		if (this.dropped > 0) all.push(`… and ${this.dropped} more warnings.`);
		for (const message of all) context.logger.warn(message);
		context.addExecutionHints(...all.map((message) => ({ message, type: 'warning' as const })));
	}

	toJSON(): string[] {
		return this.dropped > 0
			? [...this.messages, `… and ${this.dropped} more warnings.`]
			: this.messages;
	}
}

/**
 * The export as the record iterator reads it: a stream when n8n keeps the file outside memory
 * (filesystem or S3 mode, `id` set), so a large export is never held whole; else the buffer.
 */
export async function openExport(
	this: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
): Promise<{ source: RecordSource; fileName?: string }> {
	const binary = this.helpers.assertBinaryData(itemIndex, binaryPropertyName);
	const source = binary.id
		? await this.helpers.getBinaryStream(binary.id)
		: await this.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
	return { source, fileName: binary.fileName };
}

const XML_HELP: Readonly<Record<XmlError['code'], string>> = {
	forbiddenDtd:
		'KUFER exports never contain a DOCTYPE or entities. The file is not a KUFER export or was altered; check where it came from.',
	limit:
		'The file exceeds a safety limit. If it is a genuine export, raise "Max File Size (MB)" or "Max Record Size (KB)" in the options; an address export never nests elements 32 levels deep.',
	malformed:
		'The file is not well-formed XML. Export the addresses from KUFER again; if it keeps happening, check that the file is the XML address export.',
	truncated:
		'The file ends too early, usually after an interrupted copy or download. Transfer or export it again.',
	encoding:
		'KUFER exports are UTF-8, ISO-8859-1 or Windows-1252. For a file declared UTF-8 that comes from Windows, set "Invalid UTF-8" to "Read as Windows-1252" in the options; otherwise save the export in one of these encodings.',
	noRecords: 'Set "Element Names → Record" to the element that holds one address in your export.',
};

function toReadError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	fileName: string | undefined,
): unknown {
	if (!(error instanceof XmlError)) return error;
	const name = fileName === undefined ? 'the KUFER export' : `the KUFER export "${fileName}"`;
	return new NodeOperationError(this.getNode(), `Could not read ${name}: ${error.message}`, {
		itemIndex,
		description: XML_HELP[error.code],
	});
}

/**
 * The decision for one address: the core's consent rules, then the suppression ledger. Reasons are
 * shared between addresses with the same outcome (`reasons`), not built 100,000 times.
 */
function decide(
	entry: ExportEntry,
	policy: ConsentPolicy,
	ledger: SuppressionLedger,
	reasons: Map<string, Map<string, string>>,
): { consent: ItemConsent; suppressed: boolean } {
	const { consent: input } = entry;
	const decision: ConsentDecision = decideConsent(input, policy);
	const reason = explain(decision.reason, entry.status, input, reasons);
	const consent = itemConsent(decision.action, reason, input, decision.at);
	if (decision.action !== 'send') return { consent, suppressed: false };
	// an unsubscribe at the platform outlives a J or K in KUFER (kufer.md §4); a later J is re-consent
	const check = ledger.check(entry.key, input.status === 'optIn' ? input.at : undefined);
	if (!check.suppressed) return { consent, suppressed: false };
	const held = `${check.reason ?? 'unsubscribed earlier'} (suppression ledger)`;
	return { consent: itemConsent('skip', held, input, decision.at), suppressed: true };
}

// Built with one fixed property order: `{ ...decision, status }` gave every object its own hidden
// class in V8 (15,000 maps for 15,000 contacts), a third of the memory of a large export.
function itemConsent(
	action: ItemConsent['action'],
	reason: string,
	input: ConsentInput,
	at: number | undefined,
): ItemConsent {
	const { status, origin } = input;
	// whole literals: a property added later goes to a separate store, 35 bytes more for each item
	// origin: the record whose status won the merge, which may be another than the one whose data the item has
	if (origin === undefined) return at === undefined ? { action, reason, status } : { action, reason, status, at };
	return at === undefined ? { action, reason, status, origin } : { action, reason, status, at, origin };
}

function explain(
	reason: string,
	status: string,
	input: ConsentInput,
	reasons: Map<string, Map<string, string>>,
): string {
	if (input.status === 'unknown') return reason;
	let byStatus = reasons.get(reason);
	if (byStatus === undefined) {
		byStatus = new Map();
		reasons.set(reason, byStatus);
	}
	let text = byStatus.get(status);
	if (text === undefined) {
		text = `${reason} (KUFER status ${describeStatus(status)})`;
		byStatus.set(status, text);
	}
	return text;
}

/** Completes the item built while reading with its decision and where it came from. */
function toContactItem(entry: ExportEntry, consent: ItemConsent, suppressed: boolean): IDataObject {
	const json = entry.json;
	json.consent = consent;
	json.source = sourceOf(entry, suppressed);
	return json as IDataObject;
}

/** Where the item came from; the common case, one record with a change date, as one literal. */
function sourceOf(entry: ExportEntry, suppressed: boolean): IDataObject {
	const { record, status, records, statusRecord, otherEmails } = entry;
	const changedAt = entry.changedAt === undefined ? undefined : new Date(entry.changedAt).toISOString();
	if (records === undefined && statusRecord === undefined && otherEmails === undefined && !suppressed) {
		return changedAt === undefined ? { system: 'KUFER', record, status } : { system: 'KUFER', record, status, changedAt };
	}
	const source: IDataObject = { system: 'KUFER', record, status };
	if (records !== undefined) source.records = records;
	if (statusRecord !== undefined) source.statusRecord = statusRecord;
	if (otherEmails !== undefined) source.otherEmails = otherEmails;
	if (changedAt !== undefined) source.changedAt = changedAt;
	if (suppressed) source.suppressed = true;
	return source;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const params = readParseParams.call(this);
	const report = new RunReport({ source: 'KUFER', label: 'KUFER' });
	const warnings = new WarningList();
	const mapper = new RecordMapper({
		names: params.names,
		dates: new KuferDateReader(params.timeZone),
		convertValues: params.convertValues,
		rejectInvalidGender: params.rejectInvalidGender,
		policy: params.policy,
		warn: warnings.add,
	});
	const selection = new ExportSelection(params.policy);
	const invalid: INodeExecutionData[] = [];
	const pause = async (): Promise<void> => await sleep(0);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let fileName: string | undefined;
		try {
			const file = await openExport.call(this, itemIndex, params.binaryPropertyName);
			fileName = file.fileName;
			// each file is taken over only when it was read to the end: a broken file adds nothing
			selection.absorb(
				await readExport(
					file.source,
					{ item: itemIndex, fileName },
					{ ...params, mapper, warn: warnings.add, pause },
				),
			);
		} catch (error) {
			handleItemError.call(
				this,
				toReadError.call(this, error, itemIndex, fileName),
				itemIndex,
				invalid,
			);
		}
	}

	const fileNames = new Map(selection.files.map((file) => [file.item, file.fileName]));
	const reasons = new Map<string, Map<string, string>>();
	for (const problem of selection.invalid) {
		const { item, record, reason, email, externalId } = problem;
		report.tally('invalid', { email, reason, record });
		const json: IDataObject = { record, email: email ?? null, reason, outcome: 'invalid' };
		if (externalId !== undefined) json.externalId = externalId;
		const fileName = fileNames.get(item);
		if (fileName !== undefined) json.fileName = fileName;
		invalid.push({ json, pairedItem: { item } });
	}
	for (const duplicate of selection.duplicates) report.tally('duplicate', duplicate);

	const ledger = openLedger.call(this);
	const pairedItems = items.map((_item, index): IPairedItemData => ({ item: index }));
	const contacts: INodeExecutionData[] = [];
	for (const entry of selection.entries.values()) {
		const { consent, suppressed } = decide(entry, params.policy, ledger, reasons);
		if (params.output === 'send' && consent.action !== 'send') {
			const reason = consent.reason;
			report.tally(suppressed ? 'suppressed' : 'skipped', {
				email: entry.json.email,
				reason,
				record: entry.record,
			});
			continue;
		}
		contacts.push({
			json: toContactItem(entry, consent, suppressed),
			pairedItem: entry.inputs?.map((input) => pairedItems[input]) ?? pairedItems[entry.input],
		});
	}

	warnings.publish(this);
	if (params.appendReport) {
		invalid.push({
			json: {
				...report.toJSON(),
				files: selection.files,
				warnings: warnings.toJSON(),
			} as unknown as IDataObject,
			pairedItem: pairedWithAll(items.length),
		});
	}
	return [contacts, invalid];
}

export const option: OperationOption = { name: 'Parse', description: 'Read a KUFER address export into contacts with a consent decision', action: 'Parse an address export' };
