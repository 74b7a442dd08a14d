import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationOption } from '../../../shared/n8n/properties';
import { changeMembership, membershipProperties } from './membership';

const displayOptions = { show: { resource: ['group'], operation: ['removeRecipients'] } };

export const description = updateDisplayOptions(displayOptions, membershipProperties);

export const execute = changeMembership('remove');

export const option: OperationOption = { name: 'Remove Recipients', description: 'Remove recipients from a static group', action: 'Remove recipients from a group' };
