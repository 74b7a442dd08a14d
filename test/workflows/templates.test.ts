import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NodeHelpers, type INode, type INodeTypeDescription } from 'n8n-workflow';

import { createRegistry, isKnownBaseNode, PACKAGE_NAME } from '../harness/registry';
import type { WorkflowJson } from '../harness/workflow';

const WORKFLOWS = path.resolve(__dirname, '../../workflows');
const templates = existsSync(WORKFLOWS)
	? readdirSync(WORKFLOWS).filter((file) => file.endsWith('.json'))
	: [];
const registry = createRegistry();

const TRIGGERS_NEEDING_MANUAL = new Set([
	'n8n-nodes-base.scheduleTrigger',
	'n8n-nodes-base.cron',
	'n8n-nodes-base.interval',
]);

function read(file: string): WorkflowJson & { pinData?: unknown; active?: boolean } {
	return JSON.parse(readFileSync(path.join(WORKFLOWS, file), 'utf8')) as WorkflowJson & {
		pinData?: unknown;
		active?: boolean;
	};
}

function descriptionOf(node: INode): INodeTypeDescription {
	return registry.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description;
}

describe('workflow templates', () => {
	it('ships at least one template', () => {
		expect(templates.length).toBeGreaterThan(0);
	});

	describe.each(templates)('%s', (file) => {
		const workflow = read(file);

		it('has a guide beside it', () => {
			expect(existsSync(path.join(WORKFLOWS, file.replace(/\.json$/, '.md')))).toBe(true);
		});

		it('uses only node types of this package or of n8n itself', () => {
			const unknown = workflow.nodes
				.map((node) => node.type)
				.filter((type) => !type.startsWith(`${PACKAGE_NAME}.`) && !isKnownBaseNode(type));
			expect(unknown).toEqual([]);
			for (const node of workflow.nodes) {
				if (node.type.startsWith(`${PACKAGE_NAME}.`)) expect(registry.packageNodes.has(node.type)).toBe(true);
			}
		});

		it('contains no Code node, pinned data, credential ids or activation', () => {
			expect(workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.code')).toEqual([]);
			expect(workflow.pinData ?? {}).toEqual({});
			expect(workflow.nodes.filter((node) => node.credentials !== undefined)).toEqual([]);
			expect(workflow.active ?? false).toBe(false);
			expect(workflow.staticData ?? null).toBeNull();
		});

		it('connects only nodes that exist', () => {
			const names = new Set(workflow.nodes.map((node) => node.name));
			const dangling: string[] = [];
			for (const [source, outputs] of Object.entries(workflow.connections)) {
				if (!names.has(source)) dangling.push(source);
				for (const targets of Object.values(outputs)) {
					for (const group of targets ?? []) {
						for (const target of group ?? []) if (!names.has(target.node)) dangling.push(target.node);
					}
				}
			}
			expect(dangling).toEqual([]);
		});

		it('has a Manual Trigger beside any schedule trigger and runs in execution order v1', () => {
			const types = workflow.nodes.map((node) => node.type);
			if (types.some((type) => TRIGGERS_NEEDING_MANUAL.has(type) || type.endsWith('Trigger'))) {
				expect(types).toContain('n8n-nodes-base.manualTrigger');
			}
			// `n8n execute` starts at the first trigger in the node list, so it must be the Manual Trigger
			const firstTrigger = workflow.nodes.find(
				(node) => node.type.endsWith('Trigger') || node.type === 'n8n-nodes-base.webhook',
			);
			expect(firstTrigger?.type).toBe('n8n-nodes-base.manualTrigger');
			expect(workflow.settings?.executionOrder).toBe('v1');
			expect(typeof workflow.id).toBe('string');
		});

		it('ships its schedules and webhooks turned off, so "Execute workflow" starts at the Manual Trigger', () => {
			// the editor prefers a webhook, an app trigger or a schedule over the Manual Trigger when choosing
			// where "Execute workflow" starts; only an enabled one is a candidate
			const candidates = workflow.nodes.filter(
				(node) => node.disabled !== true && node.type !== 'n8n-nodes-base.errorTrigger' && (node.type.endsWith('Trigger') || node.type === 'n8n-nodes-base.webhook'),
			);
			expect(candidates.map((node) => node.type)).toEqual(['n8n-nodes-base.manualTrigger']);
		});

		it('sets every required parameter', () => {
			const issues = workflow.nodes.flatMap((node) => {
				const description = descriptionOf(node);
				const found = NodeHelpers.getNodeParametersIssues(description.properties, node, description);
				return found ? [{ node: node.name, issues: found.parameters }] : [];
			});
			expect(issues).toEqual([]);
		});
	});
});
