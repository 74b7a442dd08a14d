import { searchGroups, searchLists } from './listSearch';
import { getRecipientFields } from './resourceMapping';

export const listSearch = { searchGroups, searchLists };
export const resourceMapping = { getRecipientFields };
