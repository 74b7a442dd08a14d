import { SandboxClock } from '../../../sandbox/framework/clock';
import { contactItem, runMaileon, useMaileonSandbox } from '../helpers';

const DAY = 24 * 3600e3;

const syncMany = { resource: 'contact', operation: 'syncMany', setMarker: false };

const blacklistAddresses = { resource: 'blacklist', operation: 'addEntries', blacklist: { __rl: true, mode: 'list', value: '11' }, emailField: 'email' };

describe('A Maileon blacklist as the second line behind the suppression list', () => {
	const { sandbox } = useMaileonSandbox({ settings: { retentionDays: 14 }, clock: new SandboxClock(Date.UTC(2026, 2, 2)) });

	it('keeps a blacklisted address out of the active contacts of a Synchronize Many with an empty suppression list', async () => {
		await runMaileon(sandbox(), blacklistAddresses, { input: [{ email: 'anna@example.org' }] });

		const result = await runMaileon(sandbox(), syncMany, { input: [contactItem('anna@example.org'), contactItem('bob@example.org')] });

		expect(result.staticData).toEqual({ global: { suppressionLedger: { entries: {}, version: 1 } } });
		expect(sandbox().state.listContacts().map((contact) => contact.email)).toEqual(['bob@example.org']);
		expect(result.json('Maileon')[0]).toMatchObject({ counts: { created: 1 } });
	});

	it('keeps a wildcard-blacklisted domain out as well', async () => {
		await runMaileon(sandbox(), { ...blacklistAddresses, options: { allowWildcards: true } }, { input: [{ email: '*@competitor.example' }] });

		await runMaileon(sandbox(), syncMany, { input: [contactItem('carl@competitor.example'), contactItem('bob@example.org')] });

		expect(sandbox().state.listContacts().map((contact) => contact.email)).toEqual(['bob@example.org']);
	});

	it.each([
		['without', false, ['anna@example.org']],
		['with', true, []],
	])(
		'%s a blacklist entry, an unsubscribe Maileon has purged comes back as an active contact only when the blacklist is missing',
		async (_title, blacklisted, activeAfter) => {
			sandbox().state.seedContacts([{ email: 'anna@example.org', permission: 4 }]);
			sandbox().state.unsubscribe('anna@example.org');
			if (blacklisted) await runMaileon(sandbox(), blacklistAddresses, { input: [{ email: 'anna@example.org' }] });
			sandbox().state.clock.advance(15 * DAY);

			// a run whose suppression list was lost (static data in queue mode): nothing on our side knows her
			await runMaileon(sandbox(), syncMany, { input: [contactItem('anna@example.org')] });

			expect(sandbox().state.unsubscriptions).toEqual([]);
			expect(sandbox().state.listContacts().map((contact) => contact.email)).toEqual(activeAfter);
		},
	);
});
