import { NodeHelpers, Workflow } from 'n8n-workflow';
import type { INode, INodeParameters, INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { createRegistry } from '../../../harness/registry';

const registry = createRegistry();

function optionsOf(property: INodeProperties): INodePropertyOptions[] {
	return (property.options ?? []).filter((option): option is INodePropertyOptions => 'value' in option);
}

/** The subtitle the editor shows under a node on the canvas: n8n evaluates it against the node's parameters. */
function subtitleOf(type: string, description: INodeTypeDescription, parameters: INodeParameters): unknown {
	const withDefaults = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, null, description);
	const node: INode = {
		id: '1',
		name: description.defaults.name ?? description.displayName,
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: withDefaults ?? {},
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: registry.nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, description.subtitle as string, 'internal', {});
}

const packageNodes = [...registry.packageNodes].map(([type, nodeType]) => [type, nodeType.description as INodeTypeDescription] as const);

const actionNodes = packageNodes.filter(([, description]) =>
	description.properties.some((property) => property.name === 'operation'),
);

const operationCases = actionNodes.flatMap(([type, description]) => {
	return description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.displayOptions?.show?.resource ?? []).flatMap((resource) =>
				optionsOf(property).map((operation) => ({
					label: `${description.displayName} ${String(resource)} ${String(operation.value)}`,
					type,
					description,
					parameters: { resource, operation: operation.value } as INodeParameters,
					expected: operation.name,
				})),
			),
		);
});

describe('operationSubtitle', () => {
	it('covers every action node of the package', () => {
		expect(actionNodes.map(([type]) => type).sort()).toEqual([
			'n8n-nodes-newsletter-sync.billomat',
			'n8n-nodes-newsletter-sync.directo',
			'n8n-nodes-newsletter-sync.kufer',
			'n8n-nodes-newsletter-sync.maileon',
			'n8n-nodes-newsletter-sync.newsletter2Go',
			'n8n-nodes-newsletter-sync.suppressionList',
		]);
	});

	it.each(operationCases)('shows the display name of $label', ({ type, description, parameters, expected }) => {
		expect(subtitleOf(type, description, parameters)).toBe(expected);
	});
});

describe('pickedOptionsSubtitle', () => {
	it.each([
		['n8n-nodes-newsletter-sync.maileonTrigger', ['unsubscription', 'doi'], 'Unsubscription, Double Opt-in Confirmation'],
		['n8n-nodes-newsletter-sync.billomatTrigger', ['newClient', 'updatedClient'], 'New Client, Updated Client'],
	])('shows the names of the events %s starts on', (type, events, expected) => {
		const [, description] = packageNodes.find(([candidate]) => candidate === type)!;
		expect(subtitleOf(type, description, { events })).toBe(expected);
	});
});
