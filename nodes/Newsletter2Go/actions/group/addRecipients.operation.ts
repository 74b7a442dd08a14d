import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationOption } from '../../../shared/n8n/properties';
import { changeMembership, membershipProperties } from './membership';

const displayOptions = { show: { resource: ['group'], operation: ['addRecipients'] } };

export const description = updateDisplayOptions(displayOptions, membershipProperties);

export const execute = changeMembership('add');

export const option: OperationOption = { name: 'Add Recipients', description: 'Add recipients of the list to a static group', action: 'Add recipients to a group' };
