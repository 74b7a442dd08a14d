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

/** The card the tests write to, with attributes the node does not know and must keep. */
const MARI = customer('K1001', {
	email: 'mari@mets.ee',
	vatregion: '1',
	balance: '12.50',
	comment: 'line one\nline two',
	datafields: { OPTIN: ['yes', '15.01.2024'], SEGMENT: ['retail', 'x'] },
});

describe('Directo customer Update Datafield', () => {
	const sandbox = useSandbox(startDirectoSandbox);

	beforeEach(() => {
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

	it('sends the whole card with xd_update=1, so nothing else on it is lost', async () => {
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
});
