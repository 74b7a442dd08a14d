import { resourceDescription } from '../../../shared/n8n/properties';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getNewsletterContacts from './getNewsletterContacts.operation';
import * as setCustomField from './setCustomField.operation';
import * as update from './update.operation';

export { get, getAll, getNewsletterContacts, setCustomField, update };

export const description = resourceDescription('client', 'getNewsletterContacts', { get, getAll, getNewsletterContacts, setCustomField, update });
