import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { groupHandlers, routeOperation, type OperationHandler } from '../../shared/n8n/router';
import * as exportFile from './export/Export.resource';
import type { KuferType } from './node.type';
import * as unsubscriber from './unsubscriber/Unsubscriber.resource';

type Handlers = { [T in KuferType as `${T['resource']}.${T['operation']}`]: OperationHandler };

const handlers: Handlers = {
	'export.parse': exportFile.parse.execute,
	'unsubscriber.createBackSyncFile': unsubscriber.createBackSyncFile.execute,
};

const resources = groupHandlers(handlers);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources);
}
