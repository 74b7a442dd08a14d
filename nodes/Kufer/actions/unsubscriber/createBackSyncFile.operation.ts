import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { findEmailProblem, normaliseEmail } from '../../../shared/contact';
import { readConsent } from '../../../shared/contactItem';
import { optionsProperty, type OperationOption } from '../../../shared/n8n/properties';
import { pairedWithAll } from '../../../shared/n8n/reportOutput';
import { RunReport } from '../../../shared/report';
import type { TargetEncoding } from '../../../shared/xml/encoding';
import {
	buildBackSyncFile,
	findUnwritable,
	MIME_TYPES,
	type BackSyncEntry,
	type BackSyncFormat,
	type BackSyncReason,
} from '../../backSyncFile';
import { formatFileStamp, formatKuferDate, formatKuferDateTime, readInstant } from '../../dates';
import { readTimeZone, timeZoneOption } from '../descriptions';
import { parameterReader } from '../../../shared/n8n/parameters';

const properties: INodeProperties[] = [
	{
		displayName:
			'Each input item is one address to set to status N in KUFER, e.g. from Maileon "Get New Since Last Run". The node writes one file for KUFER to import and outputs it as binary data; store it with "Read/Write Files from Disk" or an FTP node.',
		name: 'backSyncNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Format',
		name: 'format',
		type: 'options',
		options: [
			{ name: 'XML', value: 'xml', description: 'Same elements as the KUFER address export' },
			{ name: 'CSV', value: 'csv', description: 'Semicolon-separated, Windows line ends' },
		],
		default: 'xml',
		description:
			'No KUFER import for newsletter statuses is published; XML in the vocabulary of the export is an assumption. Pick what your KUFER import accepts.',
	},
	{
		displayName: 'Encoding',
		name: 'encoding',
		type: 'options',
		options: [
			{ name: 'Windows-1252', value: 'windows-1252' },
			{ name: 'UTF-8', value: 'utf-8' },
			{ name: 'ISO-8859-1', value: 'iso-8859-1' },
		],
		default: 'windows-1252',
		description:
			'Windows-1252 suits KUFER on Windows. In XML, characters the encoding lacks are written as character references; in CSV such addresses are skipped.',
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'options',
		options: [
			{ name: 'Unsubscribe (Abmeldung)', value: 'abmeldung' },
			{ name: 'Blacklist (Sperrliste)', value: 'sperrliste' },
			{ name: 'Erasure (Loeschung)', value: 'loeschung' },
			{ name: 'Leave Out', value: 'none' },
		],
		default: 'abmeldung',
		description: 'Value of the "grund" element of every address',
	},
	{
		displayName: 'Source Name',
		name: 'sourceName',
		type: 'string',
		default: 'Maileon',
		description: 'Platform the unsubscribes come from, written as the root attribute "quelle"',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the binary field the file is written to',
	},
	optionsProperty([
		{
			displayName: 'Address ID Field',
			name: 'idField',
			type: 'string',
			default: 'externalId',
			description:
				'Input field holding the KUFER address number (adrnr). The KUFER Parse operation sends it as the external ID; when it is missing KUFER matches by e-mail.',
		},
		{
			displayName: 'Date Field',
			name: 'dateField',
			type: 'string',
			default: 'timestamp',
			description:
				'Input field holding the unsubscribe time (ISO 8601, yyyy-mm-dd HH:mm:ss as UTC, dd.mm.yyyy or epoch milliseconds); the run date is used when it is missing',
		},
		{
			displayName: 'Email Field',
			name: 'emailField',
			type: 'string',
			default: 'email',
			description:
				'Input field holding the e-mail address; dots reach into objects (contact.email)',
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'abmelder-20251123-120500.xml',
			description: "Leave empty for abmelder-YYYYMMDD-HHMMSS with the format's extension",
		},
		timeZoneOption,
		{
			displayName: 'Write Empty File',
			name: 'writeEmptyFile',
			type: 'boolean',
			default: true,
			description:
				'Whether to write a file with no address when no input item has a usable address. When off, the output item has the counts but no file.',
		},
	]),
];

const displayOptions = { show: { resource: ['unsubscriber'], operation: ['createBackSyncFile'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface BackSyncParams {
	format: BackSyncFormat;
	encoding: TargetEncoding;
	reason?: BackSyncReason;
	sourceName: string;
	binaryPropertyName: string;
	idField: string;
	dateField: string;
	emailField: string;
	fileName: string;
	timeZone: string;
	writeEmptyFile: boolean;
}

const ENCODINGS: readonly TargetEncoding[] = ['windows-1252', 'utf-8', 'iso-8859-1'];
const REASONS: readonly BackSyncReason[] = ['abmeldung', 'sperrliste', 'loeschung'];

function readBackSyncParams(this: IExecuteFunctions): BackSyncParams {
	const parameter = parameterReader(this);
	const options = parameter.collection('options');
	const encoding = parameter.choice('encoding', ENCODINGS, 'windows-1252');
	const reason = parameter.choice<BackSyncReason | 'none'>('reason', [...REASONS, 'none'], 'abmeldung');
	const text = (value: unknown, fallback: string): string =>
		typeof value === 'string' ? value.trim() : fallback;
	return {
		format: this.getNodeParameter('format', 0, 'xml') === 'csv' ? 'csv' : 'xml',
		encoding: ENCODINGS.includes(encoding) ? encoding : 'windows-1252',
		reason: REASONS.includes(reason as BackSyncReason) ? (reason as BackSyncReason) : undefined,
		sourceName: text(this.getNodeParameter('sourceName', 0, 'Maileon'), ''),
		binaryPropertyName: text(this.getNodeParameter('binaryPropertyName', 0, 'data'), 'data'),
		idField: text(options.idField, 'externalId'),
		dateField: text(options.dateField, 'timestamp'),
		emailField: text(options.emailField, 'email') || 'email',
		fileName: text(options.fileName, ''),
		timeZone: readTimeZone.call(this, options.timeZone),
		writeEmptyFile: options.writeEmptyFile !== false,
	};
}

/** A value by field name; dots reach into nested objects. */
function readField(json: IDataObject, path: string): unknown {
	if (path === '') return undefined;
	let value: unknown = json;
	for (const part of path.split('.')) {
		if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part))
			return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

function readId(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const id = value.trim();
	return id === '' ? undefined : id;
}

interface SkippedItem {
	item: number;
	email: string | null;
	reason: string;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const params = readBackSyncParams.call(this);
	const now = Date.now();
	const entries = new Map<string, BackSyncEntry>();
	const skipped: SkippedItem[] = [];
	let duplicates = 0;

	items.forEach((item, index) => {
		// the empty item n8n sends for "Always Output Data" stands for "no unsubscribers", not for one
		if (Object.keys(item.json).length === 0) return;
		// a contact item that its source decided to mail must never turn into an N by miswiring
		const consent = readConsent(item.json);
		if (consent !== undefined && consent.action !== 'unsubscribe') {
			const email = typeof item.json.email === 'string' ? item.json.email : null;
			const reason = `The item is a contact to ${consent.action}, not an unsubscribe`;
			skipped.push({ item: index, email, reason });
			return;
		}
		const address = normaliseEmail(readField(item.json, params.emailField));
		if (address === undefined) {
			skipped.push({
				item: index,
				email: null,
				reason: `The item has no e-mail address in "${params.emailField}"`,
			});
			return;
		}
		const problem = findEmailProblem(address.key);
		const reason =
			problem === undefined
				? findUnwritable(address.key, params)
				: `The email address "${address.email}" ${problem}`;
		if (reason !== undefined) {
			skipped.push({ item: index, email: address.email, reason });
			return;
		}
		const adrnr = readId(readField(item.json, params.idField));
		const existing = entries.get(address.key);
		if (existing !== undefined) {
			// the address is written once; an id another item knows still helps KUFER match it
			duplicates++;
			if (existing.adrnr === undefined && adrnr !== undefined)
				entries.set(address.key, { ...existing, adrnr });
			return;
		}
		const at = readInstant(readField(item.json, params.dateField), params.timeZone) ?? now;
		entries.set(address.key, {
			email: address.key,
			date: formatKuferDate(at, params.timeZone),
			...(adrnr === undefined ? {} : { adrnr }),
			...(params.reason === undefined ? {} : { reason: params.reason }),
		});
	});

	const written = entries.size;
	const report = new RunReport({
		source: params.sourceName || undefined,
		target: 'KUFER',
		label: 'KUFER back-sync',
	});
	report.tallyUnsubscribersSyncedBack(written);
	const fileName =
		params.fileName || `abmelder-${formatFileStamp(now, params.timeZone)}.${params.format}`;
	const json: IDataObject = {
		fileName,
		format: params.format,
		encoding: params.encoding,
		written,
		skippedInvalid: skipped.length,
		duplicates,
		skipped: skipped as unknown as IDataObject[],
		report: report.toJSON() as unknown as IDataObject,
	};
	const output: INodeExecutionData = { json, pairedItem: pairedWithAll(items.length) };
	if (written > 0 || params.writeEmptyFile) {
		const bytes = buildBackSyncFile([...entries.values()], {
			format: params.format,
			encoding: params.encoding,
			exportedAt: formatKuferDateTime(now, params.timeZone),
			source: params.sourceName,
		});
		output.binary = {
			[params.binaryPropertyName]: await this.helpers.prepareBinaryData(
				Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
				fileName,
				MIME_TYPES[params.format],
			),
		};
	} else {
		json.fileName = null;
	}
	return [[output]];
}

export const option: OperationOption = { name: 'Create Back-Sync File', description: 'Write the file that sets unsubscribed addresses to status N in KUFER', action: 'Create a back sync file' };
