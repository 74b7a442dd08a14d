import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { groupHandlers, routeOperation, type OperationHandler } from '../../shared/n8n/router';
import * as contact from './contact/Contact.resource';
import * as customField from './customField/CustomField.resource';
import type { MaileonType } from './node.type';
import * as unsubscriber from './unsubscriber/Unsubscriber.resource';

type Handlers = { [T in MaileonType as `${T['resource']}.${T['operation']}`]: OperationHandler };

const handlers: Handlers = {
	'contact.upsert': contact.upsert.execute,
	'contact.get': contact.get.execute,
	'contact.getAll': contact.getAll.execute,
	'contact.deleteContact': contact.deleteContact.execute,
	'contact.unsubscribe': contact.unsubscribe.execute,
	'contact.syncMany': contact.syncMany.execute,
	'unsubscriber.getAll': unsubscriber.getAll.execute,
	'unsubscriber.getNew': unsubscriber.getNew.execute,
	'customField.getAll': customField.getAll.execute,
	'customField.create': customField.create.execute,
};

const resources = groupHandlers(handlers);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources);
}
