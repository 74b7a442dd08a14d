import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { groupHandlers, routeOperation, type OperationHandler } from '../../shared/n8n/router';
import * as client from './client/Client.resource';
import * as clientTag from './clientTag/ClientTag.resource';
import * as contact from './contact/Contact.resource';
import type { BillomatType } from './node.type';

type Handlers = { [T in BillomatType as `${T['resource']}.${T['operation']}`]: OperationHandler };

const handlers: Handlers = {
	'client.get': client.get.execute,
	'client.getAll': client.getAll.execute,
	'client.getNewsletterContacts': client.getNewsletterContacts.execute,
	'client.setCustomField': client.setCustomField.execute,
	'client.update': client.update.execute,
	'clientTag.add': clientTag.add.execute,
	'clientTag.getAll': clientTag.getAll.execute,
	'clientTag.remove': clientTag.remove.execute,
	'contact.getAll': contact.getAll.execute,
};

const resources = groupHandlers(handlers);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources);
}
