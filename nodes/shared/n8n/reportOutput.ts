import type { INodeExecutionData, INodeProperties, IPairedItemData } from 'n8n-workflow';

import type { Outcome, RunReport } from '../report';

/** The "Dry Run" switch every writing bulk operation offers. */
export const dryRunProperty: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description: 'Whether to report what would change without writing anything',
};

/** What a bulk operation that reads contact items expects of its input. */
export const syncNoticeProperty: INodeProperties = {
	displayName:
		'Each input item is one contact with at least an "email" field, as the source nodes of this package emit it. Only contacts with a "send" consent decision are transferred; unsubscribed addresses stay out.',
	name: 'syncNotice',
	type: 'notice',
	default: '',
};

/** The "Consent Check" option of bulk operations that read contact items (see `selectContacts`). */
export const consentModeProperty: INodeProperties = {
	displayName: 'Consent Check',
	name: 'consentMode',
	type: 'options',
	options: [
		{
			name: 'Require a Consent Decision on Each Item',
			value: 'require',
			description: 'Items without a "consent" decision are skipped',
		},
		{
			name: 'Trust the Input',
			value: 'trust',
			description:
				'Treat every item without a consent decision as consented; only for lists you know are consented',
		},
	],
	default: 'require',
};

/** The option of bulk synchronizations that lists the contacts sent, with their consent trail, in the report. */
export const listSentProperty: INodeProperties = {
	displayName: 'List Sent Contacts With Consent Trail',
	name: 'listSent',
	type: 'boolean',
	default: false,
	description:
		'Whether the report lists each contact the platform took (a dry run: would send) with the record, status and date its consent came from; the first 100, the rest counted in "sentTruncated"',
};

/** One item of a bulk operation's "Rejected" output, linked to the input item it came from. */
export function rejectedItem(
	index: number,
	email: string | undefined,
	reason: string,
	outcome: Extract<Outcome, 'invalid' | 'failed'>,
): INodeExecutionData {
	return { json: { email: email ?? null, reason, outcome }, pairedItem: { item: index } };
}

/** `pairedItem` of an output item that summarises every input item (the first when there is none). */
export function pairedWithAll(inputCount: number): IPairedItemData | IPairedItemData[] {
	const pairedItem: IPairedItemData[] = [];
	for (let item = 0; item < inputCount; item++) pairedItem.push({ item });
	return inputCount > 0 ? pairedItem : { item: 0 };
}

/** The run report as one output item, linked to every input item it summarises. */
export function reportItem(report: RunReport, inputCount: number): INodeExecutionData {
	return { json: report.toJSON() as unknown as INodeExecutionData['json'], pairedItem: pairedWithAll(inputCount) };
}
