import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/n8n/properties';
import * as add from './add.operation';
import * as getAll from './getAll.operation';
import * as remove from './remove.operation';

export { add, getAll, remove };

export const description: INodeProperties[] = [
	operationProperty('clientTag', 'add', [
		{ name: 'Add', value: 'add', description: 'Add tags to a client unless it has them', action: 'Add tags to a client' },
		{ name: 'Get Many', value: 'getAll', description: 'Get the tags of a client, or many tags', action: 'Get many client tags' },
		{ name: 'Remove', value: 'remove', description: 'Remove tags from a client', action: 'Remove tags from a client' },
	]),
	...add.description,
	...getAll.description,
	...remove.description,
];
