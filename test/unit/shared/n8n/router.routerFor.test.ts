import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { handlersOf, routerFor, type OperationHandler } from '../../../../nodes/shared/n8n/router';

const getAll: OperationHandler = async (items) => [[{ json: { operation: 'getAll', count: items.length } }]];
const create: OperationHandler = async () => [[{ json: { operation: 'create' } }]];

/** What `import * as list from './list/List.resource'` holds: operation modules, the dropdown, helpers. */
const list = { getAll: { description: [], execute: getAll }, create: { execute: create }, description: [], listPath: () => '' };

function fakeContext(resource: string, operation: string, items: INodeExecutionData[]): IExecuteFunctions {
	const parameters: Record<string, string> = { resource, operation };
	return {
		getInputData: () => items,
		getNodeParameter: (name: string) => parameters[name],
		getNode: () => ({ name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} }),
	} as unknown as IExecuteFunctions;
}

describe('handlersOf', () => {
	it('keeps only the exports that have an execute handler', () => {
		expect(handlersOf({ list })).toEqual({ list: { getAll, create } });
	});
});

describe('routerFor', () => {
	it('runs the execute handler of the chosen operation module with the input items', async () => {
		const router = routerFor({ list });

		const output = await router.call(fakeContext('list', 'getAll', [{ json: {} }, { json: {} }]));

		expect(output).toEqual([[{ json: { operation: 'getAll', count: 2 } }]]);
	});

	it.each([
		['an operation the resource lacks', 'list', 'delete'],
		['an export that is no operation', 'list', 'description'],
		['an unknown resource', 'group', 'getAll'],
	])('refuses %s', async (_, resource, operation) => {
		const router = routerFor({ list });

		await expect(router.call(fakeContext(resource, operation, []))).rejects.toThrow(
			`The operation "${operation}" is not supported for resource "${resource}"`,
		);
	});
});
