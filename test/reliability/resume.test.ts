import type { RunResult } from '../harness/workflow';
import { ledgerOf } from '../nodes/Maileon/helpers';
import { DIRECTO_TEMPLATE, DirectoWorld, newsletter2GoAddresses, seedNewsletter2Go } from './directo';
import { contactsCreatedAfter, isImportRequest, KUFER_TEMPLATE, KuferWorld, lastContactId, maileonAddresses, seedMaileon, takeBackSyncRows } from './kufer';
import { castTarget, countsOf, errorOf, runTemplate, useReliabilityWorld } from './runs';

/** Contacts per import request: the first run stops after four of them. */
const BATCH_SIZE = 100;
const BATCHES_BEFORE_THE_OUTAGE = 4;

const kufer = new KuferWorld({ count: 1200, seed: 23 });
const inMaileon = castTarget(kufer.sendable, kufer.optOuts, { unsubscribed: 5, present: 40, optOuts: 10 });

describe('The KUFER → Maileon template run again after Maileon failed halfway through the import', () => {
	const world = useReliabilityWorld();
	const run = () => kufer.prepare(world.workDir(), { batchSize: BATCH_SIZE });
	let lastIdBefore: number;
	let failed: RunResult;
	let presentAfterFailure: string[];
	let markedAfterFailure: string[];
	let importsBeforeOutage: number;
	let unsubscribersWrittenBack: string[];
	let resumed: RunResult;

	beforeAll(async () => {
		const { maileon } = world.sandboxes();
		seedMaileon(maileon, inMaileon);
		lastIdBefore = lastContactId(maileon);
		maileon.faults.failAfter(BATCHES_BEFORE_THE_OUTAGE, { kind: '503', match: isImportRequest });
		failed = await runTemplate(KUFER_TEMPLATE, world.sandboxes(), run());
		const addresses = maileonAddresses(maileon);
		presentAfterFailure = inMaileon.eligible.filter((email) => addresses.has(email));
		markedAfterFailure = maileon.state.listContacts().filter((contact) => contact.customFields.ImportAPI === 'true').map((contact) => (contact.email ?? '').toLowerCase());
		importsBeforeOutage = maileon.log.count((entry) => isImportRequest(entry) && entry.status === 200);
		unsubscribersWrittenBack = takeBackSyncRows(world.workDir());

		maileon.faults.clear();
		resumed = await runTemplate(KUFER_TEMPLATE, world.sandboxes(), run(), failed);
		unsubscribersWrittenBack.push(...takeBackSyncRows(world.workDir()));
	});

	it('stops the first run after the batches Maileon took', () => {
		expect(errorOf(failed).message).toBe('Maileon answered with a server error (503): Injected fault 503');
		expect(importsBeforeOutage).toBe(BATCHES_BEFORE_THE_OUTAGE);
		// the marker was reset first: it shows the contacts of the batches that went through, and only those arrived
		expect(markedAfterFailure.length).toBeGreaterThan((BATCHES_BEFORE_THE_OUTAGE - 1) * BATCH_SIZE);
		expect(markedAfterFailure.length).toBeLessThanOrEqual(BATCHES_BEFORE_THE_OUTAGE * BATCH_SIZE);
		expect(new Set(presentAfterFailure)).toEqual(new Set([...inMaileon.present, ...markedAfterFailure]));
		expect(presentAfterFailure.length).toBeLessThan(inMaileon.eligible.length);
	});

	it('keeps in the static data of the failed run only the unsubscribes that were done', () => {
		const ledger = ledgerOf(failed);

		expect(ledger.size).toBe(inMaileon.unsubscribed.length);
		expect(inMaileon.unsubscribed.filter((email) => !ledger.has(email))).toEqual([]);
	});

	it('ends with every eligible contact in Maileon exactly once, created once over both runs', () => {
		const { maileon } = world.sandboxes();
		const addresses = maileonAddresses(maileon);

		expect(inMaileon.eligible.filter((email) => addresses.get(email) !== 1)).toEqual([]);
		expect(contactsCreatedAfter(maileon, lastIdBefore)).toBe(inMaileon.eligible.length - inMaileon.present.length);
	});

	it('counts in the second report as created exactly the contacts the first run did not reach', () => {
		const counts = countsOf(resumed);

		expect(counts.selected).toBe(kufer.size);
		expect(counts.created).toBe(inMaileon.eligible.length - presentAfterFailure.length);
		expect(counts.updated).toBe(presentAfterFailure.length);
		expect(counts.suppressed).toBe(inMaileon.unsubscribed.length);
	});

	it('loses no unsubscribe: each is written back once, kept in the ledger and done in Maileon', () => {
		const ledger = ledgerOf(resumed);
		const active = maileonAddresses(world.sandboxes().maileon);

		expect(unsubscribersWrittenBack.sort()).toEqual([...inMaileon.unsubscribed].sort());
		expect([...inMaileon.unsubscribed, ...kufer.optOuts].filter((email) => !ledger.has(email))).toEqual([]);
		expect([...inMaileon.unsubscribed, ...inMaileon.optOuts].filter((email) => active.has(email))).toEqual([]);
	});
});

const directo = new DirectoWorld(1200, 41);
const inList = castTarget(directo.optedIn, directo.optedOut, { unsubscribed: 5, present: 30, optOuts: 10 });

function isRecipientImport(request: { method: string; path: string }): boolean {
	return request.method === 'POST' && request.path === '/recipients';
}

describe('The Directo → Newsletter2Go template run again after Newsletter2Go failed halfway through the import', () => {
	const world = useReliabilityWorld();
	let failed: RunResult;
	let presentAfterFailure: string[];
	let seeded: number;
	let createdBeforeOutage: number;
	let resumed: RunResult;

	beforeAll(async () => {
		const sandboxes = world.sandboxes();
		const { faults } = sandboxes.newsletter2go;
		seeded = seedNewsletter2Go(sandboxes.newsletter2go, inList);
		faults.failAfter(BATCHES_BEFORE_THE_OUTAGE, { kind: '503', match: isRecipientImport });
		failed = await runTemplate(DIRECTO_TEMPLATE, sandboxes, directo.prepare(sandboxes, { batchSize: BATCH_SIZE }));
		const { all } = newsletter2GoAddresses(sandboxes.newsletter2go);
		presentAfterFailure = inList.eligible.filter((email) => all.has(email));
		createdBeforeOutage = all.size - seeded;

		faults.clear();
		resumed = await runTemplate(DIRECTO_TEMPLATE, sandboxes, directo.rerun(sandboxes, { batchSize: BATCH_SIZE }), failed);
	});

	it('stops the first run after the imports Newsletter2Go took', () => {
		expect(errorOf(failed).message).toBe('Newsletter2Go answered with a server error (503): Injected fault 503 (code 503)');
		// rows with other fields go in a request of their own, so four requests hold at most four batches
		expect(createdBeforeOutage).toBeGreaterThan(0);
		expect(createdBeforeOutage).toBeLessThanOrEqual(BATCHES_BEFORE_THE_OUTAGE * BATCH_SIZE);
		expect(presentAfterFailure.length).toBeLessThan(inList.eligible.length);
	});

	it('keeps no opt-out in the static data of the failed run, as none was unsubscribed yet', () => {
		expect(ledgerOf(failed).size).toBe(0);
	});

	it('ends with every eligible contact subscribed exactly once, created once over both runs', () => {
		const { all, subscribed } = newsletter2GoAddresses(world.sandboxes().newsletter2go);

		expect(inList.eligible.filter((email) => all.get(email) !== 1 || !subscribed.has(email))).toEqual([]);
		expect(all.size - seeded).toBe(inList.eligible.length - inList.present.length);
	});

	it('counts in the second report as created exactly the contacts the first run did not reach', () => {
		const counts = countsOf(resumed);

		expect(counts.created).toBe(inList.eligible.length - presentAfterFailure.length);
		expect(counts.updated).toBe(presentAfterFailure.length);
		expect(counts.suppressed).toBe(inList.unsubscribed.length);
	});

	it('loses no unsubscribe: the opt-outs are unsubscribed and kept in the ledger, nobody is resubscribed', () => {
		const ledger = ledgerOf(resumed);
		const { subscribed } = newsletter2GoAddresses(world.sandboxes().newsletter2go);

		expect(directo.optedOut.filter((email) => !ledger.has(email))).toEqual([]);
		expect([...inList.optOuts, ...inList.unsubscribed].filter((email) => subscribed.has(email))).toEqual([]);
	});
});
