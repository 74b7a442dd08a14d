import { NodeConnectionTypes } from 'n8n-workflow';
import type { ExpressionString } from 'n8n-workflow';

/** The subtitle of an action node: the operation and resource picked. */
export const OPERATION_SUBTITLE = '={{$parameter["operation"] + ": " + $parameter["resource"]}}';

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
