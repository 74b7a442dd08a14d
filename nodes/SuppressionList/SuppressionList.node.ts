import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import type { OperationHandler } from '../shared/n8n/router';
import { SUPPRESSION_LIST_NAME } from '../shared/suppressionList';
import * as check from './actions/check.operation';
import * as count from './actions/count.operation';
import * as record from './actions/record.operation';
import * as release from './actions/release.operation';
import { parameterReader } from '../shared/n8n/parameters';

const operations = { check, count, record, release } as const;

const operationOptions = Object.entries(operations)
	.map(([value, module]) => ({ ...module.option, value }))
	.sort((a, b) => a.name.localeCompare(b.name));

const handlers: Readonly<Record<string, OperationHandler>> = {
	check: check.execute,
	count: count.execute,
	record: record.execute,
	release: release.execute,
};

export class SuppressionList implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Newsletter Suppression List',
		name: 'suppressionList',
		icon: { light: 'file:suppressionList.svg', dark: 'file:suppressionList.dark.svg' },
		group: ['transform'],
		version: 1,
		// a literal, as n8n's lint wants; test/nodes/SuppressionList checks it against the operation names
		subtitle: '={{ ({ check: "Check Addresses", count: "Count", record: "Record Unsubscribes", release: "Release After New Consent" })[$parameter["operation"]] || $parameter["operation"] }}',
		description: `Record, check, count and release the unsubscribed addresses of the "${SUPPRESSION_LIST_NAME}" data table, as hashes`,
		defaults: { name: 'Suppression List' },
		// no AI tool variant: most operations need the rows of a data table, which an agent cannot hand it
		usableAsTool: undefined,
		inputs: `={{ $parameter.operation === "check" ? [{ type: "main", displayName: "Addresses" }, { type: "main", displayName: "Suppression List", maxConnections: 1 }] : [{ type: "main" }] }}`,
		outputs: `={{ $parameter.operation === "count" ? [{ type: "main" }] : $parameter.operation === "check" ? [{ type: "main", displayName: "Not Listed" }, { type: "main", displayName: "Listed" }, { type: "main", displayName: "Invalid" }] : [{ type: "main", displayName: "Rows" }, { type: "main", displayName: "Invalid" }] }}`,
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: operationOptions,
				default: 'record',
			},
			...record.description,
			...check.description,
			...release.description,
			...count.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const parameter = parameterReader(this);
		const operation = parameter.string('operation', '');
		const handler = handlers[operation];
		if (handler === undefined) {
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`, {
				description: 'Pick another operation, or update the package if the workflow was built with a newer version.',
			});
		}
		return await handler.call(this, this.getInputData());
	}
}
