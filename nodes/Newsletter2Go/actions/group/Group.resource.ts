import { resourceDescription } from '../../../shared/n8n/properties';
import * as addRecipients from './addRecipients.operation';
import * as getAll from './getAll.operation';
import * as removeRecipients from './removeRecipients.operation';

export { addRecipients, getAll, removeRecipients };

export const description = resourceDescription('group', 'addRecipients', { getAll, addRecipients, removeRecipients });
