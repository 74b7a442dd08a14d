import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
	expectedStatuses,
	findUnconsentedAtPlatform,
	generateRecords,
	KuferDropFolder,
	KuferFixtureStore,
} from '../sandbox/kufer';
import type { SandboxSet } from './sandboxes';
import type { NodeOutput, Scenario, ScenarioRun } from './types';
import { SuppressionLedger } from '../../nodes/shared/suppression';

const DAY_MS = 24 * 60 * 60 * 1000;
const records = generateRecords({ count: 400, seed: 5 });
const statuses = expectedStatuses(records);
const sendable = [...statuses].filter(([, status]) => status === 'J' || status === 'K').map(([email]) => email);
/** Three J/K addresses that unsubscribe in Maileon before the run: the back-sync must report exactly them. */
const unsubscribers = sendable.slice(0, 3);
/** The KUFER export as it stands before anybody imports a back-sync file. */
const firstExport = new KuferFixtureStore(records).export();

function paths(workDir: string) {
	return {
		exportFile: path.join(workDir, 'export', 'adressen.xml'),
		dropFolder: path.join(workDir, 'abmelder'),
	};
}

function run(workDir: string): ScenarioRun {
	const { exportFile, dropFolder } = paths(workDir);
	return {
		parameters: {
			'Read KUFER Export': { fileSelector: exportFile },
			'Save Back-Sync File': { fileName: `=${dropFolder}/{{ $json.fileName }}` },
		},
	};
}

function report(output: NodeOutput): { counts: Record<string, number>; summary: string } {
	return output('Run Report')[0] as { counts: Record<string, number>; summary: string };
}

function assertOnlyConsentedInMaileon(sandboxes: SandboxSet): void {
	const active = sandboxes.maileon.state.listContacts().map((contact) => contact.email ?? '');
	assert.deepEqual(findUnconsentedAtPlatform(statuses, active), [], 'only J and K reach Maileon');
	for (const email of unsubscribers) {
		assert.equal(sandboxes.maileon.state.getContact(email), undefined, `${email} stays unsubscribed`);
	}
}

/** Seed 001: KUFER export → Maileon with the ImportAPI marker, Maileon unsubscribers → KUFER status N. */
export const kuferScenario: Scenario = {
	template: 'kufer-maileon-transfer.json',
	title: 'KUFER → Maileon transfer with unsubscribe back-sync',
	reportNode: 'Run Report',
	async prepare(sandboxes, workDir) {
		const { exportFile, dropFolder } = paths(workDir);
		mkdirSync(path.dirname(exportFile), { recursive: true });
		mkdirSync(dropFolder, { recursive: true });
		writeFileSync(exportFile, firstExport);
		sandboxes.maileon.state.seedContacts(unsubscribers.map((email) => ({ email, permission: 2 })));
		for (const email of unsubscribers) sandboxes.maileon.state.unsubscribe(email);
		sandboxes.maileon.state.settle();
		return run(workDir);
	},
	async verify(sandboxes, output, workDir) {
		for (const email of sendable.filter((candidate) => !unsubscribers.includes(candidate))) {
			const contact = sandboxes.maileon.state.getContact(email);
			assert.ok(contact, `${email} (J/K) reached Maileon`);
			assert.equal(contact.customFields.ImportAPI, 'true');
		}
		assertOnlyConsentedInMaileon(sandboxes);
		const { counts } = report(output);
		assert.equal(counts.selected, records.length, 'every exported record is counted once');
		assert.equal(counts.unsubscribersSyncedBack, unsubscribers.length);
		assert.ok(counts.invalid > 0 && counts.duplicates > 0 && counts.skipped > 0);

		const recorded = output('Record Maileon Unsubscribers').map((row) => row.addressHash);
		assert.deepEqual(recorded.sort(), unsubscribers.map((email) => SuppressionLedger.hash(email)).sort(), 'the list records the Maileon unsubscribers');

		const store = new KuferFixtureStore(records);
		const [applied] = await (await KuferDropFolder.open(paths(workDir).dropFolder)).apply(store);
		assert.deepEqual(applied.document.rows.map((row) => row.email).sort(), [...unsubscribers].sort());
		assert.ok(applied.document.rows.every((row) => row.newsletter === 'N'));
	},
	rerun: {
		// Fifteen days later Maileon has purged its unsubscriber list and KUFER still exports the old
		// statuses (nobody imported the back-sync file): the ledger alone must keep the three out.
		async prepare(sandboxes, workDir) {
			sandboxes.maileon.state.clock.advance(15 * DAY_MS);
			sandboxes.maileon.state.settings.retentionDays = 14;
			sandboxes.maileon.state.settle();
			assert.equal(sandboxes.maileon.state.unsubscriptions.length, 0, 'Maileon purged its list');
			return run(workDir);
		},
		verify(sandboxes, output) {
			const listed = new Set(output('Read Suppression List').map((row) => row.addressHash));
			for (const email of unsubscribers) assert.ok(listed.has(SuppressionLedger.hash(email)), `${email} is on the suppression list`);
			assertOnlyConsentedInMaileon(sandboxes);
			const { counts } = report(output);
			assert.equal(counts.created, 0, 'nobody is created twice');
			assert.ok(counts.suppressed >= unsubscribers.length, 'the ledger suppresses the unsubscribers');
		},
	},
};
