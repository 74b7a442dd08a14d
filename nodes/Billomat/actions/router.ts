import { routerFor, type OperationModules } from '../../shared/n8n/router';
import * as client from './client/Client.resource';
import * as clientTag from './clientTag/ClientTag.resource';
import * as contact from './contact/Contact.resource';
import type { BillomatType } from './node.type';

const resources: OperationModules<BillomatType> = { client, clientTag, contact };

export const router = routerFor(resources);
