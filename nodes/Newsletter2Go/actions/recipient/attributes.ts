import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { isRecord } from '../../../shared/values';
import { ATTRIBUTE_NAME, BUILT_IN_ATTRIBUTES } from '../../mapping';
import { collectPages, listPath, newsletter2GoEnvelope } from '../../transport';

export interface EnsureOptions {
	/** Create missing custom attributes as text attributes; otherwise a missing one stops the run. */
	create: boolean;
	dryRun: boolean;
	itemIndex?: number;
}

/** Checks custom attribute names before they are sent: Newsletter2Go allows only `[0-9a-zA-Z_]` (§7.6). */
export function checkAttributeNames(this: IExecuteFunctions, names: readonly string[], itemIndex?: number): void {
	const bad = names.find((name) => !ATTRIBUTE_NAME.test(name));
	if (bad !== undefined) {
		throw new NodeOperationError(this.getNode(), `"${bad}" is not a valid Newsletter2Go attribute name`, {
			itemIndex,
			description: 'Attribute names may only contain letters, digits and underscores.',
		});
	}
}

/**
 * Makes sure the list has the custom attributes before recipients carry them: what happens to an
 * unknown key is not documented (§15 #8), so the reference says to create attributes first.
 */
export async function ensureAttributes(
	this: IExecuteFunctions,
	listId: string,
	names: readonly string[],
	options: EnsureOptions,
): Promise<string[]> {
	const custom = [...new Set(names)].filter((name) => !BUILT_IN_ATTRIBUTES.has(name));
	checkAttributeNames.call(this, custom, options.itemIndex);
	if (custom.length === 0) return [];
	const existing = new Set(
		(await collectPages.call(this, listPath(listId, 'attributes'), { _expand: true }, { itemIndex: options.itemIndex }))
			.map((attribute) => (isRecord(attribute) ? attribute.name : undefined))
			.filter((name): name is string => typeof name === 'string'),
	);
	const missing = custom.filter((name) => !existing.has(name));
	if (missing.length > 0 && !options.create) {
		throw new NodeOperationError(this.getNode(), `The list has no attribute "${missing[0]}"`, {
			itemIndex: options.itemIndex,
			description: 'Create it in Newsletter2Go or with the Attribute → Create operation, or turn on "Create Missing Attributes".',
		});
	}
	if (!options.dryRun) {
		for (const name of missing) {
			await newsletter2GoEnvelope.call(this, 'POST', '/attributes', {
				body: { list_ids: [listId], name, type: 'text', sub_type: 'text', display: 'all', html_element_type: 'input' },
				itemIndex: options.itemIndex,
			});
		}
	}
	return missing;
}
