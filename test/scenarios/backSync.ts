import assert from 'node:assert/strict';
import type { IDataObject } from 'n8n-workflow';

import { generatePeople, type Person } from './people';
import type { SandboxSet } from './sandboxes';
import type { NodeOutput, Scenario } from './types';

const UNSUBSCRIBED = 'newsletter-unsubscribed';
const [anna, bernd, twins, stays, stranger, already, late] = generatePeople(7, { seed: 23 });

interface Client {
	person: Person;
	email: string;
	tags: string[];
}

/** Billomat before the run: `twins` are two clients with one address (one in capitals); `stranger` has none. */
const clients: Client[] = [
	{ person: anna, email: anna.email, tags: ['newsletter'] },
	{ person: bernd, email: bernd.email, tags: ['newsletter', 'vip'] },
	{ person: twins, email: twins.email, tags: ['newsletter'] },
	{ person: twins, email: twins.email.toUpperCase(), tags: ['newsletter'] },
	{ person: stays, email: stays.email, tags: ['newsletter'] },
	{ person: already, email: already.email, tags: [UNSUBSCRIBED] },
	{ person: late, email: late.email, tags: ['newsletter'] },
];
const unsubscribedFirst = [anna, bernd, twins, stranger, already];

/** Where the rerun starts in the Billomat request log. */
let logMark = 0;

/** Tags of the `index`-th seeded client (seeded in the order of `clients`). */
function tagsOf(sandboxes: SandboxSet, index: number): string[] {
	return sandboxes.billomat.state.tagsOf([...sandboxes.billomat.state.clients.keys()][index]).sort();
}

function summaryOf(output: NodeOutput): IDataObject {
	const [summary] = output('Run Summary');
	assert.ok(summary, 'the run ends with a summary');
	return summary;
}

function tagWritesSinceMark(sandboxes: SandboxSet): string[] {
	return sandboxes.billomat.log.entries
		.slice(logMark)
		.filter((entry) => entry.method !== 'GET')
		.map((entry) => `${entry.method} ${entry.path}`);
}

/** Issue 9 #6, seed 001: Maileon unsubscribers are marked in Billomat, by webhook and by the daily catch-up. */
export const backSyncScenario: Scenario = {
	template: 'maileon-unsubscribes-backsync.json',
	title: 'Maileon unsubscribes → source back-sync',
	reportNode: 'Run Summary',
	async prepare(sandboxes) {
		sandboxes.billomat.state.seedClients(
			clients.map(({ person, email, tags }) => ({
				name: `${person.lastName} ${person.estonian ? 'OÜ' : 'GmbH'}`,
				first_name: person.firstName,
				last_name: person.lastName,
				email,
				tags,
			})),
		);
		sandboxes.maileon.state.seedContacts(
			[anna, bernd, twins, stays, stranger, already, late].map((person) => ({ email: person.email, permission: 4 })),
		);
		for (const person of unsubscribedFirst) sandboxes.maileon.state.unsubscribe(person.email);
		return {};
	},
	verify(sandboxes, output) {
		assert.deepEqual(tagsOf(sandboxes, 0), [UNSUBSCRIBED]);
		assert.deepEqual(tagsOf(sandboxes, 1), [UNSUBSCRIBED, 'vip'], 'other tags stay');
		assert.deepEqual(tagsOf(sandboxes, 2), [UNSUBSCRIBED], 'every client with the address is marked');
		assert.deepEqual(tagsOf(sandboxes, 3), [UNSUBSCRIBED], 'the address matches in any letter case');
		assert.deepEqual(tagsOf(sandboxes, 4), ['newsletter'], 'a subscriber keeps the newsletter tag');
		assert.deepEqual(tagsOf(sandboxes, 5), [UNSUBSCRIBED], 'a tag is never added twice');
		assert.deepEqual(summaryOf(output), {
			newUnsubscribers: 5,
			billomatClientsTagged: 4,
			billomatAlreadyTagged: 1,
			notInBillomat: 1,
			newsletterTagsRemoved: 4,
			directoCustomersUpdated: 0,
			kuferAddressesWritten: 0,
			summary: '5 new unsubscribers, 4 Billomat client(s) tagged newsletter-unsubscribed, 1 already tagged, 1 not in Billomat',
		});
	},
	rerun: [
		{
			async prepare(sandboxes) {
				logMark = sandboxes.billomat.log.size;
				return {};
			},
			verify(sandboxes, output) {
				// a real n8n re-imports the template for each pass and so reads the same unsubscribers again
				assert.deepEqual(tagWritesSinceMark(sandboxes), [], 'a second run writes nothing to Billomat');
				const summary = summaryOf(output);
				assert.equal(summary.billomatClientsTagged, 0);
				assert.equal(summary.newsletterTagsRemoved, 0);
				assert.deepEqual(tagsOf(sandboxes, 0), [UNSUBSCRIBED]);
			},
		},
		{
			async prepare(sandboxes) {
				sandboxes.maileon.state.unsubscribe(late.email);
				// what the Maileon Trigger emits for Maileon's unsubscription call
				const event = {
					event: 'unsubscription',
					email: late.email,
					externalId: null,
					timestamp: new Date(sandboxes.maileon.state.clock.now()).toISOString(),
					data: { email: late.email },
					consent: { action: 'unsubscribe', reason: 'unsubscribed in Maileon', at: sandboxes.maileon.state.clock.now() },
				};
				return { startNode: 'Maileon Trigger', input: [event] };
			},
			verify(sandboxes, output) {
				assert.deepEqual(tagsOf(sandboxes, 6), [UNSUBSCRIBED]);
				assert.equal(summaryOf(output).summary, '1 new unsubscriber, 1 Billomat client(s) tagged newsletter-unsubscribed');
			},
		},
	],
};
