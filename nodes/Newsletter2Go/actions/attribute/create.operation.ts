import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { perItem } from '../../../shared/n8n/itemLoop';
import { nameProperty, optionsProperty, type OperationOption } from '../../../shared/n8n/properties';
import { BUILT_IN_ATTRIBUTES, readIds } from '../../mapping';
import { newsletter2GoEnvelope } from '../../transport';
import { listLocator, readLocator } from '../descriptions';
import { checkAttributeNames } from '../recipient/attributes';
import { parameterReader } from '../../../shared/n8n/parameters';

/** `sub_type` values per `type` (newsletter2go.md §7.6). */
const SUB_TYPES: Record<string, string> = { text: 'text', number: 'integer', date: 'date', boolean: 'text' };

const properties: INodeProperties[] = [
	listLocator,
	{
		...nameProperty,
		placeholder: 'customer_no',
		description: 'Letters, digits and underscores only; recipients carry the value under this name',
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'Boolean', value: 'boolean' },
			{ name: 'Date', value: 'date' },
			{ name: 'Number', value: 'number' },
			{ name: 'Text', value: 'text' },
		],
		default: 'text',
	},
	optionsProperty([
		{ displayName: 'Default Value', name: 'default_value', type: 'string', default: '' },
		{
			displayName: 'Public',
			name: 'is_public',
			type: 'boolean',
			default: false,
			description: 'Whether the attribute may appear in subscription forms',
		},
		{
			displayName: 'Sub Type',
			name: 'sub_type',
			type: 'options',
			options: [
				{ name: 'Color', value: 'color' },
				{ name: 'Date', value: 'date' },
				{ name: 'Date and Time', value: 'datetime' },
				{ name: 'Email', value: 'email' },
				{ name: 'Float', value: 'float' },
				{ name: 'Integer', value: 'integer' },
				{ name: 'Phone', value: 'tel' },
				{ name: 'Text', value: 'text' },
				{ name: 'Time', value: 'time' },
				{ name: 'URL', value: 'url' },
			],
			default: 'text',
			description: 'Finer type shown in the editor; defaults to the natural one for the type',
		},
	]),
];

const displayOptions = { show: { resource: ['attribute'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perItem(async function (itemIndex) {
	const listId = readLocator.call(this, 'list', itemIndex);
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	checkAttributeNames.call(this, [name], itemIndex);
	if (BUILT_IN_ATTRIBUTES.has(name)) {
		throw new NodeOperationError(this.getNode(), `"${name}" is a built-in attribute`, {
			itemIndex,
			description: 'Recipients already have it; pick another name for a custom attribute.',
		});
	}
	const parameter = parameterReader(this, itemIndex);
	const type = parameter.string('type', 'text');
	const options = parameter.collection('options');
	const body: IDataObject = {
		list_ids: [listId],
		name,
		type,
		sub_type: SUB_TYPES[type] ?? 'text',
		display: 'all',
		html_element_type: 'input',
		is_enum: false,
		is_multiselect: false,
		is_global: false,
		...options,
	};
	const created = await newsletter2GoEnvelope.call(this, 'POST', '/attributes', { body, itemIndex });
	return { id: readIds(created)[0] ?? null, ...body };
});

export const option: OperationOption = { name: 'Create', description: 'Create a custom attribute', action: 'Create an attribute' };
