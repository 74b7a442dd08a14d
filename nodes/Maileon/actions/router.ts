import { routerFor, type OperationModules } from '../../shared/n8n/router';
import * as blacklist from './blacklist/Blacklist.resource';
import * as contact from './contact/Contact.resource';
import * as customField from './customField/CustomField.resource';
import type { MaileonType } from './node.type';
import * as unsubscriber from './unsubscriber/Unsubscriber.resource';

const resources: OperationModules<MaileonType> = { contact, customField, unsubscriber, blacklist };

export const router = routerFor(resources);
