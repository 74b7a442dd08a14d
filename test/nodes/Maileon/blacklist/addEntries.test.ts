import type { IDataObject } from 'n8n-workflow';

import { requestsTo, runMaileon, useMaileonSandbox } from '../helpers';
import { parseXml, childElement, childElements, childText } from '../../../sandbox/maileon';

const byId = (id: string): IDataObject => ({ __rl: true, mode: 'id', value: id });

function addEntries(overrides: IDataObject = {}): IDataObject {
	return { resource: 'blacklist', operation: 'addEntries', blacklist: byId('11'), emailField: 'email', ...overrides };
}

/** The entries of each `add_entries_action` the sandbox received, in order. */
function sentEntries(bodies: readonly string[]): string[][] {
	return bodies.map((body) => childElements(childElement(parseXml(body), 'entries')!, 'entry').map((entry) => entry.text));
}

describe('Maileon Add Entries to a blacklist', () => {
	const { sandbox } = useMaileonSandbox({ logBodies: true });

	it.each([
		[1, 1000, 1],
		[1000, 1000, 1],
		[1001, 1000, 2],
		[25, 10, 3],
	])('sends %i addresses with batch size %i in %i requests, never one per contact', async (count, batchSize, requests) => {
		const input = Array.from({ length: count }, (_, n) => ({ email: `person${n}@example.org` }));

		const result = await runMaileon(sandbox(), addEntries({ options: { batchSize } }), { input });

		expect(result.status).toBe('success');
		const posts = requestsTo(sandbox(), 'POST', '/blacklists/11/actions');
		expect(posts).toHaveLength(requests);
		expect(posts.length).toBe(Math.ceil(count / batchSize));
		expect(sandbox().state.blacklists.get(11)?.entries).toHaveLength(count);
		expect(result.items('Maileon', 0)).toHaveLength(count);
	});

	it('sends batches of 1000 entries when no batch size is set', async () => {
		const input = Array.from({ length: 2001 }, (_, n) => ({ email: `person${n}@example.org` }));

		await runMaileon(sandbox(), addEntries(), { input });

		const bodies = requestsTo(sandbox(), 'POST', '/blacklists/11/actions').map((entry) => String(entry.body));
		expect(sentEntries(bodies).map((entries) => entries.length)).toEqual([1000, 1000, 1]);
	});

	it('answers every item on the Added output, linked to it, and sends a repeated address once', async () => {
		const result = await runMaileon(sandbox(), addEntries({ options: { importName: 'Shop opt-outs' } }), {
			input: [{ email: ' Anna@Example.org ' }, { email: 'bob@example.org' }, { email: 'anna@example.org' }],
		});

		expect(result.items('Maileon', 0)).toEqual([
			{ json: { email: 'anna@example.org', blacklistId: 11, importName: 'Shop opt-outs' }, pairedItem: { item: 0 } },
			{ json: { email: 'bob@example.org', blacklistId: 11, importName: 'Shop opt-outs' }, pairedItem: { item: 1 } },
			{ json: { email: 'anna@example.org', blacklistId: 11, importName: 'Shop opt-outs' }, pairedItem: { item: 2 } },
		]);
		const bodies = requestsTo(sandbox(), 'POST', '/blacklists/11/actions').map((entry) => String(entry.body));
		expect(sentEntries(bodies)).toEqual([['anna@example.org', 'bob@example.org']]);
		expect(childText(parseXml(bodies[0]), 'import_name')).toBe('Shop opt-outs');
	});

	it('sends invalid addresses nowhere and lists them with their reason on the Invalid output', async () => {
		const result = await runMaileon(sandbox(), addEntries(), {
			input: [{ email: 'anna@example.org' }, { email: 'not-an-address' }, { name: 'no email field' }, { email: 'bob@@example.org' }],
		});

		expect(result.items('Maileon', 1)).toEqual([
			{ json: { email: 'not-an-address', reason: 'The value in "email" has no @' }, pairedItem: { item: 1 } },
			{ json: { email: null, reason: 'The value in "email" has no address' }, pairedItem: { item: 2 } },
			{ json: { email: 'bob@@example.org', reason: 'The value in "email" has more than one @' }, pairedItem: { item: 3 } },
		]);
		expect(result.json('Maileon', 0)).toEqual([{ email: 'anna@example.org', blacklistId: 11, importName: expect.any(String) }]);
		expect(sandbox().state.blacklists.get(11)?.entries).toEqual(['anna@example.org']);
	});

	it('reads the address from the field the user names', async () => {
		await runMaileon(sandbox(), addEntries({ emailField: 'E-Mail' }), { input: [{ 'E-Mail': 'anna@example.org', email: 'other@example.org' }] });

		expect(sandbox().state.blacklists.get(11)?.entries).toEqual(['anna@example.org']);
	});

	it('sends no request when no item has a valid address', async () => {
		const result = await runMaileon(sandbox(), addEntries(), { input: [{ email: 'broken' }] });

		expect(result.status).toBe('success');
		expect(requestsTo(sandbox(), 'POST', '/blacklists/11/actions')).toHaveLength(0);
		expect(result.items('Maileon', 1)).toHaveLength(1);
	});

	it('adds a domain wildcard only when wildcards are allowed', async () => {
		const refused = await runMaileon(sandbox(), addEntries(), { input: [{ email: '*@spam.example' }] });
		const allowed = await runMaileon(sandbox(), addEntries({ options: { allowWildcards: true } }), {
			input: [{ email: '*@Spam.example' }, { email: '*@nodot' }],
		});

		expect(refused.json('Maileon', 1)).toEqual([
			{ email: '*@spam.example', reason: 'The value in "email" is a wildcard; turn on "Allow Domain Wildcards" to add it' },
		]);
		expect(allowed.json('Maileon', 1)).toEqual([
			{ email: '*@nodot', reason: 'The value in "email" has a wildcard whose address part has no top-level domain' },
		]);
		expect(sandbox().state.blacklists.get(11)?.entries).toEqual(['*@spam.example']);
	});

	it('numbers the import names of a run that needs several requests', async () => {
		const input = Array.from({ length: 5 }, (_, n) => ({ email: `p${n}@example.org` }));

		await runMaileon(sandbox(), addEntries({ options: { batchSize: 2, importName: 'Opt-outs' } }), { input });

		expect(sandbox().state.blacklists.get(11)?.imports.map((row) => row.name)).toEqual([
			'Opt-outs (part 1 of 3)',
			'Opt-outs (part 2 of 3)',
			'Opt-outs (part 3 of 3)',
		]);
	});

	it('refuses a batch size below 1 before sending anything', async () => {
		const result = await runMaileon(sandbox(), addEntries({ options: { batchSize: 0 } }), { input: [{ email: 'anna@example.org' }] });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Batch Size must be a whole number of at least 1, got 0');
		expect(requestsTo(sandbox(), 'POST', '/blacklists/11/actions')).toHaveLength(0);
	});
});
