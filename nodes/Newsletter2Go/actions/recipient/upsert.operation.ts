import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { fieldMappingProperty, readManualMapping } from '../../../shared/n8n/fieldMapping';
import { perItemWithLedger } from '../../../shared/n8n/itemLoop';
import { parameterReader } from '../../../shared/n8n/parameters';
import { emailProperty, fieldsProperty, optionsProperty, type OperationOption } from '../../../shared/n8n/properties';
import { readIds, readInvalidRecipients, type RecipientValue } from '../../mapping';
import { newsletter2GoEnvelope } from '../../transport';
import { listLocator, readEmail, readLocator } from '../descriptions';
import { ensureAttributes } from './attributes';

const CUSTOM_ATTRIBUTES = 'customAttributeMapping';

const properties: INodeProperties[] = [
	listLocator,
	emailProperty,
	fieldsProperty([
		{ displayName: 'First Name', name: 'first_name', type: 'string', default: '' },
		{
			displayName: 'Gender',
			name: 'gender',
			type: 'options',
			options: [
				{ name: 'Female', value: 'f' },
				{ name: 'Male', value: 'm' },
			],
			default: 'f',
			description: 'Newsletter2Go knows only these two values; leave the field out otherwise',
		},
		{ displayName: 'Last Name', name: 'last_name', type: 'string', default: '' },
		{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	]),
	fieldMappingProperty({
		resourceMapperMethod: 'getRecipientAttributes',
		fieldWords: { singular: 'attribute', plural: 'attributes' },
		dependsOn: ['list.value'],
		manualOnly: { name: CUSTOM_ATTRIBUTES, displayName: 'Custom Attributes' },
		description:
			'The custom attributes of the list to fill, loaded from Newsletter2Go. An empty value is not sent, so the recipient keeps its current one. An attribute the list lacks is created first with "Create Missing Attributes", else it stops the node before it writes.',
	}),
	optionsProperty([
		{
			displayName: 'Create Missing Attributes',
			name: 'createMissingAttributes',
			type: 'boolean',
			default: true,
			description: 'Whether to create custom attributes the list lacks as text attributes first',
		},
		{
			displayName: 'Skip Suppressed Addresses',
			name: 'skipSuppressed',
			type: 'boolean',
			default: true,
			description:
				"Whether to leave out an address that the workflow's suppression ledger holds (it unsubscribed or was erased earlier)",
		},
	]),
];

const displayOptions = { show: { resource: ['recipient'], operation: ['upsert'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perItemWithLedger(async function (itemIndex, ledger) {
	const listId = readLocator.call(this, 'list', itemIndex);
	const email = readEmail.call(this, itemIndex);
	const parameter = parameterReader(this, itemIndex);
	const options = parameter.collection('options');
	if (options.skipSuppressed !== false && ledger.has(email)) {
		return {
			email,
			listId,
			skipped: true,
			reason: 'The address unsubscribed or was erased earlier (suppression ledger).',
		};
	}
	const fields = parameter.collection('fields');
	const attributes = readManualMapping(this, CUSTOM_ATTRIBUTES, itemIndex);
	await ensureAttributes.call(this, listId, attributes.fieldIds, {
		create: options.createMissingAttributes !== false,
		dryRun: false,
		itemIndex,
	});
	// unset fields stay out of the body: an empty value would blank the recipient's current one
	const body: Record<string, RecipientValue> = { list_id: listId, email };
	for (const [name, value] of Object.entries(fields)) if (typeof value === 'string' && value !== '') body[name] = value;
	for (const [name, value] of Object.entries(attributes.values)) body[name] = value;

	const answer = await newsletter2GoEnvelope.call(this, 'POST', '/recipients', { body, itemIndex });
	const [invalid] = readInvalidRecipients(answer);
	if (invalid !== undefined) {
		throw new NodeOperationError(this.getNode(), `Newsletter2Go did not take the recipient: ${invalid.reason}`, {
			itemIndex,
			description: 'Correct the address or the fields at the source; Newsletter2Go reports such recipients without an HTTP error.',
		});
	}
	return { id: readIds(answer)[0] ?? null, email, listId };
});

export const option: OperationOption = { name: 'Create or Update', description: 'Create a new record, or update the current one if it already exists (upsert)', action: 'Create or update a recipient' };
