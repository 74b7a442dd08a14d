import type { INodeProperties } from 'n8n-workflow';

import * as parse from './parse.operation';

export { parse };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['export'] } },
		options: [
			{
				name: 'Parse',
				value: 'parse',
				description: 'Read a KUFER address export into contacts with a consent decision',
				action: 'Parse an address export',
			},
		],
		default: 'parse',
	},
	...parse.description,
];
