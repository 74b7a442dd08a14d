import type { RunResult } from '../harness/workflow';
import type { InMemoryDataTables } from '../harness/dataTables';
import { dataTablesWithList, ledgerOf } from '../nodes/Maileon/helpers';
import { KUFER_TEMPLATE, KuferWorld, lastContactId, maileonAddresses, takeBackSyncRows, unsubscribeInMaileon } from './kufer';
import { countsOf, runTemplate, useReliabilityWorld } from './runs';

const DAY_MS = 24 * 60 * 60 * 1000;
const LEDGER_SIZE = 100_000;

const kufer = new KuferWorld({ count: 1000, seed: 29 });
/** Unsubscribed years ago: Maileon purged them long since, only the ledger remembers. KUFER still says J. */
const longGone = kufer.optedIn.slice(0, 40);
/** Unsubscribe in Maileon before the first run. */
const beforeFirstRun = kufer.optedIn.slice(40, 50);
/** Get the newsletter from the first run, then unsubscribe before the second. */
const afterFirstRun = kufer.optedIn.slice(50, 60);
/** The other unsubscribes in the ledger, hashed like every entry: addresses KUFER does not export. */
const others = Array.from({ length: LEDGER_SIZE - longGone.length }, (_, index) => `frueher.${index}@example.com`);

describe('The KUFER → Maileon template over three runs with Maileon purging its unsubscribers after 14 days', () => {
	const world = useReliabilityWorld();
	/** Ledger entries before the first run and after each run. */
	const ledgerSizes = [LEDGER_SIZE];
	let lastIdBeforeFirstRun: number;
	let dataTables: InMemoryDataTables;

	beforeAll(() => {
		const { maileon } = world.sandboxes();
		maileon.state.settings.retentionDays = 14;
		unsubscribeInMaileon(maileon, beforeFirstRun);
		lastIdBeforeFirstRun = lastContactId(maileon);
		// after every KUFER sign-up date of the export: no J in it counts as a later re-consent
		dataTables = dataTablesWithList([...others, ...longGone], Date.UTC(2025, 5, 1));
	});

	/** Runs the template on the suppression list the run before left, as the daily schedule does. */
	async function runAgain(): Promise<{ result: RunResult; writtenBack: string[] }> {
		const result = await runTemplate(KUFER_TEMPLATE, world.sandboxes(), kufer.prepare(world.workDir()), { dataTables });
		ledgerSizes.push(ledgerOf(result).size);
		return { result, writtenBack: takeBackSyncRows(world.workDir()).sort() };
	}

	/** None of them is in Maileon, nor was created there under their address in any run. */
	function expectNeverResubscribed(emails: readonly string[]): void {
		const { maileon } = world.sandboxes();
		const created = maileon.state.listContacts().filter((contact) => contact.id > lastIdBeforeFirstRun);
		const active = maileonAddresses(maileon);

		expect(emails.filter((email) => active.has(email))).toEqual([]);
		expect(created.filter((contact) => emails.includes((contact.email ?? '').toLowerCase()))).toEqual([]);
	}

	it('holds back the ledger\'s addresses and the new Maileon unsubscribers in the first run', async () => {
		const { result, writtenBack } = await runAgain();

		expect(writtenBack).toEqual([...beforeFirstRun].sort());
		expect(countsOf(result).suppressed).toBe(longGone.length + beforeFirstRun.length);
		expectNeverResubscribed([...longGone, ...beforeFirstRun]);
		expect(ledgerSizes.at(-1)).toBe(LEDGER_SIZE + beforeFirstRun.length + kufer.optOuts.length);
	});

	it('holds back whoever unsubscribed since, in the second run', async () => {
		const { maileon } = world.sandboxes();
		expect(afterFirstRun.filter((email) => !maileon.state.getContact(email))).toEqual([]);
		for (const email of afterFirstRun) maileon.state.unsubscribe(email);

		const { result, writtenBack } = await runAgain();

		expect(writtenBack).toEqual([...afterFirstRun].sort());
		expect(countsOf(result).suppressed).toBe(longGone.length + beforeFirstRun.length + afterFirstRun.length);
		expectNeverResubscribed([...longGone, ...beforeFirstRun, ...afterFirstRun]);
	});

	it('still holds all of them back after Maileon purged its unsubscriber list', async () => {
		const { maileon } = world.sandboxes();
		maileon.state.clock.advance(15 * DAY_MS);
		maileon.state.settle();
		expect(maileon.state.unsubscriptions).toEqual([]);

		const { result, writtenBack } = await runAgain();

		expect(writtenBack).toEqual([]);
		expect(countsOf(result)).toMatchObject({ created: 0, suppressed: longGone.length + beforeFirstRun.length + afterFirstRun.length });
		expectNeverResubscribed([...longGone, ...beforeFirstRun, ...afterFirstRun]);
	});

	it('never shrinks the ledger', () => {
		expect(ledgerSizes).toHaveLength(4);
		expect(ledgerSizes).toEqual([...ledgerSizes].sort((a, b) => a - b));
		expect(ledgerSizes.at(-1)).toBe(LEDGER_SIZE + beforeFirstRun.length + afterFirstRun.length + kufer.optOuts.length);
	});
});
