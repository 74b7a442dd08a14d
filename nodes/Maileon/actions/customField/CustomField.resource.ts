import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getAll from './getAll.operation';

export { create, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customField'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a custom contact field', action: 'Create a custom field' },
			{ name: 'Get Many', value: 'getAll', description: 'List the custom contact fields', action: 'Get many custom fields' },
		],
		default: 'getAll',
	},
	...create.description,
	...getAll.description,
];
