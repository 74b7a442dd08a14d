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
		displayOptions: { show: { resource: ['attribute'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a custom attribute', action: 'Create an attribute' },
			{ name: 'Get Many', value: 'getAll', description: 'Get many attributes of a list', action: 'Get many attributes' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...create.description,
];
