import { searchGroups, searchLists } from './listSearch';
import { getRecipientAttributes, getRecipientFields } from './resourceMapping';

export const listSearch = { searchGroups, searchLists };
export const resourceMapping = { getRecipientAttributes, getRecipientFields };
