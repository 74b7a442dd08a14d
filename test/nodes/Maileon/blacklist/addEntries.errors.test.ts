import type { IDataObject } from 'n8n-workflow';

import { MAILEON_DEMO_API_KEY } from '../../../sandbox/maileon';
import { requestsTo, runMaileon, useMaileonSandbox } from '../helpers';

function addEntriesTo(id: string): IDataObject {
	return { resource: 'blacklist', operation: 'addEntries', blacklist: { __rl: true, mode: 'id', value: id }, emailField: 'email' };
}

const description = (error: Error | undefined) => (error as { description?: string } | undefined)?.description;

describe('Maileon Add Entries to a blacklist when Maileon refuses', () => {
	describe('with a key that may write', () => {
		const { sandbox } = useMaileonSandbox();

		it.each(['1', '2'])('says that global blacklist %s cannot be written, and what to pick instead', async (id) => {
			const result = await runMaileon(sandbox(), addEntriesTo(id), { input: [{ email: 'anna@example.org' }] });

			expect(result.status).toBe('error');
			expect(requestsTo(sandbox(), 'POST', `/blacklists/${id}/actions`)).toHaveLength(1);
			expect(result.error?.message).toBe(`Maileon refused entries for blacklist ${id}, one of its global blacklists (403)`);
			expect(description(result.error)).toBe(
				"Blacklists 1 and 2 are Maileon's global blacklists and cannot be written over the API. Pick one of the account's own blacklists (From List shows them), or create one in Maileon first.",
			);
			expect(sandbox().state.blacklists.get(Number(id))?.entries).toEqual([]);
		});

		it('says which blacklist does not exist', async () => {
			const result = await runMaileon(sandbox(), addEntriesTo('99'), { input: [{ email: 'anna@example.org' }] });

			expect(result.status).toBe('error');
			expect(result.error?.message).toBe('Maileon could not find the requested object (404): No blacklist with id 99');
		});

		it('asks for a blacklist when the one given is no numeric ID', async () => {
			const parameters = { ...addEntriesTo('11'), blacklist: { __rl: true, mode: 'list', value: 'Newsletter opt-outs' } };

			const result = await runMaileon(sandbox(), parameters, { input: [{ email: 'anna@example.org' }] });

			expect(result.error?.message).toBe('"Newsletter opt-outs" is not a Maileon blacklist ID');
			expect(description(result.error)).toBe('Pick a blacklist from the list, or enter its numeric ID.');
		});
	});

	describe('with a key without the POST privilege', () => {
		const { sandbox } = useMaileonSandbox({ settings: { apiKeys: [{ key: MAILEON_DEMO_API_KEY, methods: ['GET'] }] } });

		it('names both causes of a 403 on an account blacklist', async () => {
			const result = await runMaileon(sandbox(), addEntriesTo('11'), { input: [{ email: 'anna@example.org' }] });

			expect(result.error?.message).toBe('Maileon refused entries for blacklist 11 (403)');
			expect(description(result.error)).toContain('give the key the POST privilege');
		});
	});
});
