import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ConsentStatus } from '../../../shared/consent';
import { fieldMappingProperty, findMissingFields, mapContactFields, mayMapCustomFields, readFieldMapping, type FieldMapping } from '../../../shared/n8n/fieldMapping';
import { nodeError, type HttpResponse } from '../../../shared/n8n/http';
import { parameterReader } from '../../../shared/n8n/parameters';
import { optionsProperty, type OperationOption } from '../../../shared/n8n/properties';
import { describeConsentTrail } from '../../../shared/consentTrail';
import { consentModeProperty, dryRunProperty, listSentProperty, syncNoticeProperty } from '../../../shared/n8n/reportOutput';
import type { OperationHandler } from '../../../shared/n8n/router';
import { suppressionListProperty } from '../../../shared/n8n/suppressionList';
import { runSyncPipeline, type SyncTarget } from '../../../shared/n8n/syncPipeline';
import type { SyncRun } from '../../../shared/n8n/syncRun';
import type { SelectedContact } from '../../../shared/selection';
import { readContacts, readCount } from '../../answers';
import { contactsXml, contactXml, describeMaileonGenderLeftOut, findOverlongField, isGenderLeftOut, MAILEON_STANDARD_FIELDS, MAX_FIELD_LENGTH, PERMISSIONS, permissionForConsent, splitMaileonValues, withoutGender } from '../../mapping';
import { describeSyncError, parseSyncReport, SYNC_ERROR_GENDER } from '../../syncReport';
import type { MaileonFields, PermissionName } from '../../mapping';
import { contactPath, MAILEON_MAX_BATCH, MAILEON_MAX_PAGE_SIZE, maileonPages, maileonRequest, readCustomFieldNames } from '../../transport';
import { permissionOptions } from '../descriptions';

const properties: INodeProperties[] = [
	syncNoticeProperty,
	suppressionListProperty('secondInput'),
	{
		displayName: 'Existing Contacts',
		name: 'syncMode',
		type: 'options',
		options: [
			{
				name: 'Update',
				value: 'update',
				description: 'Overwrite the fields of contacts that already exist in Maileon',
			},
			{
				name: 'Leave Unchanged',
				value: 'ignore',
				description: 'Only create new contacts; existing ones are counted as unchanged',
			},
		],
		default: 'update',
		description: 'What happens to contacts that already exist in Maileon',
	},
	{
		displayName: 'Permission',
		name: 'permission',
		type: 'options',
		options: [
			{
				name: 'By Consent (Opt-in → SOI, Customer Relationship → Other)',
				value: 'byConsent',
			},
			...permissionOptions,
		],
		default: 'byConsent',
		description:
			'Permission given to new contacts. Existing contacts keep theirs unless "Override Permission" is on.',
	},
	fieldMappingProperty({
		resourceMapperMethod: 'getContactFields',
		fieldWords: { singular: 'field', plural: 'fields' },
		description:
			'Which Maileon fields each contact fills. Map Automatically: the standard fields from the contact item (firstName → FIRSTNAME, an entry "city" of its "fields" → CITY, …) and each entry of "fields" named exactly like a Maileon custom field; entries without such a field are not sent. Map Each Field Manually: the fields you keep, with their values; a removed field is not sent.',
	}),
	{
		displayName: 'Set Selection Marker',
		name: 'setMarker',
		type: 'boolean',
		default: true,
		description:
			'Whether to set a boolean custom field to true on every contact of this run, so a Maileon contact filter on it selects exactly this transfer',
	},
	{
		displayName: 'Marker Field Name',
		name: 'markerField',
		type: 'string',
		default: 'ImportAPI',
		displayOptions: { show: { setMarker: [true] } },
		description: 'Created as a boolean custom field when it does not exist yet',
	},
	{
		displayName: 'Reset Marker First',
		name: 'resetMarker',
		type: 'boolean',
		default: true,
		displayOptions: { show: { setMarker: [true] } },
		description:
			'Whether to clear the marker on all contacts before the transfer, so it marks only this run',
	},
	dryRunProperty,
	optionsProperty([
		{
			displayName: 'Allow Diverse Gender',
			name: 'allowDiverse',
			type: 'boolean',
			default: true,
			description:
				'Whether to send gender "d". Maileon documents it, but whether bulk synchronization accepts it is not confirmed; turn off if Maileon rejects contacts with error 19.',
		},
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAILEON_MAX_BATCH },
			default: MAILEON_MAX_BATCH,
			description:
				'Contacts per request. Maileon does not document a maximum; 1000 is the safe default and larger batches are split automatically when Maileon refuses them.',
		},
		consentModeProperty,
		{
			displayName: 'Consent Trail Field',
			name: 'consentTrailField',
			type: 'string',
			default: '',
			placeholder: 'ConsentTrail',
			description:
				'Name of a text custom field that receives, for each contact sent, where its consent came from, e.g. "KUFER address 4711 · opt-in · 2024-03-01" (at most 255 characters; created when missing). Empty: off. Maileon\'s bulk synchronization has no "src" parameter, so the trail needs a field.',
		},
		{
			displayName: 'Create Missing Custom Fields',
			name: 'createMissingFields',
			type: 'boolean',
			default: true,
			description:
				'Whether to create the custom fields mapped manually in "Fields to Send" as text fields when Maileon lacks them; when off, such a field stops the run before anything is written',
		},
		{
			displayName: 'Ignore Invalid Contacts',
			name: 'ignoreInvalid',
			type: 'boolean',
			default: true,
			description:
				'Whether Maileon imports the valid contacts of a batch that also holds invalid ones; when off, one invalid contact fails its whole batch',
		},
		listSentProperty,
		{
			displayName: 'Opt-in Permission',
			name: 'optInPermission',
			type: 'options',
			options: [
				{ name: 'Single Opt-in (SOI)', value: 'soi' },
				{ name: 'Confirmed Opt-in (COI)', value: 'coi' },
				{ name: 'Double Opt-in (DOI)', value: 'doi' },
			],
			default: 'soi',
			description:
				'Permission for contacts whose consent is an explicit opt-in, when Permission is "By Consent"',
		},
		{
			displayName: 'Override Permission',
			name: 'overridePermission',
			type: 'boolean',
			default: false,
			description: 'Whether existing contacts get the permission above instead of keeping theirs',
		},
		{
			displayName: 'Reimport Unsubscribed Contacts',
			name: 'reimportUnsubscribed',
			type: 'boolean',
			default: false,
			description:
				'Whether Maileon may import addresses that unsubscribed before. Leave off: turning it on can resubscribe people who opted out.',
		},
		{
			displayName: 'Unsubscribe Opt-Outs in Maileon',
			name: 'unsubscribeOptOuts',
			type: 'boolean',
			default: true,
			description:
				'Whether contacts whose source says they opted out are unsubscribed in Maileon (once; the suppression ledger remembers them). Maileon has no bulk unsubscribe: with many new opt-outs the node first reads which addresses Maileon holds, when that takes fewer requests.',
		},
		{
			displayName: 'Update Only',
			name: 'updateOnly',
			type: 'boolean',
			default: false,
			description: 'Whether to only update existing contacts and never create new ones',
		},
		{
			displayName: 'Use External ID',
			name: 'useExternalId',
			type: 'boolean',
			default: false,
			description: 'Whether Maileon identifies contacts by their external ID instead of their email',
		},
	]),
];

const displayOptions = { show: { resource: ['contact'], operation: ['syncMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface SyncParams {
	syncMode: 'update' | 'ignore';
	permission: 'byConsent' | PermissionName;
	markerField?: string;
	resetMarker: boolean;
	dryRun: boolean;
	allowDiverse: boolean;
	batchSize: number;
	consentMode: 'require' | 'trust';
	consentTrailField?: string;
	createMissingFields: boolean;
	mapping: FieldMapping;
	ignoreInvalid: boolean;
	listSent: boolean;
	optInPermission: PermissionName;
	overridePermission: boolean;
	reimportUnsubscribed: boolean;
	unsubscribeOptOuts: boolean;
	updateOnly: boolean;
	useExternalId: boolean;
}

function readSyncParams(this: IExecuteFunctions): SyncParams {
	const parameter = parameterReader(this);
	const options = parameter.collection('options');
	const setMarker = parameter.boolean('setMarker', true);
	const markerField = setMarker ? parameter.string('markerField', 'ImportAPI') : '';
	const batchSize = Number(options.batchSize ?? MAILEON_MAX_BATCH);
	if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAILEON_MAX_BATCH) {
		throw new NodeOperationError(this.getNode(), `Batch Size must be between 1 and ${MAILEON_MAX_BATCH}`, {
			description: `Got ${String(options.batchSize)}.`,
		});
	}
	const permissionNames = Object.keys(PERMISSIONS) as PermissionName[];
	return {
		syncMode: parameter.choice('syncMode', ['update', 'ignore'], 'update'),
		permission: parameter.choice('permission', ['byConsent', ...permissionNames], 'byConsent'),
		markerField: markerField === '' ? undefined : markerField,
		resetMarker: setMarker && parameter.boolean('resetMarker', true),
		dryRun: parameter.boolean('dryRun', false),
		allowDiverse: options.allowDiverse !== false,
		batchSize,
		consentMode: options.consentMode === 'trust' ? 'trust' : 'require',
		consentTrailField: typeof options.consentTrailField === 'string' && options.consentTrailField.trim() !== '' ? options.consentTrailField.trim() : undefined,
		createMissingFields: options.createMissingFields !== false,
		mapping: readFieldMapping(this),
		ignoreInvalid: options.ignoreInvalid !== false,
		listSent: options.listSent === true,
		optInPermission: permissionNames.find((name) => name === options.optInPermission) ?? 'soi',
		overridePermission: options.overridePermission === true,
		reimportUnsubscribed: options.reimportUnsubscribed === true,
		unsubscribeOptOuts: options.unsubscribeOptOuts !== false,
		updateOnly: options.updateOnly === true,
		useExternalId: options.useExternalId === true,
	};
}

/** What Maileon receives for one contact; its XML is written only when its batch is sent. */
interface MaileonPayload {
	permission: number;
	fields: MaileonFields;
}

/**
 * Mapped custom fields Maileon lacks: to create before the first batch, or, when creating is off,
 * an error before anything is written.
 */
function findFieldsToCreate(this: IExecuteFunctions, params: SyncParams, existing: ReadonlySet<string>): string[] {
	const missing = findMissingFields(params.mapping, MAILEON_STANDARD_FIELDS, existing).filter((name) => name !== params.markerField);
	if (missing.length > 0 && !params.createMissingFields) {
		const names = missing.map((name) => `"${name}"`).join(', ');
		throw new NodeOperationError(this.getNode(), `Maileon has no custom field ${names}`, {
			description:
				'"Fields to Send" maps a field Maileon does not have (typed in, or deleted since the fields were loaded). Create it in Maileon under Contacts → Contact fields, remove it from the mapping, or turn on "Create Missing Custom Fields".',
		});
	}
	return missing;
}

/** Makes sure the marker and the mapped custom fields exist before the first batch is sent. */
async function prepareCustomFields(
	this: IExecuteFunctions,
	params: SyncParams,
	existing: ReadonlySet<string>,
	toCreate: readonly string[],
): Promise<void> {
	const wanted = new Map<string, string>();
	if (params.markerField) wanted.set(params.markerField, 'boolean');
	if (params.consentTrailField) wanted.set(params.consentTrailField, 'string');
	for (const name of toCreate) wanted.set(name, 'string');
	for (const [name, type] of wanted) {
		if (existing.has(name) || params.dryRun) continue;
		try {
			await maileonRequest.call(this, 'POST', `/contacts/fields/custom/${encodeURIComponent(name)}`, {
				qs: { type },
			});
		} catch (error) {
			// another run of the workflow, overlapping with this one, created it a moment ago
			if (!(error instanceof NodeApiError && error.httpCode === '409')) throw nodeError(this.getNode(), error);
		}
	}
	if (params.markerField && params.resetMarker && existing.has(params.markerField) && !params.dryRun) {
		await maileonRequest.call(
			this,
			'DELETE',
			`/contacts/fields/custom/${encodeURIComponent(params.markerField)}/values`,
		);
	}
}

/**
 * The addresses Maileon holds, when reading them takes fewer requests than unsubscribing `optOuts`
 * addresses one by one (Maileon has no bulk unsubscribe): a first import with thousands of opt-outs
 * then costs one count and a few pages instead of thousands of calls. `undefined`: unsubscribe each.
 */
async function keysWorthReading(this: IExecuteFunctions, optOuts: number): Promise<Set<string> | undefined> {
	if (optOuts < 3) return undefined;
	const count = readCount((await maileonRequest.call(this, 'GET', '/contacts/count')).body);
	if (count === undefined || Math.ceil(count / MAILEON_MAX_PAGE_SIZE) >= optOuts - 1) return undefined;
	return count === 0 ? new Set() : await readExistingKeys.call(this);
}

/** Which of the keys already exist in Maileon, read page by page. */
async function readExistingKeys(this: IExecuteFunctions): Promise<Set<string>> {
	const keys = new Set<string>();
	for await (const page of maileonPages.call(this, '/contacts', {}, readContacts)) {
		for (const contact of page as Array<{ email?: string }>) {
			if (contact.email) keys.add(contact.email.trim().toLowerCase());
		}
	}
	return keys;
}

/**
 * Whether preparing the contacts needs Maileon's custom fields: for the marker, for fields mapped
 * manually, or for automatic mapping of entries in the items' "fields" that are no standard field.
 */
function needsCustomFields(params: SyncParams, send: readonly SelectedContact[]): boolean {
	if (params.markerField || params.consentTrailField) return true;
	return mayMapCustomFields(params.mapping, MAILEON_STANDARD_FIELDS, send);
}

export const execute: OperationHandler = async function (items) {
	const params = readSyncParams.call(this);
	return await runSyncPipeline.call(this, items, { ...params, label: 'Maileon' }, (run) => maileonTarget.call(this, params, run));
};

/** Maileon's pieces of the Synchronize Many pipeline. */
function maileonTarget(this: IExecuteFunctions, params: SyncParams, { report }: SyncRun): SyncTarget<MaileonPayload, HttpResponse> {
	// Maileon's custom fields, read before the first contact is prepared when the run needs them
	let customFields: Set<string> | undefined;
	let fieldsToCreate: string[] = [];
	// addresses Maileon holds, read before the import when that is cheaper than unsubscribing blindly
	let inMaileon: Set<string> | undefined;
	// contacts whose gender Maileon's m/f/d rule left out, named in one run warning
	const genderLeftOut: string[] = [];
	const trailOptions = { maxLength: MAX_FIELD_LENGTH, timeZone: this.getTimezone() };
	return {
		batchSize: params.batchSize,
		dryRun: params.dryRun,
		unsubscribeOptOuts: params.unsubscribeOptOuts,
		beforePrepare: async (send) => {
			if (!needsCustomFields(params, send)) return;
			customFields = await readCustomFieldNames.call(this);
			fieldsToCreate = findFieldsToCreate.call(this, params, customFields);
		},
		prepare: (selected) => {
			const { contact, consent } = selected;
			const values = mapContactFields(this, params.mapping, selected, {
				standardFields: MAILEON_STANDARD_FIELDS,
				customFieldIds: customFields ?? new Set(),
			});
			const fields = splitMaileonValues(values, params.allowDiverse);
			if (isGenderLeftOut(values, fields)) genderLeftOut.push(contact.email);
			const overlong = findOverlongField(fields);
			if (overlong !== undefined) return { outcome: 'invalid', reason: `${overlong} longer than 255 characters` };
			if (params.markerField) fields.custom[params.markerField] = 'true';
			const trail = params.consentTrailField ? describeConsentTrail(consent, trailOptions) : undefined;
			if (params.consentTrailField && trail !== undefined) fields.custom[params.consentTrailField] = trail;
			const permission =
				params.permission === 'byConsent'
					? permissionForConsent(consent?.status as ConsentStatus | undefined, params.optInPermission)
					: PERMISSIONS[params.permission];
			return { permission, fields };
		},
		beforeWrite: async (send, unsubscribe) => {
			// no fields read before: no marker and no custom field to send, so none to create
			if (send.length > 0 && customFields !== undefined) await prepareCustomFields.call(this, params, customFields, fieldsToCreate);
			// read before the import, which adds addresses that cannot be opt-outs
			inMaileon = await keysWorthReading.call(this, unsubscribe.length);
			return send;
		},
		requestKey: ({ payload }) => String(payload.permission),
		send: async (rows) =>
			await maileonRequest.call(this, 'POST', '/contacts', {
				qs: {
					permission: rows[0].payload.permission,
					sync_mode: params.syncMode === 'update' ? 1 : 2,
					use_external_id: params.useExternalId,
					ignore_invalid_contacts: params.ignoreInvalid,
					override_permission: params.overridePermission,
					// Maileon's clients default this to true, which resubscribes opted-out addresses.
					reimport_unsubscribed_contacts: params.reimportUnsubscribed,
					update_only: params.updateOnly,
				},
				body: contactsXml(rows.map(({ contact, payload }) => contactXml(contact, payload.fields))),
				onRetry: () => report.tallyRetried(1),
			}),
		acknowledge: (_rows, response, ack) => {
			const sync = parseSyncReport(response.body);
			for (const invalid of sync.invalid) {
				const pending = ack.find(invalid.email);
				// an account that predates gender d refuses it with error 19 (maileon.md §14 #2): the contact goes again without it
				if (invalid.code === SYNC_ERROR_GENDER && pending?.payload.fields.standard.GENDER === 'd') {
					ack.resend(pending, { permission: pending.payload.permission, fields: withoutGender(pending.payload.fields) });
					genderLeftOut.push(pending.contact.email);
				} else {
					ack.refuse(pending, invalid.email, describeSyncError(invalid.code), 'invalid');
				}
			}
			ack.took('created', sync.newContacts);
			ack.took(params.syncMode === 'update' ? 'updated' : 'unchanged', sync.existingContacts);
			ack.took('suppressed', sync.unsubscribedContacts, 'unsubscribed in Maileon');
		},
		countDryRun: async (pending) => {
			const existing = pending.length > 0 ? await readExistingKeys.call(this) : new Set<string>();
			for (const { contact } of pending) {
				if (!existing.has(contact.key)) report.tally(params.updateOnly ? 'unchanged' : 'created');
				else report.tally(params.syncMode === 'update' ? 'updated' : 'unchanged');
			}
		},
		unsubscribe: async (optOuts, taken) => {
			for (const optOut of optOuts) {
				if (inMaileon !== undefined && !inMaileon.has(optOut.contact.key)) continue;
				try {
					await maileonRequest.call(this, 'DELETE', contactPath('email', optOut.contact.key, '/unsubscribe'), {
						itemIndex: optOut.index,
						onRetry: () => report.tallyRetried(1),
					});
					report.tallyUnsubscribedAtTarget(1);
				} catch (error) {
					// an address Maileon never had needs no unsubscribe; the ledger keeps it out from now on
					if (!(error instanceof NodeApiError && error.httpCode === '404')) throw nodeError(this.getNode(), error);
				}
				taken(optOut);
			}
		},
		finish: () => {
			if (genderLeftOut.length > 0) report.warn(describeMaileonGenderLeftOut(genderLeftOut));
		},
	};
}

export const option: OperationOption = { name: 'Synchronize Many', description: 'Create and update many contacts in bulk, with consent and suppression checks', action: 'Synchronize many contacts' };
