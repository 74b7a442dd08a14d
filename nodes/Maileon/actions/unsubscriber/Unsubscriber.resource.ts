import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as getNew from './getNew.operation';

export { getAll, getNew };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['unsubscriber'] } },
		options: [
			{ name: 'Get Many', value: 'getAll', description: 'Get unsubscriptions in a time window', action: 'Get many unsubscribers' },
			{ name: 'Get New Since Last Run', value: 'getNew', description: 'Get the unsubscriptions that are new since the previous run of this workflow', action: 'Get new unsubscribers since last run' },
		],
		default: 'getNew',
	},
	...getAll.description,
	...getNew.description,
];
