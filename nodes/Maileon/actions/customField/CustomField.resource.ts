import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/n8n/properties';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

export { create, getAll };

export const description: INodeProperties[] = [
	operationProperty('customField', 'getAll', [
		{ name: 'Create', value: 'create', description: 'Create a custom contact field', action: 'Create a custom field' },
		{ name: 'Get Many', value: 'getAll', description: 'List the custom contact fields', action: 'Get many custom fields' },
	]),
	...create.description,
	...getAll.description,
];
