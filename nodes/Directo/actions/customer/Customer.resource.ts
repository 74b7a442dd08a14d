import { resourceDescription } from '../../../shared/n8n/properties';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getNewsletterContacts from './getNewsletterContacts.operation';
import * as updateDatafield from './updateDatafield.operation';

export { get, getAll, getNewsletterContacts, updateDatafield };

export const description = resourceDescription('customer', 'getNewsletterContacts', { get, getAll, getNewsletterContacts, updateDatafield });
