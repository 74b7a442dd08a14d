import { RunReport } from '../../../nodes/shared/report';
import { requireSuccess, runWorkflow, type WorkflowJson } from '../../harness/workflow';

const workflow: WorkflowJson = {
	name: 'Newsletter Sync Report (test fixture)',
	nodes: [
		{ id: 'a0000000-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'a0000000-0000-4000-8000-000000000002', name: 'Run Report', type: 'n8n-nodes-newsletter-sync.syncReport', typeVersion: 1, position: [220, 0], parameters: {} },
	],
	connections: { Start: { main: [[{ node: 'Run Report', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

function targetReport(target: string, emails: string[]) {
	const report = new RunReport({ target, label: target, listSent: true, maxSent: 1 });
	for (const email of emails) {
		report.tally('created');
		report.listSent({ email, system: 'KUFER', record: 'address 1', status: 'optIn', trail: 'KUFER address 1 · opt-in' });
	}
	return report.toJSON();
}

describe('Newsletter Sync Report with sent lists', () => {
	it('combines the sent lists of the target reports, names each entry’s target and adds up what they left out', async () => {
		const source = new RunReport({ source: 'KUFER', label: 'KUFER' }).toJSON();
		const input = [source, targetReport('Maileon', ['a@example.org', 'b@example.org']), targetReport('Newsletter2Go', ['a@example.org'])];

		const result = requireSuccess(
			await runWorkflow(workflow, { startNode: 'Run Report', input: input.map((json) => ({ json: json as never })) }),
		);

		const [merged] = result.json('Run Report', 0);
		expect(merged.sent).toEqual([
			expect.objectContaining({ email: 'a@example.org', target: 'Maileon' }),
			expect.objectContaining({ email: 'a@example.org', target: 'Newsletter2Go' }),
		]);
		expect(merged.sentTruncated).toBe(1);
	});
});
