import type { OperationOption } from '../../../shared/n8n/properties';
import { getManyOfList } from '../getMany';

export const { description, execute } = getManyOfList('attribute', 'attributes');

export const option: OperationOption = { name: 'Get Many', description: 'Get many attributes of a list', action: 'Get many attributes' };
