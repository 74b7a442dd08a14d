import { contactItem, requestsTo, runMaileon, useMaileonSandbox } from '../helpers';

const SYNC = { resource: 'contact', operation: 'syncMany', setMarker: false };
const OPT_OUT = { action: 'unsubscribe' as const, reason: 'opted out', status: 'optOut' };

describe('Maileon Synchronize Many addresses and report wording', () => {
	const { sandbox } = useMaileonSandbox({ logBodies: true, settings: { caseSensitiveEmails: true } });

	it('sends the normalised, lower-cased address', async () => {
		await runMaileon(sandbox(), SYNC, { input: [contactItem(' Anna.Muster@Example.ORG ')] });

		const [sync] = requestsTo(sandbox(), 'POST', '/contacts');
		expect(sync.body).toContain('<email>anna.muster@example.org</email>');
		expect(sandbox().state.listContacts().map((contact) => contact.email)).toEqual(['anna.muster@example.org']);
	});

	it('counts apart the source opt-outs Maileon had to unsubscribe', async () => {
		sandbox().state.seedContacts([{ email: 'anna@example.org', permission: 2 }]);

		const result = await runMaileon(sandbox(), SYNC, {
			input: ['Anna@Example.org', 'ben@example.org', 'carl@example.org'].map((email) => contactItem(email, { consent: OPT_OUT })),
		});

		const [report] = result.json('Maileon', 0);
		expect(requestsTo(sandbox(), 'DELETE', '/contacts/email/anna%40example.org/unsubscribe')).toHaveLength(1);
		expect(report.counts).toMatchObject({ unsubscribed: 3, unsubscribedAtTarget: 1 });
		expect(report.summary).toBe('3 selected, 3 opted out in the source, 1 unsubscribe sent to the target');
	});

	it('names the contacts whose diverse gender was left out', async () => {
		const result = await runMaileon(
			sandbox(),
			{ ...SYNC, options: { allowDiverse: false } },
			{ input: [contactItem('anna@example.org', { gender: 'd' }), contactItem('ben@example.org', { gender: 'm' })] },
		);

		expect(result.json('Maileon', 0)[0].warnings).toContain(
			'The gender of 1 contact(s) was left out, as Maileon takes only m, f and d, and d only where the account and the "Diverse Gender" option allow it: anna@example.org.',
		);
	});

	it('names the contacts sent again without the gender an older account refused', async () => {
		sandbox().state.settings.acceptDiverseGender = false;

		const result = await runMaileon(sandbox(), SYNC, { input: [contactItem('anna@example.org', { gender: 'd' })] });

		expect(result.json('Maileon', 0)[0].warnings).toContain(
			'The gender of 1 contact(s) was left out, as Maileon takes only m, f and d, and d only where the account and the "Diverse Gender" option allow it: anna@example.org.',
		);
	});
});
