import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/n8n/properties';
import * as getAll from './getAll.operation';
import * as getNew from './getNew.operation';

export { getAll, getNew };

export const description: INodeProperties[] = [
	operationProperty('unsubscriber', 'getNew', [
		{ name: 'Get Many', value: 'getAll', description: 'Get unsubscriptions in a time window', action: 'Get many unsubscribers' },
		{ name: 'Get New Since Last Run', value: 'getNew', description: 'Get the unsubscriptions that are new since the previous run of this workflow', action: 'Get new unsubscribers since last run' },
	]),
	...getAll.description,
	...getNew.description,
];
