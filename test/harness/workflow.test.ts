import { runWorkflow, type WorkflowJson } from './workflow';

function manualToSet(value: string): WorkflowJson {
	return {
		name: 'harness probe',
		nodes: [
			{
				id: '1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '2',
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: {
					assignments: {
						assignments: [{ id: 'a', name: 'greeting', type: 'string', value }],
					},
					options: {},
				},
			},
		],
		connections: { Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
	};
}

describe('runWorkflow', () => {
	it('runs built-in nodes and evaluates expressions', async () => {
		const result = await runWorkflow(manualToSet('={{ "hello " + (1 + 2) }}'));
		expect(result.status).toBe('success');
		expect(result.executedNodes).toEqual(['Start', 'Set']);
		expect(result.json('Set')).toEqual([{ greeting: 'hello 3' }]);
	});

	it('reports the node that failed', async () => {
		const result = await runWorkflow(manualToSet("={{ $('Nowhere').item.json.x }}"));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe("Referenced node doesn't exist");
	});
});
