import { manualTriggerWorkflow, runWorkflow, type WorkflowJson } from './workflow';

function manualToSet(value: string): WorkflowJson {
	return manualTriggerWorkflow('harness probe', {
		name: 'Set',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: { assignments: { assignments: [{ id: 'a', name: 'greeting', type: 'string', value }] }, options: {} },
	});
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
