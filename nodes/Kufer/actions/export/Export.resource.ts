import { resourceDescription } from '../../../shared/n8n/properties';
import * as parse from './parse.operation';

export { parse };

export const description = resourceDescription('export', 'parse', { parse });
