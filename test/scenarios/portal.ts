import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import type { RecipientRecord } from '../sandbox/newsletter2go';
import type { WorkflowJson } from '../harness/workflow';
import { WORKFLOWS_DIR } from './inProcess';
import type { SandboxSet } from './sandboxes';
import type { NodeOutput, Scenario, ScenarioPass, ScenarioRun } from './types';
import { SuppressionLedger } from '../../nodes/shared/suppression';

const TEMPLATE = 'portal-newsletter2go-sync.json';
const EXAMPLE = 'kaethe.mueller@example.de';
const MOVED = 'kaethe.mueller-luedenscheidt@example.de';

function listOf(sandboxes: SandboxSet): string {
	return sandboxes.newsletter2go.state.defaultListId;
}

/** What the Webhook node emits for a portal request. */
function webhookCall(sandboxes: SandboxSet, body: IDataObject): ScenarioRun {
	return {
		startNode: 'Portal Webhook',
		input: [{ body: { listId: listOf(sandboxes), ...body }, headers: { 'content-type': 'application/json' }, query: {} }],
	};
}

/** The template's example event with the sandbox list: what a user fills in after import. */
function exampleWithList(sandboxes: SandboxSet): ScenarioRun {
	const workflow = JSON.parse(readFileSync(path.join(WORKFLOWS_DIR, TEMPLATE), 'utf8')) as WorkflowJson;
	const node = workflow.nodes.find((candidate) => candidate.name === 'Example Event');
	assert.ok(node, 'the template has an example event');
	const example = JSON.parse(String(node.parameters.jsonOutput)) as { body: IDataObject };
	return { parameters: { 'Example Event': { jsonOutput: JSON.stringify({ body: { ...example.body, listId: listOf(sandboxes) } }) } } };
}

function recipient(sandboxes: SandboxSet, email: string): RecipientRecord {
	const found = sandboxes.newsletter2go.state.findRecipient(listOf(sandboxes), email);
	assert.ok(found, `${email} is in the list`);
	return found;
}

function answer(output: NodeOutput): IDataObject {
	const items = output('Answer');
	assert.equal(items.length, 1, 'one answer per request');
	return items[0];
}

function pass(run: (sandboxes: SandboxSet) => ScenarioRun, verify: ScenarioPass['verify']): ScenarioPass {
	return { prepare: async (sandboxes) => run(sandboxes), verify };
}

/** Seed 003: the portal leads; each event reaches Newsletter2Go and the webhook answers for that subscriber. */
export const portalScenario: Scenario = {
	template: TEMPLATE,
	title: 'Portal → Newsletter2Go subscription sync',
	reportNode: 'Answer',
	async prepare(sandboxes) {
		return exampleWithList(sandboxes);
	},
	verify(sandboxes, output) {
		assert.deepEqual(answer(output), {
			status: 'ok',
			event: 'subscribe',
			email: EXAMPLE,
			message: 'Subscribed',
			hint: '',
			recipientId: recipient(sandboxes, EXAMPLE).id,
		});
		const created = recipient(sandboxes, EXAMPLE);
		assert.deepEqual(created.values, { first_name: 'Käthe', last_name: 'Müller', gender: 'f' });
		assert.equal(created.isUnsubscribed, false);
	},
	rerun: [
		pass(
			(sandboxes) => webhookCall(sandboxes, { event: 'update', email: EXAMPLE, firstName: 'Käthe', lastName: 'Jäger', gender: 'Frau' }),
			(sandboxes, output) => {
				assert.equal(answer(output).message, 'Updated');
				assert.deepEqual(recipient(sandboxes, EXAMPLE).values, { first_name: 'Käthe', last_name: 'Jäger', gender: 'f' });
				assert.equal(sandboxes.newsletter2go.state.recipientsOf(listOf(sandboxes)).length, 1, 'an update creates no second recipient');
			},
		),
		pass(
			(sandboxes) =>
				webhookCall(sandboxes, { event: 'update', email: MOVED, previousEmail: EXAMPLE, firstName: 'Käthe', lastName: 'Müller-Lüdenscheidt', gender: 'female' }),
			(sandboxes, output) => {
				assert.equal(answer(output).message, 'Updated; the previous address is erased');
				assert.equal(sandboxes.newsletter2go.state.findRecipient(listOf(sandboxes), EXAMPLE), undefined, 'the old address is gone');
				const moved = recipient(sandboxes, MOVED);
				assert.equal(moved.isUnsubscribed, false);
				assert.deepEqual(moved.values, { first_name: 'Käthe', last_name: 'Müller-Lüdenscheidt', gender: 'f' });
			},
		),
		pass(
			(sandboxes) => webhookCall(sandboxes, { event: 'unsubscribe', email: MOVED.toUpperCase() }),
			(sandboxes, output) => {
				assert.equal(answer(output).message, 'Unsubscribed');
				assert.equal(recipient(sandboxes, MOVED).isUnsubscribed, true);
			},
		),
		pass(
			(sandboxes) => webhookCall(sandboxes, { event: 'subscribe', email: MOVED, firstName: 'Käthe', lastName: 'Müller-Lüdenscheidt' }),
			(sandboxes, output) => {
				assert.equal(answer(output).status, 'error', 'a subscription that does not take effect is no success');
				assert.equal(
					answer(output).message,
					'The address unsubscribed from this list earlier and stays unsubscribed; resubscribe it in Newsletter2Go',
				);
				assert.equal(recipient(sandboxes, MOVED).isUnsubscribed, true);
			},
		),
		pass(
			(sandboxes) => webhookCall(sandboxes, { event: 'delete', email: MOVED }),
			(sandboxes, output) => {
				assert.equal(answer(output).message, 'Unsubscribed, personal data replaced with DELETED');
				const erased = recipient(sandboxes, `deleted-${answer(output).recipientId as string}@deleted.invalid`);
				assert.equal(erased.isUnsubscribed, true);
				assert.deepEqual(erased.values, { first_name: 'DELETED', last_name: 'DELETED', gender: '' });
				const stored = JSON.stringify([...sandboxes.newsletter2go.state.recipients.values()]);
				assert.doesNotMatch(stored, /käthe|kaethe|jäger|lüdenscheidt/i, 'no personal data of the user is left, old address included');
				assert.deepEqual(
					output('Save to Suppression List').map((row) => row.addressHash),
					[SuppressionLedger.hash(MOVED)],
					'the erased address stays out of every import, as a hash on the shared suppression list',
				);
			},
		),
		pass(
			(sandboxes) => webhookCall(sandboxes, { event: 'subscribe', email: 'jüri.tamm@@example.ee', firstName: 'Jüri', lastName: 'Tamm' }),
			(sandboxes, output) => {
				assert.deepEqual(answer(output), {
					status: 'error',
					event: 'subscribe',
					email: 'jüri.tamm@@example.ee',
					message: 'Newsletter2Go did not take the recipient: rejected by Newsletter2Go',
					hint: 'Correct the address or the fields at the source; Newsletter2Go reports such recipients without an HTTP error.',
					recipientId: '',
				});
				assert.equal(sandboxes.newsletter2go.state.findRecipient(listOf(sandboxes), 'jüri.tamm@@example.ee'), undefined);
			},
		),
		pass(
			(sandboxes) => webhookCall(sandboxes, { event: 'unsubscribe', email: EXAMPLE, listId: 'zz9zz9zz' }),
			(_sandboxes, output) => {
				assert.equal(answer(output).status, 'error');
				assert.equal(answer(output).message, 'Newsletter2Go could not find the requested object (404): List zz9zz9zz not found (code 404)');
			},
		),
		pass(
			(sandboxes) => webhookCall(sandboxes, { event: 'resubscribe', email: EXAMPLE }),
			(_sandboxes, output) => {
				assert.equal(answer(output).status, 'error');
				assert.equal(answer(output).message, 'Unknown event "resubscribe"');
			},
		),
	],
};
