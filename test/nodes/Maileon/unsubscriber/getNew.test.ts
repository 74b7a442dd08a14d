import type { IDataObject } from 'n8n-workflow';

import { ledgerOf, requestsTo, runMaileon, useMaileonSandbox } from '../helpers';

const GET_NEW = { resource: 'unsubscriber', operation: 'getNew' };
const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

/**
 * The operation reads up to its own "now", so the sandbox clock is set to moments before the real
 * time: rows land where the windows of the first and the second run put them.
 */
describe('Maileon Get New Since Last Run', () => {
	const { sandbox } = useMaileonSandbox();
	let seeded = 0;

	function unsubscribeAt(time: number, email = `person${seeded}@example.org`): string {
		seeded++;
		sandbox().state.clock.set(time);
		sandbox().state.seedContacts([{ email }]);
		sandbox().state.unsubscribe(email);
		return email;
	}

	function getNew(staticData?: IDataObject, parameters: IDataObject = {}) {
		return runMaileon(sandbox(), { ...GET_NEW, ...parameters }, { staticData });
	}

	const emailsOf = (result: Awaited<ReturnType<typeof getNew>>) =>
		result.json('Maileon').map((item) => item.email);
	const windows = () =>
		requestsTo(sandbox(), 'GET', '/reports/unsubscriptions').map((entry) => [
			Number(entry.query.from_date),
			Number(entry.query.to_date),
		]);

	it('reads the first-run lookback of 30 days on its first run', async () => {
		const start = Date.now();
		unsubscribeAt(start - 40 * DAY, 'old@example.org');
		unsubscribeAt(start - 10 * DAY, 'recent@example.org');

		const result = await getNew();

		expect(emailsOf(result)).toEqual(['recent@example.org']);
		const [[from, to]] = windows();
		expect(to - from).toBe(30 * DAY);
		expect(to).toBeGreaterThanOrEqual(start);
	});

	it('honours a shorter first-run lookback', async () => {
		unsubscribeAt(Date.now() - 10 * DAY, 'recent@example.org');

		const result = await getNew(undefined, { options: { lookbackDays: 7 } });

		expect(emailsOf(result)).toEqual([]);
	});

	describe('on a later run', () => {
		let first: Awaited<ReturnType<typeof getNew>>;

		beforeEach(async () => {
			unsubscribeAt(Date.now() - 10 * DAY, 'early@example.org');
			unsubscribeAt(Date.now() - 5 * MINUTE, 'late@example.org');
			first = await getNew();
			sandbox().log.clear();
		});

		it('returns only the unsubscriptions that are new since the previous run', async () => {
			unsubscribeAt(Date.now() - 1, 'newest@example.org');

			const second = await getNew(first.staticData);

			expect(emailsOf(first)).toEqual(['early@example.org', 'late@example.org']);
			expect(emailsOf(second)).toEqual(['newest@example.org']);
		});

		it('re-reads the last hour of the previous window and drops what it already returned', async () => {
			const second = await getNew(first.staticData);

			const cursor = Number((first.staticData['node:Maileon'] as IDataObject).cursor);
			expect(windows()[0][0]).toBe(cursor - 60 * MINUTE);
			expect(emailsOf(second)).toEqual([]);
		});
	});

	it('adds every returned unsubscriber to the suppression ledger with its time', async () => {
		const at = Math.floor((Date.now() - DAY) / 1000) * 1000;
		unsubscribeAt(at, 'anna@example.org');

		const result = await getNew();

		expect(ledgerOf(result.staticData).check('anna@example.org', at)).toMatchObject({
			suppressed: true,
			unsubscribedAt: at,
		});
	});

	it('leaves the ledger alone when "Add to Suppression Ledger" is off', async () => {
		unsubscribeAt(Date.now() - DAY, 'anna@example.org');

		const result = await getNew(undefined, { addToLedger: false });

		expect(emailsOf(result)).toEqual(['anna@example.org']);
		expect(ledgerOf(result.staticData).size).toBe(0);
	});

	it("keeps no address in clear text in the workflow's static data", async () => {
		unsubscribeAt(Date.now() - DAY, 'anna@example.org');

		const result = await getNew();

		expect(JSON.stringify(result.staticData)).not.toContain('example.org');
	});
});
