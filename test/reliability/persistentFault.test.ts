import type { RunResult } from '../harness/workflow';
import { ledgerOf } from '../nodes/Maileon/helpers';
import { DIRECTO_TEMPLATE, DirectoWorld, newsletter2GoAddresses, seedNewsletter2Go } from './directo';
import { isImportRequest, isUnsubscribeRequest, KUFER_TEMPLATE, KuferWorld, maileonAddresses, seedMaileon, takeBackSyncRows, unsubscribeInMaileon } from './kufer';
import { castTarget, countsOf, errorOf, runTemplate, useReliabilityWorld, useTemplateRun } from './runs';

const kufer = new KuferWorld({ count: 300, seed: 5 });
/** More unsubscribers than one page of Maileon's report holds (1000). */
const lateUnsubscribers = Array.from({ length: 1500 }, (_, index) => `abgemeldet.${index}@example.net`);

function isUnsubscriberReport(request: { method: string; path: string }): boolean {
	return request.method === 'GET' && request.path === '/1.0/reports/unsubscriptions';
}

describe('The KUFER → Maileon template when Maileon\'s unsubscriber report fails for good on its second page', () => {
	const world = useReliabilityWorld();
	let before: RunResult;
	let failed: RunResult;
	let importsBefore: number;

	beforeAll(async () => {
		const { maileon } = world.sandboxes();
		// a first, undisturbed run leaves the cursor the failed run starts from
		before = await runTemplate(KUFER_TEMPLATE, world.sandboxes(), kufer.prepare(world.workDir()));
		unsubscribeInMaileon(maileon, lateUnsubscribers);
		importsBefore = maileon.log.count(isImportRequest);
		maileon.faults.failAfter(1, { kind: '503', match: isUnsubscriberReport });
		failed = await runTemplate(KUFER_TEMPLATE, world.sandboxes(), kufer.prepare(world.workDir()), before);
	});

	it('stops the run and says what went wrong and what to do', () => {
		expect(failed.status).toBe('error');
		expect(errorOf(failed)).toEqual({
			message: 'Maileon answered with a server error (503): Injected fault 503',
			description: 'The node retried the request. Maileon may be down or overloaded; run the workflow again later; what was already written is not written twice.',
		});
		// the first page of each run went through
		expect(world.sandboxes().maileon.log.count((entry) => isUnsubscriberReport(entry) && entry.status === 200)).toBe(2);
	});

	it('keeps the suppression list, and with it the unsubscriber cursor, where the last successful run left them', () => {
		expect(before.suppressionList.length).toBeGreaterThan(0);
		expect(failed.suppressionList).toEqual(before.suppressionList);
	});

	it('neither writes a back-sync file nor imports anybody while the new unsubscribers are unknown', () => {
		expect(takeBackSyncRows(world.workDir())).toEqual([]);
		expect(world.sandboxes().maileon.log.count(isImportRequest)).toBe(importsBefore);
	});

	it('reads every unsubscriber on the next run, writes all of them back and keeps them in the ledger', async () => {
		world.sandboxes().maileon.faults.clear();

		const next = await runTemplate(KUFER_TEMPLATE, world.sandboxes(), kufer.prepare(world.workDir()), failed);

		const ledger = ledgerOf(next);
		expect(countsOf(next).unsubscribersSyncedBack).toBe(lateUnsubscribers.length);
		expect(takeBackSyncRows(world.workDir()).sort()).toEqual([...lateUnsubscribers].sort());
		expect(lateUnsubscribers.filter((email) => !ledger.has(email))).toEqual([]);
	});
});

describe('The KUFER → Maileon template when Maileon refuses unsubscribes for good', () => {
	// N in KUFER, subscribed in Maileon: each needs its own unsubscribe call
	const inMaileon = castTarget([], kufer.optOuts, { unsubscribed: 0, present: 0, optOuts: 12 });
	const world = useTemplateRun(KUFER_TEMPLATE, ({ sandboxes, workDir }) => {
		const { maileon } = sandboxes();
		seedMaileon(maileon, inMaileon);
		maileon.faults.failAfter(5, { kind: '503', match: isUnsubscribeRequest });
		return kufer.prepare(workDir());
	});

	it('stops the run after five unsubscribes', () => {
		expect(errorOf(world.result()).message).toBe('Maileon answered with a server error (503): Injected fault 503');
		expect(inMaileon.optOuts.filter((email) => !world.sandboxes().maileon.state.getContact(email))).toHaveLength(5);
	});

	it('keeps in the ledger no opt-out that is still subscribed in Maileon', () => {
		const ledger = ledgerOf(world.result());

		expect(inMaileon.optOuts.filter((email) => ledger.has(email) && world.sandboxes().maileon.state.getContact(email))).toEqual([]);
	});

	it('unsubscribes the rest on the next run', async () => {
		world.sandboxes().maileon.faults.clear();

		const next = await runTemplate(KUFER_TEMPLATE, world.sandboxes(), kufer.prepare(world.workDir()), world.result());

		const ledger = ledgerOf(next);
		expect(next.status).toBe('success');
		expect(inMaileon.optOuts.filter((email) => maileonAddresses(world.sandboxes().maileon).has(email))).toEqual([]);
		expect(kufer.optOuts.filter((email) => !ledger.has(email))).toEqual([]);
	});
});

const directo = new DirectoWorld(400, 17);

describe('The Directo → Newsletter2Go template when Directo fails for good', () => {
	const world = useTemplateRun(DIRECTO_TEMPLATE, ({ sandboxes }) => {
		sandboxes().directo.faults.set({ kinds: ['503'], retryAfterSeconds: 1 });
		return directo.prepare(sandboxes());
	});

	it('stops the run and says what went wrong and what to do', () => {
		expect(errorOf(world.result())).toEqual({
			message: 'Directo answered with a server error (503)',
			description: 'The node retried the request. Directo may be down or overloaded; run the workflow again later; what was already written is not written twice.',
		});
		expect(world.sandboxes().directo.log.count((entry) => entry.status === 503)).toBe(6);
	});

	it('changes nothing in Newsletter2Go and leaves the ledger empty', () => {
		expect(world.sandboxes().newsletter2go.log.size).toBe(0);
		expect(ledgerOf(world.result()).size).toBe(0);
	});
});

describe('The Directo → Newsletter2Go template when Newsletter2Go refuses unsubscribes for good', () => {
	// OPTIN no in Directo, subscribed in the address book: one filtered unsubscribe per 50 addresses
	const inList = castTarget([], directo.optedOut, { unsubscribed: 0, present: 0, optOuts: 20 });
	const world = useTemplateRun(DIRECTO_TEMPLATE, ({ sandboxes }) => {
		const { newsletter2go } = sandboxes();
		seedNewsletter2Go(newsletter2go, inList);
		newsletter2go.faults.failAfter(0, { kind: '503', match: (request) => request.method === 'PATCH' });
		return directo.prepare(sandboxes());
	});

	it('stops the run and keeps in the ledger no opt-out that is still subscribed', () => {
		const ledger = ledgerOf(world.result());
		const { subscribed } = newsletter2GoAddresses(world.sandboxes().newsletter2go);

		expect(errorOf(world.result()).message).toBe('Newsletter2Go answered with a server error (503): Injected fault 503 (code 503)');
		expect(inList.optOuts.filter((email) => ledger.has(email) && subscribed.has(email))).toEqual([]);
	});

	it('unsubscribes them on the next run', async () => {
		world.sandboxes().newsletter2go.faults.clear();

		const next = await runTemplate(DIRECTO_TEMPLATE, world.sandboxes(), directo.rerun(world.sandboxes()), world.result());

		const ledger = ledgerOf(next);
		const { subscribed } = newsletter2GoAddresses(world.sandboxes().newsletter2go);
		expect(next.status).toBe('success');
		expect(inList.optOuts.filter((email) => subscribed.has(email))).toEqual([]);
		expect(directo.optedOut.filter((email) => !ledger.has(email))).toEqual([]);
	});
});
