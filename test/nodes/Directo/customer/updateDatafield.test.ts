import type { INodeParameters } from 'n8n-workflow';

import { startDirectoSandbox } from '../../../sandbox/directo';
import { useSandbox } from '../../../sandbox/framework/lifecycle';
import { customer, errorOf, runDirecto } from '../helpers';

const update = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'customer',
	operation: 'updateDatafield',
	identifyBy: 'email',
	email: '={{ $json.email }}',
	datafield: 'OPTIN',
	content: 'no',
	param: '23.11.2026',
	...extra,
});

/**
 * Every attribute of Directo's customer write schema (5dvision/directo resources/xsd/
 * xml_IN_kliendid.xsd) that the card keeps, besides the builder's name, contact and class.
 */
const FULL_CARD = {
	object: 'OBJ1',
	address1: 'Tartu mnt 1',
	address2: 'Tallinn',
	address3: '10115',
	deliveryaddress1: 'Laki 5',
	deliveryaddress2: 'Tallinn',
	deliveryaddress3: '10621',
	county: 'Harjumaa',
	country: 'EE',
	phone: '+372 5555 5555',
	regno: '12345678',
	vatregno: 'EE123456789',
	loyaltycard: '48001010000',
	comment: 'line one\nline two',
	payterm: '14',
	priceformula: 'HIND1',
	specialpriceformula: 'ERI',
	discount: '5',
	creditlimit: '1000',
	deliveryinvoice: '1',
	salesman: 'MARI',
	currency: 'EUR',
	closed: '0',
	vatregion: '1',
	balance: '12.50',
	creditbalance: '987.50',
	notice: '1',
	birthday: '1980-01-01T00:00:00',
	gender: '1',
	type: '1',
	deliveryname: 'Mari Mets',
	deliverymode: 'KULLER',
	alert: 'pays late',
	factoring: 'K2000',
	fax: '+372 6666',
	language: 'ET',
	bank: 'SEB',
	bankaccount: 'EE381010220034796011',
	url: 'https://mets.ee',
	status: 'A',
	accountmanager: 'JAAN',
	dealtype: '11',
	destination: 'EE',
	firstname: 'Mari',
	lastname: 'Mets',
	vatcode: '2',
	extcode: 'CRM-77',
	deliveryterm: 'DAP',
	rikeinvoice: '1',
};

/** The card the tests write to, with every attribute Directo keeps on a customer. */
const MARI = customer('K1001', {
	email: 'mari@mets.ee',
	...FULL_CARD,
	datafields: { OPTIN: ['yes', '15.01.2024'], SEGMENT: ['retail', 'x'] },
});

describe('Directo customer Update Datafield', () => {
	const sandbox = useSandbox(startDirectoSandbox);

	beforeEach(() => {
		// an interface whose read returns every attribute the write replaces
		sandbox().state.settings.customerReadShowsInputOnly = true;
		sandbox().state.addCustomers([
			MARI,
			customer('K1002', { email: 'Mari@Mets.ee; info@mets.ee' }),
			customer('K1003', { email: 'jaan@tamm.ee' }),
		]);
	});

	it('writes OPTIN=no with the date to every customer holding the address, reading the customers once', async () => {
		const result = await runDirecto(sandbox(), update(), { input: [{ email: 'mari@mets.ee' }] });

		expect(result.json('Directo')).toEqual([
			expect.objectContaining({
				code: 'K1001',
				datafield: 'OPTIN',
				content: 'no',
				param: '23.11.2026',
				written: true,
				result: 'OK',
			}),
			expect.objectContaining({ code: 'K1002', written: true }),
		]);
		expect(sandbox().state.get('customer', 'K1002')?.datafields).toEqual([
			{ code: 'OPTIN', content: 'no', param: '23.11.2026' },
		]);
		expect(sandbox().state.get('customer', 'K1003')?.datafields[0].content).toBe('yes');
		expect(sandbox().state.callsFor('get')).toHaveLength(1);
	});

	it('sends the whole card with xd_update=1, so a back-sync leaves every other attribute as it was', async () => {
		await runDirecto(sandbox(), update(), { input: [{ email: 'mari@mets.ee' }] });

		// every attribute of the card as seeded; code, stamp and datafields are kept apart
		const { code, ts, datafields, ...attributes } = MARI;
		const stored = sandbox().state.get('customer', code);
		expect(stored?.attributes).toEqual(attributes);
		expect(stored?.datafields).toEqual([
			{ code: 'OPTIN', content: 'no', param: '23.11.2026' },
			{ code: 'SEGMENT', content: 'retail', param: 'x' },
		]);
		expect(sandbox().state.callsFor('put')[0].params).toMatchObject({
			put: '1',
			what: 'customer',
			xd_update: '1',
		});
	});

	it('downloads the customers once for all items of a run', async () => {
		const result = await runDirecto(sandbox(), update(), {
			input: [
				{ email: 'jaan@tamm.ee' },
				{ email: 'info@mets.ee' },
				{ email: 'nobody@example.org' },
			],
		});

		expect(sandbox().state.callsFor('get')).toHaveLength(1);
		expect(
			result.items('Directo').map((item) => [item.json.code ?? item.json.email, item.pairedItem]),
		).toEqual([
			['K1003', { item: 0 }],
			['K1002', { item: 1 }],
			['nobody@example.org', { item: 2 }],
		]);
		expect(result.json('Directo')[2]).toEqual({
			email: 'nobody@example.org',
			written: false,
			reason: 'no customer has this address',
		});
	});

	it('carries an earlier change along when two items write to the same card', async () => {
		await runDirecto(
			sandbox(),
			update({
				identifyBy: 'code',
				code: 'K1003',
				datafield: '={{ $json.field }}',
				content: '={{ $json.value }}',
			}),
			{
				input: [
					{ field: 'OPTIN', value: 'no' },
					{ field: 'SEGMENT', value: 'vip' },
				],
			},
		);

		expect(sandbox().state.get('customer', 'K1003')?.datafields).toEqual([
			{ code: 'OPTIN', content: 'no', param: '23.11.2026' },
			{ code: 'SEGMENT', content: 'vip', param: '23.11.2026' },
		]);
	});

	it('fails for an unknown customer code', async () => {
		const result = await runDirecto(sandbox(), update({ identifyBy: 'code', code: 'K9999' }));

		expect(result.error?.message).toBe('Directo has no customer with code "K9999"');
	});

	it('explains a write Directo refuses with its result type', async () => {
		sandbox().state.injectWriteAnswer(
			'<results><Result Type="14" Desc="update not allowed"/></results>',
		);

		const result = await runDirecto(sandbox(), update({ identifyBy: 'code', code: 'K1003' }));

		expect(errorOf(result)).toEqual({
			message: 'Directo did not write OPTIN of customer K1003: update not allowed (type 14)',
			description:
				'Directo does not allow updating this customer over the XML interface. Ask your Directo consultant to allow updates (xd_update) for the key.',
		});
	});

	it('says so clearly when the key may not write', async () => {
		sandbox().state.settings.tokens = [{ token: sandbox().token, canWrite: false }];

		const result = await runDirecto(sandbox(), update({ identifyBy: 'code', code: 'K1003' }));

		expect(result.error?.message).toBe('Directo refused the key (Unauthorized)');
		expect(sandbox().state.get('customer', 'K1003')?.datafields[0].content).toBe('yes');
	});

	it('writes the date of today by default', async () => {
		const parameters = update({ identifyBy: 'code', code: 'K1003' });
		delete parameters.param;

		await runDirecto(sandbox(), parameters);

		const param = sandbox().state.get('customer', 'K1003')?.datafields[0].param ?? '';
		expect(param).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
	});

	describe("with XML Direct's customer read, which lacks attributes the write replaces", () => {
		beforeEach(() => {
			sandbox().state.settings.customerReadShowsInputOnly = false;
		});

		it('refuses to write, names the attributes it cannot send back, and leaves the card as it was', async () => {
			const before = structuredClone(sandbox().state.get('customer', 'K1001'));

			const result = await runDirecto(sandbox(), update({ identifyBy: 'code', code: 'K1001' }));

			expect(errorOf(result)).toEqual({
				message:
					"Writing OPTIN would clear attributes of customer K1001 that Directo's read does not return",
				description:
					'Directo changes a datafield only by replacing the whole card, and its customer read lacks: notice, birthday, gender, type, deliveryname, deliverymode, alert, factoring, fax, language, bank, bankaccount, url, status, accountmanager, dealtype, destination, firstname, lastname, vatcode, extcode, deliveryterm, rikeinvoice. Nothing was written. If your database leaves these attributes empty, turn on "Clear Attributes Directo Does Not Return" in the node\'s options; otherwise change the datafield in Directo itself.',
			});
			expect(sandbox().state.callsFor('put')).toEqual([]);
			expect(sandbox().state.get('customer', 'K1001')).toEqual(before);
		});

		it('writes when the options allow clearing those attributes, and says which were cleared', async () => {
			const result = await runDirecto(
				sandbox(),
				update({ identifyBy: 'code', code: 'K1003', options: { clearUnreadAttributes: true } }),
			);

			expect(result.json('Directo')).toEqual([
				expect.objectContaining({
					code: 'K1003',
					written: true,
					clearedAttributes: expect.arrayContaining(['type', 'firstname', 'bankaccount']),
				}),
			]);
			expect(sandbox().state.get('customer', 'K1003')?.datafields[0].content).toBe('no');
		});
	});
});
