import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { drainInBatches } from '../../../shared/batch';
import type { Contact } from '../../../shared/contact';
import { sendSplittingOnRefusal } from '../../../shared/n8n/http';
import { optionsProperty, splitNameList, type OperationOption } from '../../../shared/n8n/properties';
import { consentModeProperty, dryRunProperty, rejectedItem, reportItem, syncNoticeProperty } from '../../../shared/n8n/reportOutput';
import type { OperationHandler } from '../../../shared/n8n/router';
import { suppressionListProperty } from '../../../shared/n8n/suppressionList';
import { finishSyncRun, startSyncRun } from '../../../shared/n8n/syncRun';
import type { RunReport } from '../../../shared/report';
import type { ConsentMode, Selection } from '../../../shared/selection';
import type { SuppressionLedger } from '../../../shared/suppression';
import { isBlockedRecipient, isRecord, readInvalidRecipients, toRecipientBody } from '../../mapping';
import type { Envelope, RecipientValue } from '../../mapping';
import { EMAILS_PER_FILTER, findRecipients, listPath, NEWSLETTER2GO_MAX_BATCH, NEWSLETTER2GO_PAGE_SIZE, newsletter2GoEnvelope, newsletter2GoPages, writeByEmails } from '../../transport';
import { listLocator, readLocator } from '../descriptions';
import { checkAttributeNames, ensureAttributes } from './attributes';

const properties: INodeProperties[] = [
	syncNoticeProperty,
	suppressionListProperty('secondInput'),
	listLocator,
	dryRunProperty,
	optionsProperty([
		{
			displayName: 'Attributes',
			name: 'attributes',
			type: 'string',
			default: '',
			placeholder: 'customer_no, interest',
			description:
				'Comma-separated names of entries in the item\'s "fields" to send as Newsletter2Go attributes (letters, digits and underscores)',
		},
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: NEWSLETTER2GO_MAX_BATCH,
			description:
				'Recipients per request. Newsletter2Go documents no maximum; 1000 is the safe default and a batch it refuses as too large is split automatically.',
		},
		consentModeProperty,
		{
			displayName: 'Create Missing Attributes',
			name: 'createMissingAttributes',
			type: 'boolean',
			default: true,
			description: 'Whether to create the attributes named in "Attributes" as text attributes when the list lacks them',
		},
		{
			displayName: 'Unsubscribe Opt-Outs in Newsletter2Go',
			name: 'unsubscribeOptOuts',
			type: 'boolean',
			default: true,
			description:
				'Whether contacts whose source says they opted out are unsubscribed in the list (once; the suppression ledger remembers them)',
		},
	]),
];

const displayOptions = { show: { resource: ['recipient'], operation: ['syncMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface SyncParams {
	listId: string;
	dryRun: boolean;
	attributes: string[];
	batchSize: number;
	consentMode: ConsentMode;
	createMissingAttributes: boolean;
	unsubscribeOptOuts: boolean;
}

interface Pending {
	index: number;
	contact: Contact;
	body: Record<string, RecipientValue>;
	exists: boolean;
	releaseFromLedger: boolean;
}

const STATUS_FIELDS = 'email,is_unsubscribed,is_blacklisted,is_globally_unsubscribed,is_globally_blacklisted';

function readSyncParams(this: IExecuteFunctions): SyncParams {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = Number(options.batchSize ?? NEWSLETTER2GO_MAX_BATCH);
	if (!Number.isInteger(batchSize) || batchSize < 1) {
		throw new NodeOperationError(this.getNode(), 'Batch Size must be a positive whole number', {
			description: `Got ${String(options.batchSize)}.`,
		});
	}
	const attributes = splitNameList(options.attributes);
	checkAttributeNames.call(this, attributes);
	return {
		listId: readLocator.call(this, 'list', 0),
		dryRun: this.getNodeParameter('dryRun', 0, false) as boolean,
		attributes,
		batchSize,
		consentMode: options.consentMode === 'trust' ? 'trust' : 'require',
		createMissingAttributes: options.createMissingAttributes !== false,
		unsubscribeOptOuts: options.unsubscribeOptOuts !== false,
	};
}

/**
 * Which of the addresses the list already holds, and whether Newsletter2Go blocks them. Pages
 * through the list when that takes fewer requests than the filtered requests for `keys` plus
 * `optOuts` would; then `complete` is true and the map holds every address of the list. Otherwise
 * only `keys` are looked up: an opt-out's filtered unsubscribe costs no more than its lookup.
 */
async function readExisting(
	this: IExecuteFunctions,
	listId: string,
	keys: readonly string[],
	optOuts: number,
): Promise<{ existing: Map<string, boolean>; complete: boolean }> {
	const existing = new Map<string, boolean>();
	const note = (records: readonly unknown[]): void => {
		for (const record of records) {
			if (isRecord(record) && typeof record.email === 'string') {
				existing.set(record.email.trim().toLowerCase(), isBlockedRecipient(record));
			}
		}
	};
	const path = listPath(listId, 'recipients');
	const pageSize = NEWSLETTER2GO_PAGE_SIZE;
	const first = await newsletter2GoEnvelope.call(this, 'GET', path, {
		qs: { _fields: STATUS_FIELDS, _limit: pageSize, _offset: 0 },
	});
	note(first.value);
	const total = first.count ?? first.value.length;
	if (total <= pageSize && first.next === undefined) return { existing, complete: true };
	const pagesLeft = Math.ceil(total / pageSize) - 1;
	if (pagesLeft <= Math.ceil(keys.length / EMAILS_PER_FILTER) + Math.ceil(optOuts / EMAILS_PER_FILTER)) {
		for await (const page of newsletter2GoPages.call(this, path, { _fields: STATUS_FIELDS }, { startOffset: pageSize })) {
			note(page);
		}
		return { existing, complete: true };
	}
	note([...(await findRecipients.call(this, listId, keys)).values()]);
	return { existing, complete: false };
}

/** Rows of one request must have the same keys (§7.3); padding would blank fields, so rows are grouped instead. */
function groupByKeys(batch: readonly Pending[]): Pending[][] {
	const groups = new Map<string, Pending[]>();
	for (const pending of batch) {
		const signature = Object.keys(pending.body).sort().join(',');
		const group = groups.get(signature) ?? [];
		group.push(pending);
		groups.set(signature, group);
	}
	return [...groups.values()];
}

export const execute: OperationHandler = async function (items) {
	const params = readSyncParams.call(this);
	const run = startSyncRun.call(this, items, { ...params, label: 'Newsletter2Go' });
	const { report, ledger, rejected, selection } = run;

	const pending: Pending[] = [];
	const sendKeys = selection.send.map((selected) => selected.contact.key);
	const freshOptOuts = [...new Set(selection.optOuts.map(({ contact }) => contact.key).filter((key) => !ledger.has(key)))];
	const unsubscribe = params.unsubscribeOptOuts && !params.dryRun ? freshOptOuts : [];
	// one read, before anything is written, tells who exists: the import adds nobody who opted out
	const known =
		sendKeys.length + unsubscribe.length > 0
			? await readExisting.call(this, params.listId, sendKeys, unsubscribe.length)
			: { existing: new Map<string, boolean>(), complete: false };
	// the list read whole: unsubscribe only who is in it and not unsubscribed yet, instead of a filter per 50
	const toUnsubscribe = known.complete ? unsubscribe.filter((key) => known.existing.get(key) === false) : unsubscribe;
	if (selection.send.length > 0) {
		await ensureAttributes.call(this, params.listId, params.attributes, {
			create: params.createMissingAttributes,
			dryRun: params.dryRun,
		});
		const { existing } = known;
		for (const { index, contact, releaseFromLedger } of selection.send) {
			const blocked = existing.get(contact.key);
			if (blocked === true && !releaseFromLedger) {
				report.tally('suppressed', {
					email: contact.email,
					reason: 'unsubscribed or blacklisted in Newsletter2Go',
					record: index + 1,
				});
				continue;
			}
			const body = toRecipientBody(contact, params.listId, params.attributes);
			// writing is_unsubscribed=false resubscribes (§9 #12): only for an opt-in dated after the unsubscribe
			if (releaseFromLedger) body.is_unsubscribed = false;
			pending.push({ index, contact, body, exists: blocked !== undefined, releaseFromLedger });
		}
	}

	if (params.dryRun) {
		for (const entry of pending) report.tally(entry.exists ? 'updated' : 'created');
	} else {
		await writeRecipients.call(this, pending, params, { report, ledger, rejected });
		await unsubscribeOptOuts.call(this, selection.optOuts, toUnsubscribe, params, { report, ledger, rejected });
	}
	return finishSyncRun.call(this, run, reportItem(report, items.length), 'Newsletter2Go');
};

interface RunState {
	report: RunReport;
	ledger: SuppressionLedger;
	rejected: INodeExecutionData[];
}

async function writeRecipients(
	this: IExecuteFunctions,
	pending: Pending[],
	params: SyncParams,
	{ report, ledger, rejected }: RunState,
): Promise<void> {
	// rows Newsletter2Go refused keep their ledger entry
	const post = async (rows: Pending[]) =>
		await newsletter2GoEnvelope.call(this, 'POST', '/recipients', {
			body: rows.map((row) => row.body),
			onRetry: () => report.tallyRetried(1),
		});
	const accept = (rows: Pending[], answer: Envelope, refused: Set<Pending>): void => {
		const byKey = new Map(rows.map((row) => [row.contact.key, row]));
		for (const invalid of readInvalidRecipients(answer)) {
			const row = invalid.email === undefined ? undefined : byKey.get(invalid.email.trim().toLowerCase());
			// a row Newsletter2Go changed beyond recognition still costs one written count, so `selected` stays exact
			const target = row ?? rows.find((candidate) => !refused.has(candidate));
			report.tally('failed', { email: invalid.email, reason: invalid.reason, record: row ? row.index + 1 : undefined });
			rejected.push(rejectedItem((target ?? rows[0]).index, invalid.email, invalid.reason, 'failed'));
			if (target !== undefined) refused.add(target);
		}
		for (const row of rows) if (!refused.has(row)) report.tally(row.exists ? 'updated' : 'created');
	};
	const sendRows = async (rows: Pending[], refused: Set<Pending>): Promise<void> =>
		await sendSplittingOnRefusal(this.getNode(), rows, post, (sent, answer) => accept(sent, answer, refused));

	await drainInBatches(pending, {
		maxSize: params.batchSize,
		write: async (batch) => {
			const refused = new Set<Pending>();
			for (const rows of groupByKeys(batch)) await sendRows(rows, refused);
			return refused;
		},
		// the batch is acknowledged: a re-consent dated after the unsubscribe ends the suppression
		onDrained: (batch, refused) => {
			for (const entry of batch) {
				if (entry.releaseFromLedger && !refused.has(entry)) ledger.release(entry.contact.key);
			}
		},
	});
}

/** Unsubscribes `keys` (opt-outs not in the ledger yet), then adds every opt-out to the ledger. */
async function unsubscribeOptOuts(
	this: IExecuteFunctions,
	optOuts: Selection['optOuts'],
	keys: readonly string[],
	params: SyncParams,
	{ report, ledger }: RunState,
): Promise<void> {
	if (keys.length > 0) {
		// one filtered PATCH per 50 addresses; an address the list does not hold is simply not matched
		const unsubscribed = await writeByEmails.call(this, 'PATCH', listPath(params.listId, 'recipients'), keys, {
			body: { is_unsubscribed: true },
			onRetry: () => report.tallyRetried(1),
		});
		report.tallyUnsubscribedAtTarget(unsubscribed);
	}
	// only once Newsletter2Go took them: a run that fails before sends the unsubscribes again next time
	for (const { contact, consent } of optOuts) ledger.add(contact.key, consent?.at);
}

export const option: OperationOption = { name: 'Synchronize Many', description: 'Create and update many recipients in bulk, with consent and suppression checks', action: 'Synchronize many recipients' };
