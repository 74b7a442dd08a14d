import { maileonApiTest } from './credentialTest';
import { searchBlacklists } from './listSearch';
import { getCustomFields } from './loadOptions';
import { getContactFields, getCustomContactFields } from './resourceMapping';

export const listSearch = { searchBlacklists };
export const loadOptions = { getCustomFields };
export const credentialTest = { maileonApiTest };
export const resourceMapping = { getContactFields, getCustomContactFields };
