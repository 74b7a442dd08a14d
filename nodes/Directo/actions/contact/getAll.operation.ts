import type { OperationOption } from '../../../shared/n8n/properties';
import { getManyOperation } from '../listing';

export const { description, execute } = getManyOperation('contact');

export const option: OperationOption = { name: 'Get Many', description: 'Get many contacts', action: 'Get many contacts' };
