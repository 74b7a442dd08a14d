import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** `returnAll` + `limit`, the paging parameters of every "Get Many" operation. */
export const returnAllProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** The `limit` the pager should honour, or `undefined` for "return all". */
export function readPaging(getParameter: (name: string) => unknown): number | undefined {
	return getParameter('returnAll') === true ? undefined : Number(getParameter('limit') ?? 50);
}

/** `readPaging` for one input item of an operation. */
export function readItemPaging(this: IExecuteFunctions, itemIndex: number): number | undefined {
	return readPaging((name) => this.getNodeParameter(name, itemIndex, undefined));
}
