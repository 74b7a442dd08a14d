import { NodeConnectionTypes } from 'n8n-workflow';
import type { ExpressionString, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** The display name of each value of an options parameter. */
function optionNames(property: INodeProperties | undefined): Map<string, string> {
	const options = (property?.options ?? []).filter((option): option is INodePropertyOptions => 'value' in option);
	return new Map(options.map((option) => [String(option.value), option.name]));
}

/** An object literal inside an expression; the spaces keep a closing `}}` from ending the expression early. */
function expressionObject(entries: Map<string, string>): string {
	const pairs = [...entries].map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`);
	return `{ ${pairs.join(', ')} }`;
}

/**
 * The subtitle of an action node: the picked operation by the name its dropdown shows ("Synchronize
 * Many"), as n8n shows it for its own nodes; the raw value only for an operation the node does not list.
 * The node's name already says what it works on, and a longer subtitle is cut off on the canvas.
 */
export function operationSubtitle(properties: readonly INodeProperties[]): ExpressionString {
	const labels = new Map<string, string>();
	for (const property of properties.filter((candidate) => candidate.name === 'operation')) {
		for (const resource of property.displayOptions?.show?.resource ?? []) {
			for (const [operation, name] of optionNames(property)) labels.set(`${String(resource)}:${operation}`, name);
		}
	}
	return `={{ (${expressionObject(labels)})[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] }}`;
}

/** The subtitle of a node led by a multi-options parameter: the names of the values picked, comma-separated. */
export function pickedOptionsSubtitle(property: INodeProperties): ExpressionString {
	const names = expressionObject(optionNames(property));
	return `={{ ($parameter["${property.name}"] || []).map((value) => (${names})[value] || value).join(", ") }}`;
}

/** The operation (of one resource, or of any with `resource` left out) that has two named outputs. */
export interface TwoOutputOperation {
	readonly resource?: string;
	readonly operation: string;
	readonly outputs: readonly [string, string];
}

/**
 * The `outputs` of an action node whose one operation has a second output (a report, rejected
 * records) while every other operation has one: an expression n8n evaluates with the parameters.
 */
export function actionNodeOutputs({ resource, operation, outputs }: TwoOutputOperation): ExpressionString {
	const main = NodeConnectionTypes.Main;
	const picked = `$parameter.operation === "${operation}"`;
	const condition = resource === undefined ? picked : `$parameter.resource === "${resource}" && ${picked}`;
	const [first, second] = outputs;
	return `={{ ${condition} ? [{ type: "${main}", displayName: "${first}" }, { type: "${main}", displayName: "${second}" }] : [{ type: "${main}" }] }}`;
}
