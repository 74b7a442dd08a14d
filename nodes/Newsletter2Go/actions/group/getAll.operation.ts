import { getManyOfList } from '../getMany';

export const { description, execute } = getManyOfList('group', 'groups');
