import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildContact } from '../../../shared/contact';
import { fieldMappingProperty, findMissingFields, readManualMapping } from '../../../shared/n8n/fieldMapping';
import { perItemWithLedger } from '../../../shared/n8n/itemLoop';
import { parameterReader } from '../../../shared/n8n/parameters';
import { fieldsProperty, optionsProperty, type OperationOption } from '../../../shared/n8n/properties';
import { readCreatedId } from '../../answers';
import { PERMISSIONS, toMaileonFields, type PermissionName } from '../../mapping';
import { contactPath, maileonRequest, readCustomFieldNames } from '../../transport';
import { identifyByProperties, permissionOptions } from '../descriptions';

const CUSTOM_FIELDS = 'customFieldMapping';

const properties: INodeProperties[] = [
	...identifyByProperties(false, true),
	{
		displayName: 'Permission',
		name: 'permission',
		type: 'options',
		options: permissionOptions,
		default: 'none',
		description:
			'Initial permission. With a double opt-in mail the contact keeps it until they click the confirmation link.',
	},
	{
		displayName: 'Send Double Opt-in Mail',
		name: 'doi',
		type: 'boolean',
		default: true,
		description:
			'Whether Maileon sends its confirmation mail; the contact reaches DOI only after clicking the link',
	},
	{
		displayName: 'Tracking Consent (DOI+)',
		name: 'doiPlus',
		type: 'boolean',
		default: false,
		displayOptions: { show: { doi: [true] } },
		description:
			'Whether the contact agreed to single-user tracking of opens and clicks; the confirmation then grants DOI+',
	},
	{
		displayName: 'DOI Mailing Key',
		name: 'doiMailingKey',
		type: 'string',
		default: '',
		displayOptions: { show: { doi: [true] } },
		description:
			'Key of the DOI mailing; empty uses the account default. The key changes whenever the DOI mailing is edited, and a wrong key makes Maileon drop the contact silently.',
	},
	{
		displayName: 'Existing Contact',
		name: 'syncMode',
		type: 'options',
		options: [
			{ name: 'Update', value: 'update' },
			{ name: 'Leave Unchanged', value: 'ignore' },
		],
		default: 'update',
	},
	fieldsProperty([
		{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
		{
			displayName: 'Gender',
			name: 'gender',
			type: 'options',
			options: [
				{ name: 'Diverse', value: 'd' },
				{ name: 'Female', value: 'f' },
				{ name: 'Male', value: 'm' },
				{ name: 'Unknown', value: 'unknown' },
			],
			default: 'unknown',
		},
		{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
		{ displayName: 'Organization', name: 'organization', type: 'string', default: '' },
		{
			displayName: 'Salutation',
			name: 'salutation',
			type: 'string',
			default: '',
			description: 'E.g. Herr or Frau; also sets the gender when Gender is not given.',
		},
		{ displayName: 'Title', name: 'title', type: 'string', default: '' },
	]),
	fieldMappingProperty({
		resourceMapperMethod: 'getCustomContactFields',
		fieldWords: { singular: 'custom field', plural: 'custom fields' },
		manualOnly: { name: CUSTOM_FIELDS, displayName: 'Custom Fields' },
		description:
			'The Maileon custom fields to fill, loaded from the account. An empty value is not sent, so the contact keeps its current one. A field Maileon does not have stops the node before it writes.',
	}),
	optionsProperty([
		{
			displayName: 'Source',
			name: 'src',
			type: 'string',
			default: '',
			description: 'Free text stored with the subscription, readable later as CUSTOM_SOURCE',
		},
		{
			displayName: 'Subscription Page',
			name: 'subscriptionPage',
			type: 'string',
			default: '',
		},
	]),
];

const displayOptions = { show: { resource: ['contact'], operation: ['upsert'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perItemWithLedger(async function (itemIndex, ledger) {
	const parameter = parameterReader(this, itemIndex);
	const fields = parameter.collection('fields');
	const custom = readManualMapping(this, CUSTOM_FIELDS, itemIndex);
	const identifyBy = parameter.choice('identifyBy', ['email', 'externalId'], 'email');
	const built = buildContact({
		email: parameter.string('email', ''),
		externalId: identifyBy === 'externalId' ? parameter.string('externalId', '') : undefined,
		...fields,
		gender: fields.gender === 'unknown' ? undefined : fields.gender,
		fields: custom.values,
	});
	if (!built.ok) {
		throw new NodeOperationError(this.getNode(), `The contact is invalid: ${built.detail}`, {
			itemIndex,
			description: 'Check the email mapped into the node.',
		});
	}
	const contact = built.contact;
	const doi = parameter.boolean('doi', true);
	// A new double opt-in is itself a fresh consent; without it the ledger keeps the address out.
	if (!doi && ledger.has(contact.key)) {
		return {
			email: contact.email,
			skipped: true,
			reason:
				'The address unsubscribed earlier (suppression ledger). Send a double opt-in mail to let the person subscribe again.',
		};
	}
	await checkCustomFields.call(this, custom.fieldIds, itemIndex);
	const permission = parameter.choice('permission', Object.keys(PERMISSIONS) as PermissionName[], 'none');
	const options = parameter.collection('options');
	const split = toMaileonFields(contact, {
		allowDiverse: true,
		customFields: Object.keys(custom.values),
	});
	const body: IDataObject = {
		email: contact.email,
		standard_fields: split.standard,
		custom_fields: split.custom,
	};
	if (contact.externalId !== undefined) body.external_id = contact.externalId;
	const doiMailingKey = doi ? parameter.string('doiMailingKey', '') : '';
	const path =
		identifyBy === 'externalId' && contact.externalId
			? contactPath('externalid', contact.externalId)
			: contactPath('email', contact.email);
	const response = await maileonRequest.call(this, 'POST', path, {
		qs: {
			permission: PERMISSIONS[permission],
			sync_mode: parameter.choice('syncMode', ['update', 'ignore'], 'update') === 'update' ? 1 : 2,
			doi: doi ? true : undefined,
			doiplus: doi && parameter.boolean('doiPlus', false) ? true : undefined,
			doimailing: doiMailingKey === '' ? undefined : doiMailingKey,
			src: options.src ? String(options.src) : undefined,
			subscription_page: options.subscriptionPage ? String(options.subscriptionPage) : undefined,
		},
		body,
		itemIndex,
	});
	return {
		email: contact.email,
		id: readCreatedId(response.body) ?? null,
		permission,
		doiMailSent: doi,
	};
});

/** Stops before the write when a mapped custom field is not in Maileon (deleted since it was loaded). */
async function checkCustomFields(this: IExecuteFunctions, fieldIds: readonly string[], itemIndex: number): Promise<void> {
	if (fieldIds.length === 0) return;
	const existing = await readCustomFieldNames.call(this, itemIndex);
	const missing = findMissingFields({ mode: 'manual', fieldIds }, [], existing);
	if (missing.length > 0) {
		throw new NodeOperationError(this.getNode(), `Maileon has no custom field ${missing.map((name) => `"${name}"`).join(', ')}`, {
			itemIndex,
			description: 'Create it in Maileon under Contacts → Contact fields, or remove it from "Custom Fields".',
		});
	}
}

export const option: OperationOption = { name: 'Create or Update', description: 'Create a new record, or update the current one if it already exists (upsert)', action: 'Create or update a contact' };
