import { newsletter2GoClient, useNewsletter2GoSandbox, type Newsletter2GoCall } from './testing';

describe('Newsletter2Go sandbox envelope and paging', () => {
	const { sandbox, listId } = useNewsletter2GoSandbox();
	let call: Newsletter2GoCall;

	beforeEach(() => {
		call = newsletter2GoClient(sandbox());
		sandbox().state.seedRecipients(
			listId(),
			Array.from({ length: 7 }, (_, i) => ({ email: `r${i}@example.org`, values: { first_name: `R${i}` } })),
		);
	});

	it('returns stubs with the total count and the next page link', async () => {
		const result = await call('GET', `/lists/${listId()}/recipients`, { query: { _limit: 3, _offset: 0 } });

		expect(result.json.status).toBe(200);
		expect(result.json.info).toMatchObject({ count: 7, additional: { active: 7 } });
		expect(result.value).toHaveLength(3);
		expect(Object.keys(result.value[0]).sort()).toEqual(['_href', 'id']);
		const links = (result.json.info as { links: Record<string, string> }).links;
		expect(links._href).toContain('_limit=3&_offset=0');
		expect(links._next).toContain('_limit=3&_offset=3');
	});

	it('leaves out the next link on the last page', async () => {
		const result = await call('GET', `/lists/${listId()}/recipients`, { query: { _limit: 3, _offset: 6 } });

		expect(result.value).toHaveLength(1);
		expect((result.json.info as { links: Record<string, string> }).links._next).toBeUndefined();
	});

	it('uses 50 records per page by default', async () => {
		sandbox().state.seedRecipients(listId(), Array.from({ length: 60 }, (_, i) => ({ email: `more${i}@example.org` })));

		expect((await call('GET', `/lists/${listId()}/recipients`)).value).toHaveLength(50);
	});

	it.each(['true', '1'])('expands records with _expand=%s', async (expand) => {
		const result = await call('GET', `/lists/${listId()}/recipients`, { query: { _expand: expand, _limit: 1 } });

		expect(result.value[0]).toMatchObject({ email: 'r0@example.org', first_name: 'R0', is_unsubscribed: false });
	});

	it('returns only the named fields, case-sensitively', async () => {
		const result = await call('GET', `/lists/${listId()}/recipients`, { query: { _fields: 'email,First_Name', _limit: 1 } });

		expect(Object.keys(result.value[0]).sort()).toEqual(['_href', 'email', 'id']);
	});

	it('answers errors with status, code and error_message', async () => {
		const result = await call('GET', '/lists/zzzzzzzz');

		expect(result).toMatchObject({ status: 404, json: { status: 404, code: 404, error_message: 'List zzzzzzzz not found' } });
	});

	it('escapes slashes and umlauts like PHP when asked to', async () => {
		sandbox().state.settings.phpJsonEscaping = true;
		sandbox().state.seedRecipients(listId(), [{ email: 'jürgen@example.org' }]);

		const result = await call('GET', `/lists/${listId()}/recipients`, { query: { _filter: 'email=="jürgen@example.org"', _expand: true } });

		expect(result.text).toContain('http:\\/\\/127.0.0.1');
		expect(result.text).toContain('j\\u00fcrgen@example.org');
		expect(result.value[0].email).toBe('jürgen@example.org');
	});

	it('injects faults on demand', async () => {
		await call('GET', '/companies');
		sandbox().faults.set({ kinds: ['503'], retryAfterSeconds: 1, times: 1 });

		const faulted = await call('GET', '/lists');

		expect(faulted).toMatchObject({ status: 503, json: { error_message: 'Injected fault 503' } });
		expect((await call('GET', '/lists')).status).toBe(200);
	});
});
