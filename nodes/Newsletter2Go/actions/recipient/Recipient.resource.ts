import { resourceDescription } from '../../../shared/n8n/properties';
import * as deleteRecipient from './deleteRecipient.operation';
import * as erase from './erase.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as syncMany from './syncMany.operation';
import * as unsubscribe from './unsubscribe.operation';
import * as upsert from './upsert.operation';

export { deleteRecipient, erase, get, getAll, syncMany, unsubscribe, upsert };

export const description = resourceDescription('recipient', 'syncMany', { upsert, get, getAll, unsubscribe, erase, deleteRecipient, syncMany });
