import { resourceDescription } from '../../../shared/n8n/properties';
import * as add from './add.operation';
import * as getAll from './getAll.operation';
import * as remove from './remove.operation';

export { add, getAll, remove };

export const description = resourceDescription('clientTag', 'add', { add, getAll, remove });
