import type { INodeProperties } from 'n8n-workflow';

import * as createBackSyncFile from './createBackSyncFile.operation';

export { createBackSyncFile };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['unsubscriber'] } },
		options: [
			{
				name: 'Create Back-Sync File',
				value: 'createBackSyncFile',
				description: 'Write the file that sets unsubscribed addresses to status N in KUFER',
				action: 'Create a back sync file',
			},
		],
		default: 'createBackSyncFile',
	},
	...createBackSyncFile.description,
];
