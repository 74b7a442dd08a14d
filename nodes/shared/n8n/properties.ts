import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

// n8n lint reads parameters only where they are object literals; test/lint/descriptionLint.test.ts lints
// each node again with its finished description written out, so what these helpers build is checked too.

/** The "Options" collection of an operation, holding its optional settings. */
export function optionsProperty(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, options };
}

/** The "Filters" collection of a read operation. */
export function filtersProperty(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add filter', default: {}, options };
}

/** The "Fields" collection of a write operation: the standard fields the user sets. */
export function fieldsProperty(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Fields', name: 'fields', type: 'collection', placeholder: 'Add field', default: {}, options };
}

/** A required email address; operations add their own description or display conditions. */
export const emailProperty: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
	required: true,
};

/** The field of each input item that holds an address, for operations that read addresses from items. */
export const emailFieldProperty: INodeProperties = {
	displayName: 'Email Field',
	name: 'emailField',
	type: 'string',
	default: 'email',
	required: true,
	placeholder: 'email',
	description: 'The name of the field that holds the address in each input item, e.g. "email" or "E-Mail" of a CSV file',
};

/** The required name of what a Create operation makes; operations add their own description. */
export const nameProperty: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	required: true,
};

/** The resource selector that heads the parameters of an action node. */
export function resourceProperty(defaultResource: string, options: INodePropertyOptions[]): INodeProperties {
	return { displayName: 'Resource', name: 'resource', type: 'options', noDataExpression: true, options, default: defaultResource };
}

/** The operation selector of one resource, shown when that resource is picked. */
function operationProperty(
	resource: string,
	defaultOperation: string,
	options: INodePropertyOptions[],
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}

/** How an operation appears in its resource's Operation dropdown; its value is the name of its module. */
export interface OperationOption {
	readonly name: string;
	readonly description: string;
	readonly action: string;
}

/** An operation module as a resource file sees it: its dropdown entry and its parameters. */
export interface OperationDescription {
	readonly option: OperationOption;
	readonly description: INodeProperties[];
}

/**
 * The parameters of one resource: its Operation dropdown, built from the operation modules and sorted
 * by name as n8n lint wants, then each module's parameters in the order given.
 */
export function resourceDescription(
	resource: string,
	defaultOperation: string,
	operations: Readonly<Record<string, OperationDescription>>,
): INodeProperties[] {
	const options = Object.entries(operations)
		.map(([value, { option }]): INodePropertyOptions => ({ name: option.name, value, description: option.description, action: option.action }))
		.sort((a, b) => a.name.localeCompare(b.name, 'en'));
	return [
		operationProperty(resource, defaultOperation, options),
		...Object.values(operations).flatMap((operation) => operation.description),
	];
}

/** The names in a comma-separated parameter ("FIRSTNAME, LASTNAME"): trimmed, empty ones dropped. */
export function splitNameList(value: unknown): string[] {
	const text = value === undefined || value === null ? '' : String(value);
	return text
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
}
