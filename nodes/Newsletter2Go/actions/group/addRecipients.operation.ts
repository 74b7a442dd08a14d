import { updateDisplayOptions } from 'n8n-workflow';

import { changeMembership, membershipProperties } from './membership';

const displayOptions = { show: { resource: ['group'], operation: ['addRecipients'] } };

export const description = updateDisplayOptions(displayOptions, membershipProperties);

export const execute = changeMembership('add');
