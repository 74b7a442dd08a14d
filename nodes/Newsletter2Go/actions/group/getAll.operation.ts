import type { OperationOption } from '../../../shared/n8n/properties';
import { getManyOfList } from '../getMany';

export const { description, execute } = getManyOfList('group', 'groups');

export const option: OperationOption = { name: 'Get Many', description: 'Get many groups of a list', action: 'Get many groups' };
