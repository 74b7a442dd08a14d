import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { nameProperty, type OperationOption } from '../../../shared/n8n/properties';
import { perItem } from '../../../shared/n8n/itemLoop';
import { STANDARD_FIELDS } from '../../mapping';
import { maileonRequest } from '../../transport';
import { parameterReader } from '../../../shared/n8n/parameters';

const properties: INodeProperties[] = [
	{
		...nameProperty,
		description: '3 to 64 characters, case-sensitive; must not be the name of a standard field',
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'Boolean', value: 'boolean' },
			{ name: 'Date', value: 'date' },
			{ name: 'Float', value: 'float' },
			{ name: 'Integer', value: 'integer' },
			{ name: 'String', value: 'string' },
		],
		default: 'string',
	},
];

const displayOptions = { show: { resource: ['customField'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Names Maileon reserves besides the standard fields (maileon.md §5.1). */
const RESERVED = new Set([
	...STANDARD_FIELDS.map((name) => name.toLowerCase()),
	'id',
	'created',
	'external_id',
	'local_part',
	'permission_type',
	'permission_status',
	'sendout_status',
	'updated',
]);

export const execute = perItem(async function (itemIndex) {
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	const parameter = parameterReader(this, itemIndex);
	const type = parameter.string('type', 'string');
	if (name.length < 3 || name.length > 64 || RESERVED.has(name.toLowerCase())) {
		throw new NodeOperationError(this.getNode(), `"${name}" cannot be a Maileon custom field name`, {
			itemIndex,
			description: 'Use 3 to 64 characters and a name that is not a standard field such as FIRSTNAME.',
		});
	}
	await maileonRequest.call(this, 'POST', `/contacts/fields/custom/${encodeURIComponent(name)}`, {
		qs: { type },
		itemIndex,
	});
	return { name, type, created: true };
});

export const option: OperationOption = { name: 'Create', description: 'Create a custom contact field', action: 'Create a custom field' };
