import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/n8n/properties';
import * as createBackSyncFile from './createBackSyncFile.operation';

export { createBackSyncFile };

export const description: INodeProperties[] = [
	operationProperty('unsubscriber', 'createBackSyncFile', [
		{
			name: 'Create Back-Sync File',
			value: 'createBackSyncFile',
			description: 'Write the file that sets unsubscribed addresses to status N in KUFER',
			action: 'Create a back sync file',
		},
	]),
	...createBackSyncFile.description,
];
