import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { IDataObject, INode } from 'n8n-workflow';

import { RunReport } from '../../nodes/shared/report';
import { runWorkflow, type WorkflowJson } from '../harness/workflow';
import type { SandboxSet } from './sandboxes';
import type { Scenario } from './types';

const TEAM = 'newsletter-team@example.com';
const FAILING_WORKFLOW = { id: 'nsFailingImport01', name: 'Billomat → Maileon scheduled import' };

function node(name: string, type: string, typeVersion: number, parameters: INode['parameters']): INode {
	return { id: randomUUID(), name, type, typeVersion, position: [0, 0], parameters };
}

/** A sync run whose Newsletter Sync Report stops it: the error an error workflow receives, as n8n passes it on. */
async function failSyncRun(): Promise<IDataObject> {
	const report = new RunReport({ source: 'Billomat', target: 'Maileon' });
	report.tally('created', undefined, 12);
	report.tally('updated', undefined, 40);
	report.tally('invalid', { email: 'sören.köhler@@example.de', reason: 'has more than one @' });
	report.tally('invalid', { email: 'külli.tamm@example', reason: 'has no top-level domain' });
	const workflow: WorkflowJson = {
		...FAILING_WORKFLOW,
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, {}),
			node('Import Report', 'n8n-nodes-base.set', 3.4, { mode: 'raw', jsonOutput: JSON.stringify(report.toJSON()) }),
			node('Run Report', 'n8n-nodes-newsletter-sync.syncReport', 1, { failWhen: ['invalid'] }),
		],
		connections: {
			Start: { main: [[{ node: 'Import Report', type: 'main', index: 0 }]] },
			'Import Report': { main: [[{ node: 'Run Report', type: 'main', index: 0 }]] },
		},
	};
	const result = await runWorkflow(workflow);
	assert.equal(result.status, 'error', 'the report node stops the run');
	const error = result.error as Error & { description?: string | null };
	// the fields n8n's executeErrorWorkflow hands over (execution.error is the run's error, serialised)
	return {
		execution: {
			id: '4711',
			url: `http://localhost:5678/workflow/${FAILING_WORKFLOW.id}/executions/4711`,
			error: { name: error.name, message: error.message, description: error.description ?? null, node: { name: 'Run Report' } },
			lastNodeExecuted: result.run.data.resultData.lastNodeExecuted ?? null,
			mode: 'trigger',
		},
		workflow: FAILING_WORKFLOW,
	};
}

function lastMail(sandboxes: SandboxSet) {
	const mail = sandboxes.smtp.messages.at(-1);
	assert.ok(mail, 'the SMTP server received a mail');
	return mail;
}

/** Issue 9 #7: a failed run's report reaches the team by email, summary in the subject, reasons in the text. */
export const errorReportScenario: Scenario = {
	template: 'error-report-email.json',
	title: 'Error report by email',
	reportNode: 'Compose Report Mail',
	async prepare() {
		return {};
	},
	verify(sandboxes) {
		const mail = lastMail(sandboxes);
		assert.deepEqual(mail.to, [TEAM]);
		assert.equal(mail.user, sandboxes.smtp.credentials().user, 'the SMTP credential logged in');
		assert.equal(
			mail.subject,
			'[n8n] KUFER → Maileon transfer failed: Newsletter sync: 1297 selected, 621 updated, 13 created, 657 filtered as invalid, 6 unsubscribers written back',
		);
		assert.match(mail.text, /failed in the node "Run Report"\./);
		assert.match(mail.text, /What to do:\nStopped because contacts were invalid\. The reasons: jürgen\.müller@@example\.de has more than one @/);
		assert.match(mail.text, /Execution: http:\/\/localhost:5678\/workflow\/nsKuferMaileon01\/executions\/231/);
	},
	rerun: {
		async prepare() {
			return { startNode: 'Error Trigger', input: [await failSyncRun()] };
		},
		verify(sandboxes) {
			assert.equal(sandboxes.smtp.messages.length, 2, 'one mail per failed run');
			const mail = lastMail(sandboxes);
			assert.equal(
				mail.subject,
				'[n8n] Billomat → Maileon scheduled import failed: Newsletter sync: 54 selected, 40 updated, 12 created, 2 filtered as invalid',
			);
			assert.match(mail.text, /Stopped because contacts were invalid\. The reasons: sören\.köhler@@example\.de has more than one @; külli\.tamm@example has no top-level domain/);
			assert.match(mail.text, /Mode: trigger$/);
		},
	},
};
