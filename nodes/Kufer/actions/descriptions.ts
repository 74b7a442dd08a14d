import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { isValidTimeZone } from '../dates';

export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/** KUFER writes local times without a zone (kufer.md §7 #8); shared by Parse and the back-sync file. */
export const timeZoneOption: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'string',
	default: DEFAULT_TIME_ZONE,
	placeholder: 'Europe/Berlin',
	description:
		'IANA time zone of the dates KUFER writes (dd.mm.yyyy), which carry no zone. Europe/Berlin is an assumption; change it if your KUFER runs elsewhere.',
};

/** Reads and checks the "Time Zone" option. */
export function readTimeZone(this: IExecuteFunctions, value: unknown): string {
	const zone = typeof value === 'string' && value.trim() !== '' ? value.trim() : DEFAULT_TIME_ZONE;
	if (!isValidTimeZone(zone)) {
		throw new NodeOperationError(this.getNode(), `The time zone "${zone}" is not known`, {
			description: 'Enter an IANA time zone name such as Europe/Berlin or Europe/Vienna.',
		});
	}
	return zone;
}
