import { useNewsletter2GoSandbox } from '../../../sandbox/newsletter2go/testing';
import { byId, NODE, runNode } from '../helpers';

describe('Newsletter2Go Recipient Delete', () => {
	const { sandbox, listId } = useNewsletter2GoSandbox();

	const deleteRecipient = (email: string) =>
		runNode(sandbox(), { resource: 'recipient', operation: 'deleteRecipient', list: byId(listId()), email });

	it('deletes only that recipient, through its own path and never the filter form', async () => {
		const [anna] = sandbox().state.seedRecipients(listId(), [{ email: 'anna@example.org' }, { email: 'ben@example.org' }]);

		const result = await deleteRecipient('anna@example.org');

		expect(result.json(NODE)).toEqual([{ email: 'anna@example.org', listId: listId(), id: anna.id, deleted: true, found: true }]);
		expect(sandbox().state.recipientsOf(listId()).map((recipient) => recipient.email)).toEqual(['ben@example.org']);
		expect(sandbox().log.filter((entry) => entry.method === 'DELETE').map((entry) => entry.path)).toEqual([
			`/lists/${listId()}/recipients/${anna.id}`,
		]);
	});

	it('reports an address the list does not hold without deleting anything', async () => {
		sandbox().state.seedRecipients(listId(), [{ email: 'ben@example.org' }]);

		const result = await deleteRecipient('anna@example.org');

		expect(result.json(NODE)).toEqual([{ email: 'anna@example.org', listId: listId(), deleted: false, found: false }]);
		expect(sandbox().log.filter((entry) => entry.method === 'DELETE')).toEqual([]);
		expect(sandbox().state.recipientsOf(listId())).toHaveLength(1);
	});
});
