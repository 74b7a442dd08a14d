import { routerFor, type OperationModules } from '../../shared/n8n/router';
import * as attribute from './attribute/Attribute.resource';
import * as group from './group/Group.resource';
import * as list from './list/List.resource';
import type { Newsletter2GoType } from './node.type';
import * as recipient from './recipient/Recipient.resource';

const resources: OperationModules<Newsletter2GoType> = { attribute, group, list, recipient };

export const router = routerFor(resources);
