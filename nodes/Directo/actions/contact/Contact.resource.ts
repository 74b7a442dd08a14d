import { resourceDescription } from '../../../shared/n8n/properties';
import * as getAll from './getAll.operation';
import * as getNewsletterContacts from './getNewsletterContacts.operation';

export { getAll, getNewsletterContacts };

export const description = resourceDescription('contact', 'getNewsletterContacts', { getAll, getNewsletterContacts });
