import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { groupHandlers, routeOperation, type OperationHandler } from '../../shared/n8n/router';
import * as attribute from './attribute/Attribute.resource';
import * as group from './group/Group.resource';
import * as list from './list/List.resource';
import type { Newsletter2GoType } from './node.type';
import * as recipient from './recipient/Recipient.resource';

type Handlers = { [T in Newsletter2GoType as `${T['resource']}.${T['operation']}`]: OperationHandler };

const handlers: Handlers = {
	'list.getAll': list.getAll.execute,
	'list.create': list.create.execute,
	'recipient.upsert': recipient.upsert.execute,
	'recipient.get': recipient.get.execute,
	'recipient.getAll': recipient.getAll.execute,
	'recipient.unsubscribe': recipient.unsubscribe.execute,
	'recipient.erase': recipient.erase.execute,
	'recipient.deleteRecipient': recipient.deleteRecipient.execute,
	'recipient.syncMany': recipient.syncMany.execute,
	'attribute.getAll': attribute.getAll.execute,
	'attribute.create': attribute.create.execute,
	'group.getAll': group.getAll.execute,
	'group.addRecipients': group.addRecipients.execute,
	'group.removeRecipients': group.removeRecipients.execute,
};

const resources = groupHandlers(handlers);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources);
}
