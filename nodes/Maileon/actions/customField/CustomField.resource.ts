import { resourceDescription } from '../../../shared/n8n/properties';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

export { create, getAll };

export const description = resourceDescription('customField', 'getAll', { create, getAll });
