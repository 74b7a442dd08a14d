import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { groupHandlers, routeOperation, type OperationHandler } from '../../shared/n8n/router';
import * as contact from './contact/Contact.resource';
import * as customer from './customer/Customer.resource';
import type { DirectoType } from './node.type';

type Handlers = { [T in DirectoType as `${T['resource']}.${T['operation']}`]: OperationHandler };

const handlers: Handlers = {
	'customer.get': customer.get.execute,
	'customer.getAll': customer.getAll.execute,
	'customer.getNewsletterContacts': customer.getNewsletterContacts.execute,
	'customer.updateDatafield': customer.updateDatafield.execute,
	'contact.getAll': contact.getAll.execute,
	'contact.getNewsletterContacts': contact.getNewsletterContacts.execute,
};

const resources = groupHandlers(handlers);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources);
}
