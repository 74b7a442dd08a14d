import { SuppressionLedger } from '../../../../nodes/shared/suppression';
import { useNewsletter2GoSandbox } from '../../../sandbox/newsletter2go/testing';
import { byId, NODE, runNode } from '../helpers';

describe('Newsletter2Go Recipient Unsubscribe', () => {
	const { sandbox, listId } = useNewsletter2GoSandbox();

	const unsubscribe = (parameters: Record<string, unknown> = {}) =>
		runNode(sandbox(), { resource: 'recipient', operation: 'unsubscribe', list: byId(listId()), email: 'Anna@Example.org', ...parameters });

	it('sets the unsubscribe flag in that list only, with one PATCH of the recipient', async () => {
		const other = sandbox().state.createList({ name: 'Other' });
		const [anna] = sandbox().state.seedRecipients(listId(), [{ email: 'anna@example.org' }]);
		const [elsewhere] = sandbox().state.seedRecipients(other.id, [{ email: 'anna@example.org' }]);

		const result = await unsubscribe();

		expect(result.json(NODE)).toEqual([
			{ email: 'anna@example.org', listId: listId(), id: anna.id, unsubscribed: true, blacklisted: false, found: true },
		]);
		expect([anna.isUnsubscribed, elsewhere.isUnsubscribed]).toEqual([true, false]);
		expect(sandbox().log.filter((entry) => entry.method === 'PATCH').map((entry) => entry.path)).toEqual([
			`/lists/${listId()}/recipients/${anna.id}`,
		]);
	});

	it('also blacklists the address when asked to', async () => {
		const [anna] = sandbox().state.seedRecipients(listId(), [{ email: 'anna@example.org' }]);

		await unsubscribe({ blacklist: true });

		expect([anna.isUnsubscribed, anna.isBlacklisted]).toEqual([true, true]);
	});

	it('keeps the address out of later imports as a hash, also when the list does not hold it', async () => {
		const result = await unsubscribe();

		expect(result.json(NODE)).toEqual([{ email: 'anna@example.org', listId: listId(), unsubscribed: false, found: false }]);
		const ledger = JSON.stringify(result.staticData);
		expect(ledger).toContain(SuppressionLedger.hash('anna@example.org'));
		expect(ledger).not.toContain('anna@example.org');
	});

	it('leaves the ledger alone when told to', async () => {
		const result = await unsubscribe({ addToLedger: false });

		expect(JSON.stringify(result.staticData)).not.toContain(SuppressionLedger.hash('anna@example.org'));
	});
});
