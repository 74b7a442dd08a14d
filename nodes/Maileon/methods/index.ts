import { getCustomFields } from './loadOptions';

export const loadOptions = { getCustomFields };
