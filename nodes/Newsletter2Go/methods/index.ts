import { searchGroups, searchLists } from './listSearch';

export const listSearch = { searchGroups, searchLists };
