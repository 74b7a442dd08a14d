import { useNewsletter2GoSandbox } from '../../../sandbox/newsletter2go/testing';
import type { GroupRecord } from '../../../sandbox/newsletter2go';
import { byId, NODE, runError, runNode } from '../helpers';

describe('Newsletter2Go Group', () => {
	const { sandbox, listId } = useNewsletter2GoSandbox();
	let vip: GroupRecord;

	beforeEach(() => {
		vip = sandbox().state.createGroup({ list_id: listId(), name: 'VIP' });
		sandbox().state.seedRecipients(listId(), Array.from({ length: 60 }, (_, i) => ({ email: `r${i}@example.org` })));
	});

	const change = (operation: 'addRecipients' | 'removeRecipients', emails: string[], onError?: 'continueRegularOutput') =>
		runNode(
			sandbox(),
			{ resource: 'group', operation, list: byId(listId()), group: byId(vip.id), email: '={{ $json.email }}' },
			{ input: emails.map((email) => ({ email })), onError },
		);
	const members = () => sandbox().state.membersOf(vip).map((recipient) => recipient.email).sort();

	it('adds 60 recipients with two lookups and two filtered writes, not one call per recipient', async () => {
		const emails = Array.from({ length: 60 }, (_, i) => `r${i}@example.org`);

		const result = await change('addRecipients', emails);

		expect(members()).toHaveLength(60);
		expect(result.items(NODE)[59]).toEqual({
			json: { email: 'r59@example.org', listId: listId(), groupId: vip.id, added: true },
			pairedItem: { item: 59 },
		});
		const calls = sandbox().log.filter((entry) => entry.path !== '/oauth/v2/token');
		expect(calls.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			`GET /lists/${listId()}/recipients`,
			`GET /lists/${listId()}/recipients`,
			`POST /lists/${listId()}/groups/${vip.id}/recipients`,
			`POST /lists/${listId()}/groups/${vip.id}/recipients`,
		]);
		expect(calls.every((entry) => typeof entry.query._filter === 'string' && entry.query._filter !== '')).toBe(true);
	});

	it('removes recipients from the group', async () => {
		await change('addRecipients', ['r1@example.org', 'r2@example.org']);

		await change('removeRecipients', ['R1@example.org']);

		expect(members()).toEqual(['r2@example.org']);
	});

	it('fails an address the list lacks before writing anything', async () => {
		const result = await change('addRecipients', ['r1@example.org', 'ghost@example.org']);

		expect(runError(result).message).toBe(`List ${listId()} has no recipient ghost@example.org`);
		expect(members()).toEqual([]);
	});

	it('goes on with the others and reports the missing address as an error item with Continue On Fail', async () => {
		const result = await change('addRecipients', ['ghost@example.org', 'r1@example.org'], 'continueRegularOutput');

		expect(result.items(NODE).map((item) => [item.pairedItem, item.json.error ?? item.json.added])).toEqual([
			[{ item: 0 }, `List ${listId()} has no recipient ghost@example.org`],
			[{ item: 1 }, true],
		]);
		expect(members()).toEqual(['r1@example.org']);
	});

	it('passes on why Newsletter2Go refuses members for a dynamic group', async () => {
		vip = sandbox().state.createGroup({ list_id: listId(), name: 'Dynamic', is_dynamic: true, filter: 'email=like="%x%"' });

		const result = await change('addRecipients', ['r1@example.org']);

		expect(runError(result).message).toBe(
			'Newsletter2Go rejected the request (400): Recipients can only be added to or removed from static groups (code 400)',
		);
	});

	it('gets the groups of the list', async () => {
		const result = await runNode(sandbox(), { resource: 'group', operation: 'getAll', list: byId(listId()), returnAll: true });

		expect(result.json(NODE)).toEqual([expect.objectContaining({ id: vip.id, name: 'VIP', is_dynamic: false })]);
	});
});
