import { contactItem, ledgerOf, requestsTo, runMaileon, staticDataWithLedger, useMaileonSandbox } from '../helpers';

const SYNC = { resource: 'contact', operation: 'syncMany', setMarker: false };

describe('Maileon Synchronize Many rejected contacts', () => {
	const { sandbox } = useMaileonSandbox();

	it.each([
		[
			'an invalid BIRTHDAY (17)',
			() => {},
			contactItem('bad@example.org', { fields: { BIRTHDAY: 'last spring' } }),
			{},
			'invalid BIRTHDAY',
		],
		[
			'an invalid LOCALE (20)',
			() => {},
			contactItem('bad@example.org', { fields: { LOCALE: 'deutsch' } }),
			{},
			'invalid LOCALE',
		],
		[
			'an invalid custom boolean (22)',
			() => sandbox().state.defineCustomField('Vip', 'boolean'),
			contactItem('bad@example.org', { fields: { Vip: 'yes please' } }),
			{},
			'invalid custom boolean',
		],
		[
			'a non-integer value of an integer custom field (25)',
			() => sandbox().state.defineCustomField('Age', 'integer'),
			contactItem('bad@example.org', { fields: { Age: 'forty' } }),
			{},
			'invalid custom integer',
		],
	])(
		'turns %s into a rejected item linked to its input',
		async (_, arrange, rejectedItem, options, reason) => {
			arrange();

			const result = await runMaileon(
				sandbox(),
				{ ...SYNC, options },
				{
					input: [contactItem('good@example.org'), rejectedItem, contactItem('fine@example.org')],
				},
			);

			expect(result.items('Maileon', 1)).toEqual([
				{ json: { email: 'bad@example.org', reason, outcome: 'invalid' }, pairedItem: { item: 1 } },
			]);
			expect(result.json('Maileon', 0)[0].counts).toMatchObject({
				selected: 3,
				created: 2,
				invalid: 1,
			});
			expect(sandbox().state.getContact('bad@example.org')).toBeUndefined();
		},
	);

	it('lists the rejected contact among the report reasons', async () => {
		const result = await runMaileon(sandbox(), SYNC, {
			input: [contactItem('bad@example.org', { fields: { BIRTHDAY: 'last spring' } })],
		});

		expect(result.json('Maileon', 0)[0].reasons).toEqual([
			{ outcome: 'invalid', email: 'bad@example.org', reason: 'invalid BIRTHDAY', record: 1 },
		]);
	});

	it('keeps the ledger entry of a re-consented address that Maileon refuses', async () => {
		const reconsented = contactItem('bad@example.org', {
			fields: { BIRTHDAY: 'last spring' },
			consent: { action: 'send', reason: 'explicit opt-in', status: 'optIn', at: Date.UTC(2024, 5, 1) },
		});

		const result = await runMaileon(sandbox(), SYNC, { input: [reconsented], staticData: staticDataWithLedger(['bad@example.org']) });

		expect(result.json('Maileon', 0)[0].counts).toMatchObject({ invalid: 1 });
		expect(ledgerOf(result.staticData).has('bad@example.org')).toBe(true);
	});

	describe('on an account that refuses gender d (error 19)', () => {
		beforeEach(() => {
			sandbox().state.settings.acceptDiverseGender = false;
		});

		it('sends the contact again without the gender', async () => {
			const result = await runMaileon(sandbox(), SYNC, {
				input: [
					contactItem('dana@example.org', { gender: 'd' }),
					contactItem('erik@example.org', { gender: 'm' }),
				],
			});

			expect(result.items('Maileon', 1)).toEqual([]);
			expect(result.json('Maileon', 0)[0].counts).toMatchObject({
				selected: 2,
				created: 2,
				invalid: 0,
			});
			expect(sandbox().state.getContact('dana@example.org')?.standardFields).toEqual({
				FIRSTNAME: 'Anna',
			});
			expect(requestsTo(sandbox(), 'POST', '/contacts')).toHaveLength(2);
		});

		it('leaves the gender out from the start when "Allow Diverse Gender" is off', async () => {
			await runMaileon(
				sandbox(),
				{ ...SYNC, options: { allowDiverse: false } },
				{
					input: [contactItem('dana@example.org', { gender: 'd' })],
				},
			);

			expect(requestsTo(sandbox(), 'POST', '/contacts')).toHaveLength(1);
			expect(sandbox().state.getContact('dana@example.org')).toBeDefined();
		});
	});

	it('links the report to every input item', async () => {
		const result = await runMaileon(sandbox(), SYNC, {
			input: [contactItem('a@example.org'), contactItem('b@example.org')],
		});

		expect(result.items('Maileon', 0)[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
