import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

// n8n's lint checks these rules only on object literals; a collection or selector built by a helper
// (`optionsProperty([...])`, `operationProperty(...)`) escapes it, so tests apply them to the finished description.
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

/** Whether an action reads in sentence case; all-capital words (ID, GDPR) may stand anywhere, as n8n lint allows. */
function isSentenceCase(action: string): boolean {
	const text = action
		.split(' ')
		.filter((word) => word !== word.toUpperCase())
		.join(' ');
	return text === text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}

/**
 * Breaches of n8n's rules for the resource and operation selectors, as readable lines: both take no
 * expression, their options are sorted by name from five on (`node-param-options-type-unsorted-items`),
 * and every operation has an action in sentence case (`node-param-operation-option-without-action`,
 * `node-param-operation-option-action-miscased`).
 */
export function selectorRuleBreaches(properties: readonly INodeProperties[]): string[] {
	const breaches: string[] = [];
	for (const property of properties) {
		if (property.type !== 'options' || (property.name !== 'resource' && property.name !== 'operation')) continue;
		const where = `${property.name}${property.name === 'operation' ? ` of ${String(property.displayOptions?.show?.resource)}` : ''}`;
		if (property.noDataExpression !== true) breaches.push(`${where}: accepts an expression`);
		const options = (property.options ?? []) as INodePropertyOptions[];
		const names = options.map((option) => option.name);
		const sorted = [...names].sort((a, b) => a.localeCompare(b));
		if (names.length >= MIN_ITEMS_TO_ALPHABETIZE && names.join('|') !== sorted.join('|')) {
			breaches.push(`${where}: options not sorted, expected ${sorted.join(' | ')}`);
		}
		if (property.name !== 'operation') continue;
		for (const option of options) {
			if (option.action === undefined) breaches.push(`${where}.${String(option.value)}: no action`);
			else if (!isSentenceCase(option.action)) breaches.push(`${where}.${String(option.value)}: action not in sentence case`);
		}
	}
	return breaches;
}
