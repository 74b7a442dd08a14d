import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../shared/n8n/properties';
import { perItem } from '../../../shared/n8n/itemLoop';
import { readCustomFields } from '../../answers';
import { maileonRequest } from '../../transport';

const properties: INodeProperties[] = [];

const displayOptions = { show: { resource: ['customField'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = perItem(async function (itemIndex) {
	const response = await maileonRequest.call(this, 'GET', '/contacts/fields/custom', { itemIndex });
	return readCustomFields(response.body).map((field) => ({ ...field }));
});

export const option: OperationOption = { name: 'Get Many', description: 'List the custom contact fields', action: 'Get many custom fields' };
