import { resourceDescription } from '../../../shared/n8n/properties';
import * as getAll from './getAll.operation';
import * as getNew from './getNew.operation';

export { getAll, getNew };

export const description = resourceDescription('unsubscriber', 'getNew', { getAll, getNew });
