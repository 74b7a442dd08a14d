import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import type { RequestContext } from '../../../shared/n8n/http';
import { isRecord } from '../../../shared/values';
import { ATTRIBUTE_NAME, BUILT_IN_ATTRIBUTES } from '../../mapping';
import { collectPages, listPath, newsletter2GoEnvelope } from '../../transport';

export interface EnsureOptions {
	/** Create missing custom attributes as text attributes; otherwise a missing one stops the run. */
	create: boolean;
	dryRun: boolean;
	itemIndex?: number;
}

/** A custom attribute of a list: its name and type (`text`, `number`, `date`, `boolean`, §7.6). */
export interface ListAttribute {
	name: string;
	type: string;
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

/** The custom attributes of a list. */
export async function readAttributes(this: RequestContext, listId: string, itemIndex?: number): Promise<ListAttribute[]> {
	const records = await collectPages.call(this, listPath(listId, 'attributes'), { _expand: true }, { itemIndex });
	return records.flatMap((record) =>
		isRecord(record) && typeof record.name === 'string' && !BUILT_IN_ATTRIBUTES.has(record.name)
			? [{ name: record.name, type: typeof record.type === 'string' ? record.type : 'text' }]
			: [],
	);
}

/** The error for custom attributes the list lacks when they may not be created. */
export function missingAttributesError(this: IExecuteFunctions, names: readonly string[], itemIndex?: number): NodeOperationError {
	return new NodeOperationError(this.getNode(), `The list has no attribute ${names.map((name) => `"${name}"`).join(', ')}`, {
		itemIndex,
		description: 'Create it in Newsletter2Go or with the Attribute → Create operation, or turn on "Create Missing Attributes".',
	});
}

/** Creates custom attributes in the list as text attributes. */
export async function createAttributes(this: IExecuteFunctions, listId: string, names: readonly string[], itemIndex?: number): Promise<void> {
	for (const name of names) {
		await newsletter2GoEnvelope.call(this, 'POST', '/attributes', {
			body: { list_ids: [listId], name, type: 'text', sub_type: 'text', display: 'all', html_element_type: 'input' },
			itemIndex,
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
	const existing = new Set((await readAttributes.call(this, listId, options.itemIndex)).map((attribute) => attribute.name));
	const missing = custom.filter((name) => !existing.has(name));
	if (missing.length > 0 && !options.create) throw missingAttributesError.call(this, missing.slice(0, 1), options.itemIndex);
	if (!options.dryRun) await createAttributes.call(this, listId, missing, options.itemIndex);
	return missing;
}
