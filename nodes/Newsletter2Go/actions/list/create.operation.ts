import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { perItem } from '../../../shared/n8n/itemLoop';
import { nameProperty, optionsProperty, type OperationOption } from '../../../shared/n8n/properties';
import { readIds } from '../../mapping';
import { listPath, newsletter2GoEnvelope } from '../../transport';
import { parameterReader } from '../../../shared/n8n/parameters';

const properties: INodeProperties[] = [
	{
		...nameProperty,
		description: 'Name of the address book, e.g. the newsletter it stands for',
	},
	optionsProperty([
		{ displayName: 'Click Tracking', name: 'has_clicktracking', type: 'boolean', default: true, description: 'Whether links in mailings are tracked' },
		{ displayName: 'Imprint URL', name: 'imprint', type: 'string', default: '' },
		{ displayName: 'Landing Page URL', name: 'landingpage', type: 'string', default: '', description: 'Shown after an unsubscribe' },
		{ displayName: 'Open Tracking', name: 'has_opentracking', type: 'boolean', default: true, description: 'Whether opens of mailings are tracked' },
		{ displayName: 'Reply-To Email', name: 'header_reply_email', type: 'string', placeholder: 'name@email.com', default: '' },
		{ displayName: 'Reply-To Name', name: 'header_reply_name', type: 'string', default: '' },
		{ displayName: 'Sender Email', name: 'header_from_email', type: 'string', placeholder: 'name@email.com', default: '' },
		{ displayName: 'Sender Name', name: 'header_from_name', type: 'string', default: '' },
	]),
];

const displayOptions = { show: { resource: ['list'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perItem(async function (itemIndex) {
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	if (name === '') {
		throw new NodeOperationError(this.getNode(), 'The list name is empty', {
			itemIndex,
			description: 'Enter a name for the address book.',
		});
	}
	const parameter = parameterReader(this, itemIndex);
	const options = parameter.collection('options');
	const created = await newsletter2GoEnvelope.call(this, 'POST', '/lists', { body: { ...options, name }, itemIndex });
	const [id] = readIds(created);
	if (id === undefined) return { name, ...options };
	const read = await newsletter2GoEnvelope.call(this, 'GET', listPath(id), { qs: { _expand: true }, itemIndex });
	return (read.value[0] as IDataObject | undefined) ?? { id, name, ...options };
});

export const option: OperationOption = { name: 'Create', description: 'Create an address book', action: 'Create a list' };
