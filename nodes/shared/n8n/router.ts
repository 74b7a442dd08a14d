import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { parameterReader } from './parameters';

/** An operation receives every input item (our APIs have bulk calls) and returns one array per output. */
export type OperationHandler = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
) => Promise<INodeExecutionData[][]>;

export type ResourceMap = Record<string, Record<string, OperationHandler | undefined> | undefined>;

/**
 * Looks the operation up by resource and name (Notion v3 style), so adding an operation touches only
 * its resource module.
 */
export async function routeOperation(
	this: IExecuteFunctions,
	resources: ResourceMap,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const parameter = parameterReader(this);
	const resource = parameter.string('resource', '');
	const operation = parameter.string('operation', '');
	const handler = resources[resource]?.[operation];
	if (typeof handler !== 'function') {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for resource "${resource}"`,
			{ description: 'Pick another operation, or update the package if the workflow was built with a newer version.' },
		);
	}
	return await handler.call(this, items);
}

/**
 * The resource map from handlers keyed `"resource.operation"`; a node types that key map with its
 * resource/operation union, so the compiler checks that every pair has a handler.
 */
export function groupHandlers(handlers: Readonly<Record<string, OperationHandler>>): ResourceMap {
	const resources: Record<string, Record<string, OperationHandler>> = {};
	for (const [key, handler] of Object.entries(handlers)) {
		const [resource, operation] = key.split('.');
		resources[resource] ??= {};
		resources[resource][operation] = handler;
	}
	return resources;
}

/**
 * The resource modules of a node (`import * as contact from './contact/Contact.resource'`), typed by
 * its resource/operation union: the compiler checks that every pair has an operation module with
 * an `execute` handler.
 */
export type OperationModules<Pair extends { resource: string; operation: string }> = {
	[R in Pair['resource']]: { [O in Extract<Pair, { resource: R }>['operation']]: { execute: OperationHandler } };
};

/** The `execute` handlers of resource modules, as the resource map `routeOperation` looks up. */
export function handlersOf(modules: Readonly<Record<string, object>>): ResourceMap {
	const resources: Record<string, Record<string, OperationHandler>> = {};
	for (const [resource, exported] of Object.entries(modules)) {
		resources[resource] = {};
		for (const [operation, module] of Object.entries(exported)) {
			const execute: unknown = typeof module === 'object' && module !== null ? (module as { execute?: unknown }).execute : undefined;
			if (typeof execute === 'function') resources[resource][operation] = execute as OperationHandler;
		}
	}
	return resources;
}

/** A node's `execute`: dispatches to the operation module that the resource and operation name. */
export function routerFor(
	modules: Readonly<Record<string, object>>,
): (this: IExecuteFunctions) => Promise<INodeExecutionData[][]> {
	const resources = handlersOf(modules);
	return async function (this: IExecuteFunctions) {
		return await routeOperation.call(this, resources);
	};
}
