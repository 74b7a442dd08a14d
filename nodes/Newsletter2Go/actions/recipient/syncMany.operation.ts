import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeGenderLeftOut } from '../../../shared/contact';
import { fieldMappingProperty, findMissingFields, mapContactFields, mappedCustomFieldIds, mayMapCustomFields, readFieldMapping, type FieldMapping } from '../../../shared/n8n/fieldMapping';
import { parameterReader } from '../../../shared/n8n/parameters';
import { optionsProperty, splitNameList, type OperationOption } from '../../../shared/n8n/properties';
import { describeConsentTrail } from '../../../shared/consentTrail';
import { consentModeProperty, dryRunProperty, listSentProperty, syncNoticeProperty } from '../../../shared/n8n/reportOutput';
import type { OperationHandler } from '../../../shared/n8n/router';
import { suppressionListProperty } from '../../../shared/n8n/suppressionList';
import { runSyncPipeline, type SyncTarget } from '../../../shared/n8n/syncPipeline';
import type { SyncRun } from '../../../shared/n8n/syncRun';
import type { ConsentMode } from '../../../shared/selection';
import { isRecord } from '../../../shared/values';
import { isBlockedRecipient, NEWSLETTER2GO_STANDARD_FIELDS, readInvalidRecipients, toRecipientBody, TRAIL_MAX_LENGTH } from '../../mapping';
import type { Envelope, RecipientValue } from '../../mapping';
import { EMAILS_PER_FILTER, findRecipients, listPath, NEWSLETTER2GO_MAX_BATCH, NEWSLETTER2GO_PAGE_SIZE, newsletter2GoEnvelope, newsletter2GoPages, writeByEmails } from '../../transport';
import { listLocator, readLocator } from '../descriptions';
import { checkAttributeNames, createAttributes, missingAttributesError, readAttributes } from './attributes';

const properties: INodeProperties[] = [
	syncNoticeProperty,
	suppressionListProperty('secondInput'),
	listLocator,
	fieldMappingProperty({
		resourceMapperMethod: 'getRecipientFields',
		fieldWords: { singular: 'attribute', plural: 'attributes' },
		dependsOn: ['list.value'],
		description:
			'Which attributes each recipient fills. Map Automatically: first_name, last_name and gender from the contact item, and each entry of its "fields" named exactly like an attribute of the list; entries without such an attribute are not sent. Map Each Field Manually: the attributes you keep, with their values; a removed attribute is not sent.',
	}),
	dryRunProperty,
	optionsProperty([
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
			displayName: 'Consent Trail Attribute',
			name: 'consentTrailAttribute',
			type: 'string',
			default: '',
			placeholder: 'consent_trail',
			description:
				'Name of a text attribute (letters, digits and underscores) that receives, for each recipient sent, where its consent came from, e.g. "KUFER address 4711 · opt-in · 2024-03-01" (at most 255 characters; created when missing). Empty: off.',
		},
		{
			displayName: 'Create Missing Attributes',
			name: 'createMissingAttributes',
			type: 'boolean',
			default: true,
			description:
				'Whether to create the attributes mapped manually in "Fields to Send" as text attributes when the list lacks them; when off, such an attribute stops the run before anything is written',
		},
		listSentProperty,
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
	mapping: FieldMapping;
	batchSize: number;
	consentMode: ConsentMode;
	consentTrailAttribute?: string;
	createMissingAttributes: boolean;
	listSent: boolean;
	unsubscribeOptOuts: boolean;
}

/** What Newsletter2Go receives for one recipient. */
interface RecipientPayload {
	body: Record<string, RecipientValue>;
	/** Whether the list holds the address already; set once the list was read. */
	exists: boolean;
}

const STATUS_FIELDS = 'email,is_unsubscribed,is_blacklisted,is_globally_unsubscribed,is_globally_blacklisted';

function readSyncParams(this: IExecuteFunctions): SyncParams {
	const parameter = parameterReader(this);
	const options = parameter.collection('options');
	const batchSize = Number(options.batchSize ?? NEWSLETTER2GO_MAX_BATCH);
	if (!Number.isInteger(batchSize) || batchSize < 1) {
		throw new NodeOperationError(this.getNode(), 'Batch Size must be a positive whole number', {
			description: `Got ${String(options.batchSize)}.`,
		});
	}
	const mapping = readFieldMapping(this);
	checkAttributeNames.call(this, mappedCustomFieldIds(mapping, NEWSLETTER2GO_STANDARD_FIELDS));
	const [consentTrailAttribute] = splitNameList(options.consentTrailAttribute);
	if (consentTrailAttribute !== undefined) checkAttributeNames.call(this, [consentTrailAttribute]);
	return {
		listId: readLocator.call(this, 'list', 0),
		dryRun: parameter.boolean('dryRun', false),
		mapping,
		batchSize,
		consentMode: options.consentMode === 'trust' ? 'trust' : 'require',
		consentTrailAttribute,
		createMissingAttributes: options.createMissingAttributes !== false,
		listSent: options.listSent === true,
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

export const execute: OperationHandler = async function (items) {
	const params = readSyncParams.call(this);
	return await runSyncPipeline.call(this, items, { ...params, label: 'Newsletter2Go' }, (run) => newsletter2GoTarget.call(this, params, run));
};

/** Newsletter2Go's pieces of the Synchronize Many pipeline. */
function newsletter2GoTarget(this: IExecuteFunctions, params: SyncParams, { report }: SyncRun): SyncTarget<RecipientPayload, Envelope> {
	// the list read whole: unsubscribe only who is in it and not unsubscribed yet, instead of a filter per 50
	let toUnsubscribe: (keys: string[]) => string[] = (keys) => keys;
	// the list's custom attributes, read before the first recipient is prepared when the run needs them
	let attributeNames = new Set<string>();
	let attributesToCreate: string[] = [];
	const trailOptions = { maxLength: TRAIL_MAX_LENGTH, timeZone: this.getTimezone() };
	// the recipients the list holds, by address: true for one unsubscribed or blacklisted there
	let inList: ReadonlyMap<string, boolean> = new Map();
	// recipients whose gender Newsletter2Go's m/f rule left out, named in one run warning
	const genderLeftOut: string[] = [];
	return {
		batchSize: params.batchSize,
		dryRun: params.dryRun,
		unsubscribeOptOuts: params.unsubscribeOptOuts,
		beforePrepare: async (send) => {
			const trailAttribute = params.consentTrailAttribute;
			if (trailAttribute === undefined && !mayMapCustomFields(params.mapping, NEWSLETTER2GO_STANDARD_FIELDS, send)) return;
			attributeNames = new Set((await readAttributes.call(this, params.listId)).map((attribute) => attribute.name));
			attributesToCreate = findMissingFields(params.mapping, NEWSLETTER2GO_STANDARD_FIELDS, attributeNames);
			if (trailAttribute !== undefined && !attributeNames.has(trailAttribute) && !attributesToCreate.includes(trailAttribute)) {
				attributesToCreate.push(trailAttribute);
			}
			if (attributesToCreate.length > 0 && !params.createMissingAttributes) throw missingAttributesError.call(this, attributesToCreate);
		},
		prepare: (selected) => {
			const { contact, consent, releaseFromLedger } = selected;
			const values = mapContactFields(this, params.mapping, selected, {
				standardFields: NEWSLETTER2GO_STANDARD_FIELDS,
				customFieldIds: attributeNames,
			});
			const body = toRecipientBody(values, params.listId, contact.key);
			if (values.gender !== undefined && body.gender === undefined) genderLeftOut.push(contact.email);
			const trail = params.consentTrailAttribute ? describeConsentTrail(consent, trailOptions) : undefined;
			if (params.consentTrailAttribute && trail !== undefined) body[params.consentTrailAttribute] = trail;
			// writing is_unsubscribed=false resubscribes (§9 #12): only for an opt-in dated after the unsubscribe
			if (releaseFromLedger) body.is_unsubscribed = false;
			return { body, exists: inList.has(contact.key) };
		},
		beforeWrite: async (send, unsubscribe) => {
			if (send.length + unsubscribe.length === 0) return send;
			// one read, before anything is written, tells who exists: the import adds nobody who opted out
			const sendKeys = send.map(({ contact }) => contact.key);
			const { existing, complete } = await readExisting.call(this, params.listId, sendKeys, unsubscribe.length);
			if (complete) toUnsubscribe = (keys) => keys.filter((key) => existing.get(key) === false);
			if (send.length === 0) return send;
			if (!params.dryRun) await createAttributes.call(this, params.listId, attributesToCreate);
			inList = existing;
			return send.filter((entry) => {
				if (existing.get(entry.contact.key) !== true || entry.releaseFromLedger) return true;
				report.tally('suppressed', {
					email: entry.contact.email,
					reason: 'unsubscribed or blacklisted in Newsletter2Go',
					record: entry.index + 1,
				});
				return false;
			});
		},
		// rows of one request must have the same keys (§7.3); padding would blank fields, so they go apart
		requestKey: ({ payload }) => Object.keys(payload.body).sort().join(','),
		send: async (rows) =>
			await newsletter2GoEnvelope.call(this, 'POST', '/recipients', {
				body: rows.map(({ payload }) => payload.body),
				onRetry: () => report.tallyRetried(1),
			}),
		acknowledge: (rows, answer, ack) => {
			const refused = new Set<string>();
			for (const invalid of readInvalidRecipients(answer)) {
				const row = ack.refuse(ack.find(invalid.email), invalid.email, invalid.reason, 'failed');
				if (row !== undefined) refused.add(row.contact.key);
			}
			for (const row of rows) if (!refused.has(row.contact.key)) ack.took(row.payload.exists ? 'updated' : 'created');
		},
		countDryRun: async (pending) => {
			for (const { payload } of pending) report.tally(payload.exists ? 'updated' : 'created');
		},
		unsubscribe: async (optOuts, taken) => {
			const keys = toUnsubscribe(optOuts.map(({ contact }) => contact.key));
			if (keys.length > 0) {
				// one filtered PATCH per 50 addresses; an address the list does not hold is simply not matched
				const unsubscribed = await writeByEmails.call(this, 'PATCH', listPath(params.listId, 'recipients'), keys, {
					body: { is_unsubscribed: true },
					onRetry: () => report.tallyRetried(1),
				});
				report.tallyUnsubscribedAtTarget(unsubscribed);
			}
			for (const optOut of optOuts) taken(optOut);
		},
		finish: () => {
			if (genderLeftOut.length > 0) report.warn(describeGenderLeftOut(genderLeftOut, 'Newsletter2Go takes only m and f'));
		},
	};
}

export const option: OperationOption = { name: 'Synchronize Many', description: 'Create and update many recipients in bulk, with consent and suppression checks', action: 'Synchronize many recipients' };
