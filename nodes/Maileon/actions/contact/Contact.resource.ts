import { resourceDescription } from '../../../shared/n8n/properties';
import * as deleteContact from './deleteContact.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as syncMany from './syncMany.operation';
import * as unsubscribe from './unsubscribe.operation';
import * as upsert from './upsert.operation';

export { deleteContact, get, getAll, syncMany, unsubscribe, upsert };

export const description = resourceDescription('contact', 'syncMany', { upsert, get, getAll, deleteContact, unsubscribe, syncMany });
