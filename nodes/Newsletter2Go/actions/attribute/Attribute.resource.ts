import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/n8n/properties';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

export { create, getAll };

export const description: INodeProperties[] = [
	operationProperty('attribute', 'getAll', [
		{ name: 'Create', value: 'create', description: 'Create a custom attribute', action: 'Create an attribute' },
		{ name: 'Get Many', value: 'getAll', description: 'Get many attributes of a list', action: 'Get many attributes' },
	]),
	...getAll.description,
	...create.description,
];
