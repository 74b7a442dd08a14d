import { readFileSync } from 'node:fs';
import path from 'node:path';

import { createRegistry } from '../harness/registry';

const ROOT = path.resolve(__dirname, '../..');
const registry = createRegistry();
const nodes = [...registry.packageNodes.values()].map((nodeType) => nodeType.description);

/**
 * n8n's node search shows a node and its trigger as one entry (the trigger's name without "Trigger")
 * and gives that entry the trigger's description and the node's codex.
 */
const appsWithTrigger = nodes
	.filter((trigger) => trigger.group.includes('trigger'))
	.map((trigger) => ({ trigger, node: nodes.find((node) => node.name === trigger.name.replace('Trigger', '')) }))
	.filter((pair): pair is { trigger: (typeof nodes)[number]; node: (typeof nodes)[number] } => pair.node !== undefined)
	.map(({ trigger, node }) => [node.displayName, { trigger, node }] as const);

function codexAliases(nodeName: string): string[] {
	const folder = nodeName.charAt(0).toUpperCase() + nodeName.slice(1);
	const file = path.join(ROOT, 'nodes', folder.replace(/Trigger$/, ''), `${folder}.node.json`);
	return (JSON.parse(readFileSync(file, 'utf8')) as { alias: string[] }).alias;
}

describe('the node search', () => {
	it('merges Maileon, Billomat and Directo with their triggers', () => {
		expect(appsWithTrigger.map(([name]) => name).sort()).toEqual(['Billomat', 'Directo', 'Maileon']);
	});

	it.each(appsWithTrigger)('describes the %s entry with what the node does first', (_, { trigger, node }) => {
		expect(trigger.description.startsWith(node.description)).toBe(true);
	});

	it.each(appsWithTrigger)('finds the %s entry by the words of its trigger', (_, { trigger, node }) => {
		expect(codexAliases(node.name)).toEqual(expect.arrayContaining(codexAliases(trigger.name)));
	});

	it.each(nodes.map((node) => [node.displayName, node.description] as const))(
		'gives %s a description that is not a trigger text',
		(_, description) => {
			expect(description).not.toMatch(/^Starts the workflow/);
		},
	);
});
