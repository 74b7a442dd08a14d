import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/n8n/properties';
import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	operationProperty('contact', 'getAll', [
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get the contact persons of a client',
			action: 'Get many contact persons of a client',
		},
	]),
	...getAll.description,
];
