import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * The one place where a failed item is handled: with "continue on fail" the error becomes an output
 * item linked to its input, otherwise the run stops with the error tied to that item.
 */
export function handleItemError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	output: INodeExecutionData[],
): void {
	const wrapped =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(this.getNode(), error instanceof Error ? error : String(error), {
					itemIndex,
				});
	if (this.continueOnFail()) {
		output.push({
			json: { error: wrapped.message, description: wrapped.description ?? null },
			pairedItem: { item: itemIndex },
		});
		return;
	}
	wrapped.context.itemIndex = itemIndex;
	throw wrapped;
}
