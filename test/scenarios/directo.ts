import assert from 'node:assert/strict';

import { generatePeople } from './people';
import type { SandboxSet } from './sandboxes';
import type { NodeOutput, Scenario, ScenarioRun } from './types';

const people = generatePeople(50, { seed: 23, invalidEvery: 19 });
/** OPTIN per customer: yes (with a date) for most, no for every 7th, missing for every 5th; 12 and 13 share an address. */
function optIn(index: number): [string, string] | undefined {
	if (index % 7 === 6) return ['no', '20.10.2026'];
	if (index % 5 === 4) return undefined;
	return ['yes', '15.01.2026'];
}
const customers = people.map((person) => ({
	person,
	email: person.index === 13 ? people[12].email : person.index === 22 ? `${person.email}; info.${person.index}@example.ee` : person.email,
	optIn: optIn(person.index),
}));

/** The merged OPTIN per address, as the reference defines it: any "no" wins, closed cards are left out. */
function expectedStatuses(): Map<string, string> {
	const statuses = new Map<string, string>();
	for (const customer of customers) {
		if (customer.person.index === 40) continue;
		for (const email of customer.email.split(';').map((part) => part.trim().toLowerCase())) {
			if (email.includes('@@')) continue;
			const status = customer.optIn?.[0] ?? 'missing';
			const previous = statuses.get(email);
			if (previous !== 'no' && (previous === undefined || status === 'no' || status === 'yes')) statuses.set(email, status);
		}
	}
	return statuses;
}

function seed(sandboxes: SandboxSet): void {
	sandboxes.directo.state.addCustomers(
		customers.map(({ person, email, optIn: value }) => ({
			code: `K${1000 + person.index}`,
			name: person.estonian ? `${person.lastName} OÜ` : `${person.lastName} GmbH`,
			contact: `${person.firstName} ${person.lastName}`,
			email,
			class: person.estonian ? 'KLIENT' : 'PARTNER',
			closed: person.index === 40 ? '1' : '0',
			datafields: value ? ({ OPTIN: value } as Record<string, readonly [string, string]>) : {},
		})),
	);
}

/** What a user fills in after import: the address book's list ID in the template's Settings node. */
function settings(sandboxes: SandboxSet): ScenarioRun {
	const listId = sandboxes.newsletter2go.state.defaultListId;
	return {
		parameters: {
			Settings: { assignments: { assignments: [{ id: 's1', name: 'listId', type: 'string', value: listId }] } },
		},
	};
}

function report(output: NodeOutput) {
	return output('Run Report')[0] as { counts: Record<string, number>; summary: string };
}

function activeRecipients(sandboxes: SandboxSet): string[] {
	const { state } = sandboxes.newsletter2go;
	return state
		.recipientsOf(state.defaultListId)
		.filter((recipient) => !recipient.isUnsubscribed)
		.map((recipient) => String(recipient.email));
}

/** Seed 002: Directo customers with OPTIN=yes reach the Newsletter2Go address book; OPTIN=no never does. */
export const directoScenario: Scenario = {
	template: 'directo-newsletter2go-import.json',
	title: 'Directo → Newsletter2Go daily import',
	reportNode: 'Run Report',
	async prepare(sandboxes) {
		seed(sandboxes);
		return settings(sandboxes);
	},
	verify(sandboxes, output) {
		const active = new Set(activeRecipients(sandboxes));
		for (const [email, status] of expectedStatuses()) {
			if (status === 'yes') assert.ok(active.has(email), `${email} (OPTIN yes) reached Newsletter2Go`);
			else assert.ok(!active.has(email), `${email} (${status}) stays out of Newsletter2Go`);
		}
		assert.ok(active.has('info.22@example.ee'), 'a second address in the same field is its own recipient');
		const { counts } = report(output);
		assert.equal(counts.duplicates, 1);
		assert.ok(counts.skipped >= 10, 'customers without OPTIN are skipped');
		assert.equal(counts.created, active.size);
	},
	rerun: {
		async prepare(sandboxes) {
			return settings(sandboxes);
		},
		verify(sandboxes, output) {
			const { counts } = report(output);
			assert.equal(counts.created, 0, 'the daily rerun creates nobody twice');
			assert.equal(counts.updated + counts.unchanged, activeRecipients(sandboxes).length);
		},
	},
};
