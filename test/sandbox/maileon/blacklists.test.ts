import { contactsXml, textOf, useMaileonClient } from './fixtures';
import { renderXml, el, childElement, childElements, childText } from './xml';

function addEntriesXml(entries: readonly string[], importName?: string): string {
	const children = importName === undefined ? [] : [el('import_name', importName)];
	children.push(el('entries', entries.map((entry) => el('entry', entry))));
	return renderXml(el('add_entries_action', children));
}

describe('Maileon sandbox blacklists', () => {
	const { sandbox, call } = useMaileonClient();

	it('lists the account blacklists by id and name, without the global ones', async () => {
		const response = await call('GET', '/blacklists');

		expect(response.status).toBe(200);
		const lists = childElements(response.xml(), 'blacklist').map((list) => [childText(list, 'id'), childText(list, 'name')]);
		expect(lists).toEqual([
			['11', 'Newsletter opt-outs'],
			['12', 'Competitors'],
		]);
	});

	it('adds entries as one import and returns them with the list', async () => {
		const added = await call('POST', '/blacklists/11/actions', {
			body: addEntriesXml(['Anna@Example.org', '*@spam.example'], 'opt-outs 2024-05'),
		});
		const read = await call('GET', '/blacklists/11');

		expect(added.status).toBe(200);
		const entries = childElements(childElement(read.xml(), 'entries')!, 'entry').map((entry) => entry.text);
		expect(entries).toEqual(['anna@example.org', '*@spam.example']);
		expect(sandbox().state.blacklists.get(11)?.imports).toEqual([
			expect.objectContaining({ name: 'opt-outs 2024-05', entries: 2 }),
		]);
	});

	it.each([1, 2])('answers 403 to a write on global blacklist %i and leaves it unchanged', async (id) => {
		const response = await call('POST', `/blacklists/${id}/actions`, { body: addEntriesXml(['a@example.org']) });

		expect(response.status).toBe(403);
		expect(childText(response.xml(), 'message')).toContain('global');
		expect(sandbox().state.blacklists.get(id)?.entries).toEqual([]);
	});

	it('answers 400 to an entry that is neither an address nor a wildcard, adding nothing', async () => {
		const response = await call('POST', '/blacklists/11/actions', { body: addEntriesXml(['ok@example.org', 'not an address']) });

		expect(response.status).toBe(400);
		expect(sandbox().state.blacklists.get(11)?.entries).toEqual([]);
	});

	it('answers 404 for an unknown blacklist', async () => {
		expect((await call('GET', '/blacklists/99')).status).toBe(404);
		expect((await call('POST', '/blacklists/99/actions', { body: addEntriesXml(['a@example.org']) })).status).toBe(404);
	});

	it('reports contacts with a permission whose address a literal or wildcard entry covers as blocked', async () => {
		sandbox().state.seedContacts([
			{ email: 'anna@example.org', permission: 4 },
			{ email: 'bob@spam.example', permission: 4 },
			{ email: 'carl@example.org', permission: 4 },
			{ email: 'dora@spam.example', permission: 1 },
		]);
		sandbox().state.blacklists.addEntries(11, ['anna@example.org'], 'seed');
		sandbox().state.blacklists.addEntries(2, ['*@spam.example'], 'seed');

		const response = await call('GET', '/contacts/blocked');

		const blocked = childElements(response.xml(), 'contact').map((contact) => [
			childText(contact, 'email'),
			childText(contact, 'blocking_reason'),
		]);
		expect(blocked).toEqual([
			['anna@example.org', 'blacklist'],
			['bob@spam.example', 'blacklist'],
		]);
		expect(response.headers.get('x-items')).toBe('2');
	});

	it('creates no contact for a blacklisted address in a bulk import and counts it in no outcome counter', async () => {
		sandbox().state.blacklists.addEntries(11, ['*@spam.example'], 'seed');

		const response = await call('POST', '/contacts', {
			query: { sync_mode: 1, permission: 4, reimport_unsubscribed_contacts: false, ignore_invalid_contacts: true },
			body: contactsXml([{ email: 'anna@example.org' }, { email: 'Bob@SPAM.example' }]),
		});

		const report = response.xml();
		expect(textOf(report, 'count_contacts')).toBe('2');
		expect(textOf(report, 'count_new_contacts')).toBe('1');
		expect(textOf(report, 'count_existing_contacts')).toBe('0');
		expect(textOf(report, 'count_unsubscribed_contacts')).toBe('0');
		expect(textOf(report, 'count_invalid_contacts')).toBe('0');
		expect(sandbox().state.listContacts().map((contact) => contact.email)).toEqual(['anna@example.org']);
	});

	it('forgets entries and imports on reset, keeping the seeded lists', async () => {
		sandbox().state.blacklists.addEntries(11, ['a@example.org'], 'seed');

		sandbox().state.reset();

		expect(sandbox().state.blacklists.all().map((list) => [list.id, list.entries.length])).toEqual([
			[1, 0],
			[2, 0],
			[11, 0],
			[12, 0],
		]);
	});
});
