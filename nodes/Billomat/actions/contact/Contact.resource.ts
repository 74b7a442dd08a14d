import { resourceDescription } from '../../../shared/n8n/properties';
import * as getAll from './getAll.operation';

export { getAll };

export const description = resourceDescription('contact', 'getAll', { getAll });
