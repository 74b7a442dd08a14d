import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { RunReport, type RunReportCounts, type RunReportJson } from '../shared/report';
import { isRecord } from '../shared/values';
import { parameterReader } from '../shared/n8n/parameters';

const THRESHOLDS = ['failed', 'invalid', 'skipped', 'suppressed'] as const;
type Threshold = (typeof THRESHOLDS)[number];

function isRunReport(value: unknown): value is RunReportJson {
	return (
		isRecord(value) &&
		isRecord(value.counts) &&
		typeof value.summary === 'string' &&
		typeof value.startedAt === 'string' &&
		Array.isArray(value.reasons)
	);
}

/** A report item, or an item that carries its report under `report` (e.g. a back-sync file). */
function reportOf(json: IDataObject): RunReportJson | undefined {
	if (isRunReport(json)) return json;
	return isRunReport(json.report) ? json.report : undefined;
}

export class SyncReport implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Newsletter Sync Report',
		name: 'syncReport',
		icon: { light: 'file:syncReport.svg', dark: 'file:syncReport.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: 'Combine run reports',
		description:
			'Combine the run reports of the newsletter sync nodes of one run into one report with a one-line summary',
		defaults: { name: 'Run Report' },
		// no AI tool variant: it only combines the run reports of other nodes, which an agent does not have
		usableAsTool: undefined,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName:
					'Feed this node the report items of the source, target and back-sync nodes (use a Merge node in Append mode when they come from several branches). Other items are ignored.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Fail When Any Contact Is',
				name: 'failWhen',
				type: 'multiOptions',
				options: [
					{ name: 'Failed', value: 'failed', description: 'The platform rejected it' },
					{ name: 'Invalid', value: 'invalid', description: 'It has no usable email address or a field the platform refuses' },
					{ name: 'Skipped', value: 'skipped', description: 'It has no valid consent' },
					{ name: 'Suppressed', value: 'suppressed', description: 'The suppression ledger or the platform holds it as unsubscribed' },
				],
				default: [],
				description:
					'Stop the execution with an error after writing the report when any contact ended like this, so an error workflow can send the report to someone',
			},
			{
				displayName: 'Include Reasons',
				name: 'includeReasons',
				type: 'boolean',
				default: true,
				description: 'Whether to keep the per-contact reasons in the combined report',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const reports: RunReportJson[] = [];
		const pairedItem = items.map((_, item) => ({ item }));
		for (const item of items) {
			const report = reportOf(item.json);
			if (report) reports.push(report);
		}
		if (reports.length === 0) {
			throw new NodeOperationError(this.getNode(), 'No run report among the input items', {
				description:
					'Connect the report output of a Synchronize Many, Get Newsletter Contacts, Parse or Create Back-Sync File operation to this node.',
			});
		}
		const merged = RunReport.merge(...reports);
		if (this.getNodeParameter('includeReasons', 0, true) === false) merged.reasons = [];
		const parameter = parameterReader(this);
		const failWhen = parameter.choices('failWhen', THRESHOLDS);
		const keys: Record<Threshold, keyof RunReportCounts> = {
			failed: 'failed',
			invalid: 'invalid',
			skipped: 'skipped',
			suppressed: 'suppressed',
		};
		const exceeded = failWhen.filter((threshold) => merged.counts[keys[threshold]] > 0);
		if (exceeded.length > 0) {
			throw new NodeOperationError(this.getNode(), `Newsletter sync: ${merged.summary}`, {
				description: `Stopped because contacts were ${exceeded.join(', ')}. The reasons: ${merged.reasons
					.slice(0, 10)
					.map((reason) => `${reason.email ?? ''} ${reason.reason}`.trim())
					.join('; ')}`,
			});
		}
		return [[{ json: merged as unknown as IDataObject, pairedItem }]];
	}
}
