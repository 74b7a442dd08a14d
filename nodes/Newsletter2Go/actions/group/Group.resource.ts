import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/n8n/properties';
import * as addRecipients from './addRecipients.operation';
import * as getAll from './getAll.operation';
import * as removeRecipients from './removeRecipients.operation';

export { addRecipients, getAll, removeRecipients };

export const description: INodeProperties[] = [
	operationProperty('group', 'addRecipients', [
		{ name: 'Add Recipients', value: 'addRecipients', description: 'Add recipients of the list to a static group', action: 'Add recipients to a group' },
		{ name: 'Get Many', value: 'getAll', description: 'Get many groups of a list', action: 'Get many groups' },
		{ name: 'Remove Recipients', value: 'removeRecipients', description: 'Remove recipients from a static group', action: 'Remove recipients from a group' },
	]),
	...getAll.description,
	...addRecipients.description,
	...removeRecipients.description,
];
