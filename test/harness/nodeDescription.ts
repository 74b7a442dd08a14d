import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

// n8n's lint checks these two collection rules only on object literals; a collection built by a
// helper (`optionsProperty([...])`) escapes it, so tests apply them to the finished description.
const MIN_ITEMS_TO_ALPHABETIZE = 5;

type Choice = INodeProperties | INodePropertyOptions | INodePropertyCollection;

function isProperty(choice: Choice): choice is INodeProperties {
	return 'type' in choice && 'displayName' in choice;
}

/**
 * Breaches of n8n's collection rules in node properties, as readable lines: a collection's options
 * sorted by display name (from five options on, as `node-param-collection-type-unsorted-items`)
 * and none of them required (`node-param-collection-type-item-required`). Nested ones included.
 */
export function collectionRuleBreaches(properties: readonly INodeProperties[], path = ''): string[] {
	const breaches: string[] = [];
	for (const property of properties) {
		const where = `${path}${property.name}`;
		const children = (property.options ?? []) as Choice[];
		const nested = children.filter(isProperty);
		if (property.type === 'collection') {
			const names = nested.map((option) => option.displayName);
			const sorted = [...names].sort((a, b) => a.localeCompare(b));
			if (names.length >= MIN_ITEMS_TO_ALPHABETIZE && names.join('|') !== sorted.join('|')) {
				breaches.push(`${where}: options not sorted, expected ${sorted.join(' | ')}`);
			}
			for (const option of nested) {
				if (option.required === true) breaches.push(`${where}.${option.name}: required inside a collection`);
			}
		}
		breaches.push(...collectionRuleBreaches(nested, `${where}.`));
		for (const group of children) {
			if ('values' in group) breaches.push(...collectionRuleBreaches(group.values, `${where}.${group.name}.`));
		}
	}
	return breaches;
}
