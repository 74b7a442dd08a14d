import type { OperationOption } from '../../../shared/n8n/properties';
import { getManyOperation } from '../listing';

export const { description, execute } = getManyOperation('customer');

export const option: OperationOption = { name: 'Get Many', description: 'Get many customers', action: 'Get many customers' };
