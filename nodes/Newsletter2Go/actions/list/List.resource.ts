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
		displayOptions: { show: { resource: ['list'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create an address book', action: 'Create a list' },
			{ name: 'Get Many', value: 'getAll', description: 'Get many address books', action: 'Get many lists' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...create.description,
];
