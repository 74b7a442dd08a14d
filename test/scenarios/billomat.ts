import assert from 'node:assert/strict';

import { generatePeople } from './people';
import type { NodeOutput, Scenario } from './types';
import type { SandboxSet } from './sandboxes';

const people = generatePeople(60, { seed: 11, invalidEvery: 17 });
/** Every 4th client has no newsletter tag, every 9th opted out; client 30 reuses client 1's address. */
const clients = people.map((person) => ({
	person,
	tags: person.index % 9 === 8 ? ['newsletter-unsubscribed'] : person.index % 4 === 3 ? [] : ['newsletter'],
	email: person.index === 30 ? people[1].email.toUpperCase() : person.email,
}));
const isValid = (email: string) => !email.includes('@@');
const consented = clients.filter((client) => client.tags.includes('newsletter') && isValid(client.email));

function seed(sandboxes: SandboxSet): void {
	sandboxes.billomat.state.seedClients(
		clients.map(({ person, tags, email }) => ({
			name: person.estonian ? `${person.lastName} OÜ` : `${person.lastName} GmbH`,
			salutation: person.salutation,
			first_name: person.firstName,
			last_name: person.lastName,
			email,
			tags,
		})),
	);
	// one of them is already in Maileon
	sandboxes.maileon.state.seedContacts([{ email: consented[0].email, permission: 2 }]);
}

function report(output: NodeOutput) {
	const [item] = output('Run Report');
	return item as { counts: Record<string, number>; summary: string };
}

/** Seed 000: Billomat clients tagged "newsletter" reach Maileon; no untagged client ever does. */
export const billomatScenario: Scenario = {
	template: 'billomat-maileon-import.json',
	title: 'Billomat → Maileon scheduled import',
	reportNode: 'Run Report',
	async prepare(sandboxes) {
		seed(sandboxes);
		return {};
	},
	verify(sandboxes, output) {
		const keys = new Set(consented.map((client) => client.email.toLowerCase()));
		for (const key of keys) {
			const contact = sandboxes.maileon.state.getContact(key);
			assert.ok(contact, `${key} reached Maileon`);
			assert.equal(contact.customFields.ImportAPI, 'true');
		}
		const inMaileon = sandboxes.maileon.state.listContacts().map((contact) => contact.email);
		for (const email of inMaileon) assert.ok(email && keys.has(email), `${email} has consent`);
		const { counts } = report(output);
		// the tag filter runs in Billomat: untagged clients are never read, so never selected
		const tagged = clients.filter((client) => client.tags.length > 0);
		assert.equal(counts.selected, tagged.length, 'every tagged Billomat client is counted once');
		assert.equal(counts.unsubscribed, clients.filter((client) => client.tags[0] === 'newsletter-unsubscribed').length);
		assert.equal(counts.created + counts.updated, keys.size);
		assert.equal(counts.updated, 1);
		assert.equal(counts.duplicates, 1);
		assert.ok(counts.invalid >= 3, 'broken addresses are reported');
	},
	rerun: {
		async prepare() {
			return {};
		},
		verify(sandboxes, output) {
			const { counts } = report(output);
			assert.equal(counts.created, 0, 'a rerun creates nothing twice');
			assert.equal(counts.updated, new Set(consented.map((client) => client.email.toLowerCase())).size);
			assert.equal(sandboxes.maileon.state.listContacts().length, counts.updated);
		},
	},
};
