import { startDirectoSandbox } from '../../../sandbox/directo';
import { contact } from '../../../sandbox/directo/testing';
import { useSandbox } from '../../../sandbox/framework/lifecycle';
import { runDirecto } from '../helpers';

describe('Directo contact Get Newsletter Contacts', () => {
	const sandbox = useSandbox(startDirectoSandbox);

	const getNewsletterContacts = async () =>
		await runDirecto(sandbox(), { resource: 'contact', operation: 'getNewsletterContacts' });

	it('maps first and last name, sex and the owning customer, with consent from OPTIN', async () => {
		sandbox().state.addContacts([
			contact({ mobile: '+372 5000 0000', datafields: { OPTIN: ['yes', '15.01.2024'] } }),
			{
				code: '12',
				customercode: 'K1002',
				name: 'Jaan Tamm',
				sex: '0',
				email: 'jaan@tamm.ee',
				datafields: { OPTIN: ['no', ''] },
			},
		]);

		const result = await getNewsletterContacts();

		expect(result.json('Directo', 0)).toEqual([
			{
				email: 'mari@mets.ee',
				externalId: '11',
				gender: 'f',
				firstName: 'Mari',
				lastName: 'Mets',
				fields: { customercode: 'K1001' },
				tags: [],
				consent: {
					action: 'send',
					reason: 'explicit opt-in',
					at: Date.UTC(2024, 0, 14, 22),
					status: 'optIn',
					origin: { system: 'Directo', record: 'contact 11' },
				},
				directoCodes: ['11'],
			},
			{
				email: 'jaan@tamm.ee',
				externalId: '12',
				gender: 'm',
				firstName: 'Jaan',
				lastName: 'Tamm',
				fields: { customercode: 'K1002' },
				tags: [],
				consent: { action: 'unsubscribe', reason: 'opted out', status: 'optOut', origin: { system: 'Directo', record: 'contact 12' } },
				directoCodes: ['12'],
			},
		]);
		expect(result.json('Directo', 1)[0]).toMatchObject({
			label: 'Directo contacts',
			records: 2,
			contacts: 2,
		});
	});

	it('merges contacts of different customers that share an address', async () => {
		const optedIn = { OPTIN: ['yes', ''] } as const;
		sandbox().state.addContacts([
			contact({ customercode: 'K1', lastname: undefined, datafields: optedIn }),
			contact({
				code: '12',
				customercode: 'K2',
				firstname: undefined,
				email: 'Mari@Mets.ee',
				datafields: optedIn,
			}),
		]);

		const result = await getNewsletterContacts();

		expect(result.json('Directo', 0)).toEqual([
			expect.objectContaining({
				email: 'mari@mets.ee',
				firstName: 'Mari',
				lastName: 'Mets',
				directoCodes: ['11', '12'],
			}),
		]);
		expect(result.json('Directo', 1)[0].counts).toMatchObject({ duplicates: 1 });
	});
});
