import { useNewsletter2GoSandbox } from '../../../sandbox/newsletter2go/testing';
import { byId, NODE, runError, runNode } from '../helpers';

describe('Newsletter2Go Recipient Get', () => {
	const { sandbox, listId } = useNewsletter2GoSandbox();

	beforeEach(() => {
		sandbox().state.seedRecipients(listId(), [{ email: 'anna@example.org', values: { first_name: 'Anna' } }]);
	});

	const get = (email: string, onError?: 'continueRegularOutput') =>
		runNode(sandbox(), { resource: 'recipient', operation: 'get', list: byId(listId()), email }, { onError });

	it('finds the recipient with an email _filter and returns the expanded record', async () => {
		const result = await get('Anna@Example.org');

		expect(result.json(NODE)).toEqual([expect.objectContaining({ email: 'anna@example.org', first_name: 'Anna', is_unsubscribed: false })]);
		const lookup = sandbox().log.last((entry) => entry.method === 'GET');
		expect(lookup?.path).toBe(`/lists/${listId()}/recipients`);
		expect(lookup?.query).toMatchObject({ _filter: 'email=="anna@example.org"', _expand: 'true' });
	});

	it('fails for an address the list does not hold', async () => {
		const result = await get('ben@example.org');

		expect(runError(result)).toEqual({
			message: `List ${listId()} has no recipient ben@example.org`,
			description: 'Check the address and the list, or turn on "Continue On Fail" to go on with the other items.',
		});
	});

	it('turns the failure into an item linked to its input with Continue On Fail', async () => {
		const result = await get('ben@example.org', 'continueRegularOutput');

		expect(result.items(NODE)).toEqual([
			{
				json: { error: `List ${listId()} has no recipient ben@example.org`, description: expect.any(String) },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('refuses an address with a double quote, which a filter cannot hold', async () => {
		const result = await get('a"b@example.org');

		expect(runError(result).message).toBe('The email contains a double quote or backslash');
		expect(sandbox().log.filter((entry) => entry.path.includes('/recipients'))).toEqual([]);
	});

	it('accepts the list as the URL of its API object', async () => {
		const result = await runNode(sandbox(), {
			resource: 'recipient',
			operation: 'get',
			list: { __rl: true, mode: 'url', value: `https://api.newsletter2go.com/lists/${listId()}` },
			email: 'anna@example.org',
		});

		expect(result.json(NODE)[0].email).toBe('anna@example.org');
	});
});
