import { newsletter2GoClient, useNewsletter2GoSandbox, type Newsletter2GoCall } from './testing';

describe('Newsletter2Go sandbox groups and attributes', () => {
	const { sandbox, listId } = useNewsletter2GoSandbox();
	let call: Newsletter2GoCall;

	beforeEach(() => {
		call = newsletter2GoClient(sandbox());
		sandbox().state.seedRecipients(listId(), [
			{ email: 'anna@example.org' },
			{ email: 'ben@example.org' },
			{ email: 'carl@other.org' },
		]);
	});

	const groupOf = (email: string) => [...(sandbox().state.findRecipient(listId(), email)?.groupIds ?? [])];

	it('creates a group with 201 and refuses a duplicate name with code 1062', async () => {
		const created = await call('POST', '/groups', { body: { list_id: listId(), name: 'VIP', is_dynamic: false } });
		const duplicate = await call('POST', '/groups', { body: { list_id: listId(), name: 'VIP' } });

		expect(created.status).toBe(201);
		expect(duplicate).toMatchObject({ status: 400, json: { status: 400, code: 1062 } });
	});

	it('adds the filter matches to a static group and removes them again', async () => {
		const group = sandbox().state.createGroup({ list_id: listId(), name: 'VIP' });
		const path = `/lists/${listId()}/groups/${group.id}/recipients`;

		const added = await call('POST', path, { query: { _filter: 'email=like="%@example.org"' } });
		const removed = await call('DELETE', path, { query: { _filter: 'email=="ben@example.org"' } });

		expect([added.status, added.json.info]).toEqual([201, { count: 2 }]);
		expect([removed.status, removed.json.info]).toEqual([200, { count: 1 }]);
		expect(groupOf('anna@example.org')).toEqual([group.id]);
		expect(groupOf('ben@example.org')).toEqual([]);
	});

	it('adds a single recipient by id', async () => {
		const group = sandbox().state.createGroup({ list_id: listId(), name: 'VIP' });
		const anna = sandbox().state.findRecipient(listId(), 'anna@example.org');

		const result = await call('POST', `/lists/${listId()}/groups/${group.id}/recipients/${anna?.id}`);

		expect(result.json).toEqual({ status: 201, info: { count: 1 }, value: [] });
		expect(groupOf('anna@example.org')).toEqual([group.id]);
	});

	it('refuses members for a dynamic group, which selects by its own filter', async () => {
		const group = sandbox().state.createGroup({ list_id: listId(), name: 'Others', is_dynamic: true, filter: 'email=like="%@other.org"' });

		const refused = await call('POST', `/lists/${listId()}/groups/${group.id}/recipients`, { query: { _filter: 'email=="anna@example.org"' } });
		const members = await call('GET', `/lists/${listId()}/groups/${group.id}/recipients`, { query: { _fields: 'email' } });

		expect(refused.status).toBe(400);
		expect(members.value.map((member) => member.email)).toEqual(['carl@other.org']);
	});

	it('lists attributes as stubs with the singular /attribute/ href', async () => {
		const created = await call('POST', '/attributes', { body: { list_ids: [listId()], name: 'customer_no', type: 'text' } });

		const listed = await call('GET', `/lists/${listId()}/attributes`);

		expect(created.status).toBe(201);
		expect(listed.value).toEqual([{ _href: `${sandbox().baseUrl}/attribute/${created.value[0].id}`, id: created.value[0].id }]);
	});

	it.each([
		['a name with a dash', 'customer-no', 400, 400],
		['a duplicate name', 'customer_no', 400, 1062],
	])('refuses an attribute with %s', async (_label, name, status, code) => {
		sandbox().state.createAttribute({ list_ids: [listId()], name: 'customer_no' });

		const result = await call('POST', '/attributes', { body: { list_ids: [listId()], name } });

		expect(result).toMatchObject({ status, json: { code } });
	});

	it('stores custom attribute values once the attribute exists', async () => {
		sandbox().state.createAttribute({ list_ids: [listId()], name: 'customer_no' });

		await call('POST', '/recipients', { body: { list_id: listId(), email: 'anna@example.org', customer_no: '4711' } });

		expect(sandbox().state.findRecipient(listId(), 'anna@example.org')?.values.customer_no).toBe('4711');
	});
});
