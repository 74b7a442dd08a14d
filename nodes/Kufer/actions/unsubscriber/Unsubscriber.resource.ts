import { resourceDescription } from '../../../shared/n8n/properties';
import * as createBackSyncFile from './createBackSyncFile.operation';

export { createBackSyncFile };

export const description = resourceDescription('unsubscriber', 'createBackSyncFile', { createBackSyncFile });
