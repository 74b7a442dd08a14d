import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { SuppressionLedger } from '../../nodes/shared/suppression';
import type { Scenario } from './types';

/** Maileon's unsubscribers as a migrating user exports them: one address twice, one that is no address. */
const EXPORT = [
	'email,timestamp',
	'anna.tamm@example.ee,2026-02-03T09:15:00Z',
	'Bernd.Vogel@example.de,2026-05-20T18:00:00Z',
	'anna.tamm@example.ee,2026-03-01T10:00:00Z',
	'carla@example.org,',
	'no address,2026-01-01T00:00:00Z',
].join('\n');

const listed = ['anna.tamm@example.ee', 'bernd.vogel@example.de', 'carla@example.org'];

/** A new user's first step: the data table, filled with the unsubscribes the old module knew. */
export const suppressionListSetupScenario: Scenario = {
	template: 'suppression-list-setup.json',
	title: 'Suppression list set-up with earlier unsubscribes',
	reportNode: 'Count',
	async prepare(_sandboxes, workDir) {
		const file = path.join(workDir, 'maileon', 'unsubscribers.csv');
		mkdirSync(path.dirname(file), { recursive: true });
		writeFileSync(file, EXPORT);
		return { parameters: { 'Read Maileon Export': { fileSelector: file } } };
	},
	verify(_sandboxes, output) {
		const rows = output('Read Suppression List');
		assert.deepEqual(rows.map((row) => row.addressHash).sort(), listed.map((email) => SuppressionLedger.hash(email)).sort(), 'one row per address, as a hash');
		assert.ok(!JSON.stringify(rows).includes('@'), 'no address in clear text');
		const anna = rows.find((row) => row.addressHash === SuppressionLedger.hash(listed[0]));
		assert.equal(anna?.unsubscribedAt, '2026-03-01T10:00:00.000Z', 'the later of two dates');
		assert.deepEqual(output('Record Unsubscribes', 1).map((item) => item.email), ['no address']);
		assert.equal(output('Count')[0].suppressed, listed.length);
	},
	rerun: {
		// run again by mistake: the table is reused and nothing is listed twice
		prepare: async (sandboxes, workDir) => await suppressionListSetupScenario.prepare(sandboxes, workDir),
		verify(_sandboxes, output) {
			assert.equal(output('Read Suppression List').length, listed.length);
			assert.equal(output('Count')[0].suppressed, listed.length);
		},
	},
};
