import { ledgerOf } from '../nodes/Maileon/helpers';
import type { LogEntry } from '../sandbox/framework/log';
import { findUnconsentedAtPlatform } from '../sandbox/kufer';
import { DIRECTO_TEMPLATE, DirectoWorld, isRecipientWrite, newsletter2GoAddresses, seedNewsletter2Go } from './directo';
import { contactsCreatedAfter, isImportRequest, isUnsubscribeRequest, KUFER_TEMPLATE, KuferWorld, lastContactId, maileonAddresses, seedMaileon, takeBackSyncRows } from './kufer';
import { retryWaits } from '../harness/sleep';
import { castTarget, countsOf, failedOnPurpose, tenPercentFaults, useTemplateRun } from './runs';

// with these seeds the first request of a sandbox fails too (429, 503, drop): Directo's single read among them
const SEEDS = [7, 19, 45];

function asksToWait(entry: LogEntry): boolean {
	return entry.fault === '429' || entry.fault === '503';
}

/**
 * Every failed request cost exactly one wait (it was sent again, and the run went on), and each wait
 * after a 429 or 503 is the one second its Retry-After asked for; other waits are the core's backoff.
 */
function expectWaitsToFollow(failed: readonly LogEntry[], waits: readonly number[]): void {
	expect(failed.some(asksToWait)).toBe(true);
	expect(waits).toHaveLength(failed.length);
	const expected = failed.map((entry, index) => (asksToWait(entry) ? 1000 : Math.max(1000, waits[index])));
	expect(waits).toEqual(expected);
}

const kufer = new KuferWorld({ count: 2000, seed: 11 });
const inMaileon = castTarget(kufer.sendable, kufer.optOuts, { unsubscribed: 10, present: 100, optOuts: 30 });

describe.each(SEEDS)('The KUFER → Maileon template with 10%% of the Maileon requests failing (seed %i)', (seed) => {
	let lastIdBefore: number;
	const world = useTemplateRun(KUFER_TEMPLATE, ({ sandboxes, workDir }) => {
		const { maileon } = sandboxes();
		seedMaileon(maileon, inMaileon);
		// Maileon refuses the node's batches of 1000 and the node halves them: some 60 imports, faults hit mid-run
		maileon.state.settings.maxBatchSize = 50;
		lastIdBefore = lastContactId(maileon);
		maileon.faults.set(tenPercentFaults(seed));
		return kufer.prepare(workDir());
	});

	it('delivers every eligible contact to Maileon exactly once', () => {
		const { maileon } = world.sandboxes();
		const addresses = maileonAddresses(maileon);
		const created = inMaileon.eligible.length - inMaileon.present.length;

		expect(inMaileon.eligible.filter((email) => addresses.get(email) !== 1)).toEqual([]);
		expect(contactsCreatedAfter(maileon, lastIdBefore)).toBe(created);
		expect(countsOf(world.result())).toMatchObject({ created, updated: inMaileon.present.length });
	});

	it('leaves nobody without consent in Maileon and unsubscribes the KUFER opt-outs it held', () => {
		const { maileon } = world.sandboxes();
		const active = [...maileonAddresses(maileon).keys()];

		expect(findUnconsentedAtPlatform(kufer.statuses, active)).toEqual([]);
		expect([...inMaileon.unsubscribed, ...inMaileon.optOuts].filter((email) => maileon.state.getContact(email))).toEqual([]);
	});

	it('writes every Maileon unsubscriber back to KUFER and keeps every unsubscribe in the ledger', () => {
		const ledger = ledgerOf(world.result());

		expect(takeBackSyncRows(world.workDir()).sort()).toEqual([...inMaileon.unsubscribed].sort());
		expect([...inMaileon.unsubscribed, ...kufer.optOuts].filter((email) => !ledger.has(email))).toEqual([]);
	});

	it('counts as retried exactly the contact writes Maileon failed', () => {
		// the report counts the imports and unsubscribes; reads (fields, account, unsubscribers) retry uncounted
		const failedWrites = failedOnPurpose(world.sandboxes().maileon.log, (entry) => isImportRequest(entry) || isUnsubscribeRequest(entry));

		expect(failedWrites.length).toBeGreaterThan(0);
		expect(countsOf(world.result()).retried).toBe(failedWrites.length);
	});

	it('sends every failed request again, after the wait Retry-After asks for', () => {
		expectWaitsToFollow(failedOnPurpose(world.sandboxes().maileon.log), retryWaits(world.sleeps()));
	});
});

const directo = new DirectoWorld(1500, 31);
const inList = castTarget(directo.optedIn, directo.optedOut, { unsubscribed: 10, present: 50, optOuts: 20 });

describe.each(SEEDS)('The Directo → Newsletter2Go template with 10%% of all requests failing (seed %i)', (seed) => {
	let seeded: number;
	const world = useTemplateRun(DIRECTO_TEMPLATE, ({ sandboxes }) => {
		const { directo: directoSandbox, newsletter2go } = sandboxes();
		seeded = seedNewsletter2Go(newsletter2go, inList);
		// Newsletter2Go refuses the node's batches of 1000 and the node halves them: faults hit mid-run
		newsletter2go.state.settings.maxRecipientsPerRequest = 50;
		directoSandbox.faults.set(tenPercentFaults(seed));
		newsletter2go.faults.set(tenPercentFaults(seed));
		return directo.prepare(sandboxes());
	});

	it('delivers every eligible contact to Newsletter2Go exactly once', () => {
		const { all, subscribed } = newsletter2GoAddresses(world.sandboxes().newsletter2go);
		const created = inList.eligible.length - inList.present.length;

		expect(inList.eligible.filter((email) => all.get(email) !== 1 || !subscribed.has(email))).toEqual([]);
		expect(all.size).toBe(seeded + created);
		expect(countsOf(world.result())).toMatchObject({ created, updated: inList.present.length });
	});

	it('leaves nobody without consent subscribed and resubscribes no one', () => {
		const { subscribed } = newsletter2GoAddresses(world.sandboxes().newsletter2go);

		expect([...subscribed].filter((email) => directo.statuses.get(email) !== 'yes')).toEqual([]);
		expect([...inList.unsubscribed, ...inList.optOuts].filter((email) => subscribed.has(email))).toEqual([]);
	});

	it('keeps every Directo opt-out in the ledger', () => {
		const ledger = ledgerOf(world.result());

		expect(directo.optedOut.filter((email) => !ledger.has(email))).toEqual([]);
	});

	it('counts as retried exactly the Directo reads and recipient writes that failed', () => {
		// the report counts Directo's read and the writes; the lookup of existing recipients retries uncounted
		const { directo: directoSandbox, newsletter2go } = world.sandboxes();
		const counted = [...failedOnPurpose(directoSandbox.log), ...failedOnPurpose(newsletter2go.log, isRecipientWrite)];

		expect(counted.length).toBeGreaterThan(0);
		expect(countsOf(world.result()).retried).toBe(counted.length);
	});

	it('sends every failed request again, after the wait Retry-After asks for', () => {
		// Directo is read completely before the first Newsletter2Go request
		const { directo: directoSandbox, newsletter2go } = world.sandboxes();
		const failed = [...failedOnPurpose(directoSandbox.log), ...failedOnPurpose(newsletter2go.log)];

		expectWaitsToFollow(failed, retryWaits(world.sleeps()));
	});
});
