import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/n8n/properties';
import * as parse from './parse.operation';

export { parse };

export const description: INodeProperties[] = [
	operationProperty('export', 'parse', [
		{
			name: 'Parse',
			value: 'parse',
			description: 'Read a KUFER address export into contacts with a consent decision',
			action: 'Parse an address export',
		},
	]),
	...parse.description,
];
