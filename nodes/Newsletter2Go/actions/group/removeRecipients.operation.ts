import { updateDisplayOptions } from 'n8n-workflow';

import { changeMembership, membershipProperties } from './membership';

const displayOptions = { show: { resource: ['group'], operation: ['removeRecipients'] } };

export const description = updateDisplayOptions(displayOptions, membershipProperties);

export const execute = changeMembership('remove');
