import { manualTriggerWorkflow } from './workflow';

describe('manualTriggerWorkflow', () => {
	it('puts a Manual Trigger named "Start" in front of the node and connects the two', () => {
		const workflow = manualTriggerWorkflow('probe', { name: 'Set', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: {} });

		expect(workflow.nodes.map((node) => [node.name, node.type])).toEqual([
			['Start', 'n8n-nodes-base.manualTrigger'],
			['Set', 'n8n-nodes-base.set'],
		]);
		expect(workflow.connections).toEqual({ Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } });
	});

	it('gives every node its own id', () => {
		const [start, node] = manualTriggerWorkflow('probe', { name: 'Set', type: 'n8n-nodes-base.set', typeVersion: 1, parameters: {} }).nodes;

		expect(start.id).not.toBe(node.id);
	});
});
