import { newsletter2GoClient, useNewsletter2GoSandbox, type Newsletter2GoCall } from './testing';

describe('Newsletter2Go sandbox recipients', () => {
	const { sandbox, listId } = useNewsletter2GoSandbox();
	let call: Newsletter2GoCall;

	beforeEach(() => {
		call = newsletter2GoClient(sandbox());
	});

	const row = (email: string, extra: Record<string, unknown> = {}) => ({ list_id: listId(), email, first_name: 'Anna', ...extra });
	const stored = (email: string) => sandbox().state.findRecipient(listId(), email);

	it('answers 200 for one object and 201 for an array', async () => {
		const single = await call('POST', '/recipients', { body: row('anna@example.org') });
		const many = await call('POST', '/recipients', { body: [row('ben@example.org'), row('carl@example.org')] });

		expect([single.status, single.json.status]).toEqual([200, 200]);
		expect([many.status, many.json.status]).toEqual([201, 201]);
		expect(many.json.info).toEqual({ count: 2, additional: { invalid_recipients: [] } });
		expect(many.value.map((entry) => Object.keys(entry).sort())).toEqual([['_href', 'id'], ['_href', 'id']]);
	});

	it('updates the recipient with the same address in the list and keeps its id', async () => {
		const first = await call('POST', '/recipients', { body: row('anna@example.org') });
		const second = await call('POST', '/recipients', { body: row('ANNA@example.org', { first_name: 'Anne' }) });

		expect(second.value[0].id).toBe(first.value[0].id);
		expect(sandbox().state.recipientsOf(listId())).toHaveLength(1);
		expect(stored('anna@example.org')?.values.first_name).toBe('Anne');
	});

	it('puts rows it cannot take into invalid_recipients without an HTTP error', async () => {
		sandbox().state.settings.blockedDomains = ['blocked.example'];

		const result = await call('POST', '/recipients', {
			body: [row('anna@example.org'), row('x@example.c'), row('eve@blocked.example')],
		});

		expect(result.status).toBe(201);
		expect(result.json.info).toMatchObject({
			count: 1,
			additional: { invalid_recipients: [row('x@example.c'), row('eve@blocked.example')] },
		});
	});

	it('adds an error message to rejected rows when configured', async () => {
		sandbox().state.settings.invalidRecipientMessages = true;

		const result = await call('POST', '/recipients', { body: [row('x@example.c')] });

		expect(result.json.info).toMatchObject({
			additional: { invalid_recipients: [{ email: 'x@example.c', error_message: 'Invalid email address' }] },
		});
	});

	it('rejects an array whose rows have different keys', async () => {
		const result = await call('POST', '/recipients', { body: [row('anna@example.org'), { list_id: listId(), email: 'ben@example.org' }] });

		expect(result).toMatchObject({ status: 400, json: { error_message: 'All recipients of a request must have the same keys' } });
	});

	it.each([413, 400] as const)('refuses an array above the configured size with %i', async (status) => {
		sandbox().state.settings.maxRecipientsPerRequest = 1;
		sandbox().state.settings.oversizeStatus = status;

		const result = await call('POST', '/recipients', { body: [row('anna@example.org'), row('ben@example.org')] });

		expect(result.status).toBe(status);
	});

	it('writes to the company default list when list_id is missing', async () => {
		await call('POST', '/recipients', { body: { email: 'anna@example.org' } });

		expect(stored('anna@example.org')).toBeDefined();
	});

	it('ignores and logs unknown custom keys by default', async () => {
		await call('POST', '/recipients', { body: row('anna@example.org', { shoe_size: '42' }) });

		expect(stored('anna@example.org')?.values).not.toHaveProperty('shoe_size');
		expect(sandbox().state.ignoredKeys).toEqual([`${listId()}:shoe_size`]);
	});

	it('rejects unknown custom keys when configured', async () => {
		sandbox().state.settings.rejectUnknownAttributes = true;

		const result = await call('POST', '/recipients', { body: row('anna@example.org', { shoe_size: '42' }) });

		expect(result).toMatchObject({ status: 400, json: { error_message: 'Unknown attribute shoe_size' } });
	});

	it('sets the per-list unsubscribe flag with PATCH and reports one affected row', async () => {
		const [anna] = sandbox().state.seedRecipients(listId(), [{ email: 'anna@example.org' }]);

		const result = await call('PATCH', `/lists/${listId()}/recipients/${anna.id}`, { body: { is_unsubscribed: true } });

		expect(result.json).toEqual({ status: 200, info: { count: 1 }, value: [] });
		expect(anna.isUnsubscribed).toBe(true);
	});

	it('updates every match of a filtered PATCH and every recipient without a filter', async () => {
		sandbox().state.seedRecipients(listId(), [{ email: 'anna@example.org' }, { email: 'ben@example.org' }]);

		const filtered = await call('PATCH', `/lists/${listId()}/recipients`, {
			query: { _filter: 'email=="anna@example.org"' },
			body: { last_name: 'X' },
		});
		const unfiltered = await call('PATCH', `/lists/${listId()}/recipients`, { body: { rating: 5 } });

		expect([filtered.json.info, unfiltered.json.info]).toEqual([{ count: 1 }, { count: 2 }]);
		expect(stored('ben@example.org')?.values).toEqual({ rating: 5 });
	});

	it('refuses to change the address when configured', async () => {
		sandbox().state.settings.rejectEmailChange = true;
		const [anna] = sandbox().state.seedRecipients(listId(), [{ email: 'anna@example.org' }]);

		const result = await call('PATCH', `/lists/${listId()}/recipients/${anna.id}`, { body: { email: 'new@example.org' } });

		expect(result).toMatchObject({ status: 400, json: { error_message: 'The email address cannot be changed' } });
	});

	it('deletes one recipient, or every recipient of the list when the filter is missing', async () => {
		const [anna] = sandbox().state.seedRecipients(listId(), [{ email: 'anna@example.org' }, { email: 'ben@example.org' }, { email: 'carl@example.org' }]);

		await call('DELETE', `/lists/${listId()}/recipients/${anna.id}`);
		const all = await call('DELETE', `/lists/${listId()}/recipients`);

		expect(all.json.info).toEqual({ count: 2 });
		expect(sandbox().state.recipientsOf(listId())).toEqual([]);
	});

	it('finds recipients across lists and by id', async () => {
		const other = sandbox().state.createList({ name: 'Other' });
		const [anna] = sandbox().state.seedRecipients(other.id, [{ email: 'anna@example.org' }]);
		sandbox().state.seedRecipients(listId(), [{ email: 'anna@example.org', isUnsubscribed: true }]);

		const global = await call('GET', '/recipients/global', { query: { _expand: true } });
		const byId = await call('GET', `/recipients/${anna.id}`, { query: { _expand: true } });

		expect(global.json.info).toMatchObject({ count: 2, additional: { active: 1 } });
		expect(byId.value[0]).toMatchObject({ id: anna.id, list_ids: [other.id] });
	});

	it('drops the recipients and groups of a deleted list', async () => {
		const other = sandbox().state.createList({ name: 'Other' });
		sandbox().state.seedRecipients(other.id, [{ email: 'anna@example.org' }]);
		sandbox().state.createGroup({ list_id: other.id, name: 'VIP' });

		await call('DELETE', `/lists/${other.id}`);

		expect([...sandbox().state.recipients.values()]).toEqual([]);
		expect([...sandbox().state.groups.values()]).toEqual([]);
	});
});
