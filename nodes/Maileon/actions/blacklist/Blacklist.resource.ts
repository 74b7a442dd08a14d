import { resourceDescription } from '../../../shared/n8n/properties';
import * as addEntries from './addEntries.operation';
import * as getAll from './getAll.operation';

export { addEntries, getAll };

export const description = resourceDescription('blacklist', 'getAll', { addEntries, getAll });
