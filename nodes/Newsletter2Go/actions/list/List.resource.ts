import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/n8n/properties';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

export { create, getAll };

export const description: INodeProperties[] = [
	operationProperty('list', 'getAll', [
		{ name: 'Create', value: 'create', description: 'Create an address book', action: 'Create a list' },
		{ name: 'Get Many', value: 'getAll', description: 'Get many address books', action: 'Get many lists' },
	]),
	...getAll.description,
	...create.description,
];
