import { maileonApiTest } from './credentialTest';
import { searchBlacklists } from './listSearch';
import { getCustomFields } from './loadOptions';

export const listSearch = { searchBlacklists };
export const loadOptions = { getCustomFields };
export const credentialTest = { maileonApiTest };
