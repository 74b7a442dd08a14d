import { useSandbox } from '../framework/lifecycle';
import { callDirecto, customer, type CallOptions } from './testing';
import { startDirectoSandbox } from './server';

const put = (xmldata: string | undefined, flags: Record<string, string> = {}): CallOptions => ({
	query: { put: '1', what: 'customer', ...flags },
	form: xmldata === undefined ? {} : { xmldata },
});

const card = (attributes: string, datafields = '') =>
	`<customers><customer ${attributes}><datafields>${datafields}</datafields></customer></customers>`;

// K1001 with a new name, e-mail, class and VAT zone and OPTIN now "no", sent in either update mode
const changedCard = card(
	'code="K1001" name="Mets AS" email="new@mets.ee" class="VIP" vatzone="1"',
	'<data code="OPTIN" content="no" param="01.06.2024"/>',
);

describe('Directo sandbox: writing customers', () => {
	const sandbox = useSandbox(startDirectoSandbox);

	beforeEach(() => {
		sandbox().state.addCustomers([
			customer({
				vatregion: '0',
				balance: '12.50',
				datafields: { OPTIN: ['yes', '15.01.2024'], SEGMENT: ['retail', ''] },
			}),
		]);
	});

	it('creates a new customer', async () => {
		const response = await callDirecto(
			sandbox(),
			put(card('code="K2000" name="Uus" email="uus@example.org"')),
		);

		expect(response.text).toContain(
			'<results><Result Type="0" Desc="OK" docid="K2000" doctype="CUSTOMER" submit="Customers"/></results>',
		);
		expect(sandbox().state.get('customer', 'K2000')?.attributes).toEqual({
			name: 'Uus',
			email: 'uus@example.org',
		});
	});

	it('refuses to update an existing customer without xd_update (type 14)', async () => {
		const response = await callDirecto(sandbox(), put(card('code="K1001" email="mari@mets.ee"')));

		expect(response.text).toContain('Type="14" Desc="update not allowed"');
	});

	it.each([
		[
			'replaces the whole card with xd_update=1, keeping computed values (type 0)',
			{ xd_update: '1' },
			'Type="0" Desc="OK"',
			{ name: 'Mets AS', email: 'new@mets.ee', class: 'VIP', vatregion: '1', balance: '12.50' },
			[{ code: 'OPTIN', content: 'no', param: '01.06.2024' }],
		],
		[
			'changes only name, email and phone with xd_customer_update=1 (type 30)',
			{ xd_customer_update: '1' },
			'Type="30" Desc="updated"',
			{ name: 'Mets AS', email: 'new@mets.ee', class: 'KLIENT', vatregion: '0', balance: '12.50' },
			[
				{ code: 'OPTIN', content: 'yes', param: '15.01.2024' },
				{ code: 'SEGMENT', content: 'retail', param: '' },
			],
		],
	])('%s and stamps ts', async (_case, flags, expected, attributes, datafields) => {
		sandbox().state.clock.set(Date.UTC(2024, 5, 1, 12, 0, 0));

		const response = await callDirecto(sandbox(), put(changedCard, flags));

		expect(response.text).toContain(expected);
		const stored = sandbox().state.get('customer', 'K1001');
		expect(stored?.attributes).toEqual(attributes);
		expect(stored?.datafields).toEqual(datafields);
		expect(stored?.ts).toBe(Date.UTC(2024, 5, 1, 12, 0, 0));
	});

	it('clears on a full update every attribute the card had and the write left out, also those a read does not show', async () => {
		sandbox().state.change('customer', 'K1001', {
			attributes: { type: '1', firstname: 'Mari', lastname: 'Mets', bankaccount: 'EE123', phone: '+372 5555' },
		});

		await callDirecto(sandbox(), put(card('code="K1001" email="mari@mets.ee" firstname="Mari"'), { xd_update: '1' }));

		expect(sandbox().state.get('customer', 'K1001')?.attributes).toEqual({
			email: 'mari@mets.ee',
			firstname: 'Mari',
			balance: '12.50',
		});
	});

	it('keeps attributes only the input schema has out of a customer read, unless configured to show them', async () => {
		sandbox().state.change('customer', 'K1001', { attributes: { type: '1', firstname: 'Mari' } });
		const read = async () =>
			(await callDirecto(sandbox(), { form: { get: '1', what: 'customer' } })).text;

		const hidden = await read();
		sandbox().state.settings.customerReadShowsInputOnly = true;
		const shown = await read();

		expect(hidden).toContain('name="Mets OÜ"');
		expect(hidden).not.toContain('firstname=');
		expect(hidden).not.toContain('type=');
		expect(shown).toContain('type="1" firstname="Mari"');
	});

	it.each([
		['no xmldata', undefined, 'Type="99" Desc="no processable XML"'],
		['broken XML', '<customers><customer code="K1"', 'Type="8"'],
		[
			'a customer without code',
			card('name="x" email="x@example.org"'),
			'Type="13" Desc="missing customer code"',
		],
		[
			'an output-only attribute',
			card('code="K1001" email="mari@mets.ee" balance="1"'),
			'Type="8" Desc="invalid XML: attribute &quot;balance&quot; is not allowed"',
		],
		[
			'a new customer without email',
			card('code="K3000" name="x"'),
			'Type="9" Desc="import error: email is mandatory"',
		],
	])('answers an error result for %s', async (_case, xmldata, expected) => {
		const response = await callDirecto(sandbox(), put(xmldata, { xd_update: '1' }));

		expect(response.text).toContain(expected);
	});

	it('answers Unauthorized to a write with a key that may only read', async () => {
		sandbox().state.settings.tokens = [{ token: 'read-only', canWrite: false }];

		const response = await callDirecto(sandbox(), {
			...put(card('code="K1001" email="a@b.ee"')),
			key: 'read-only',
		});

		expect(response.text).toContain('<result type="5" desc="Unauthorized"/>');
	});

	it('keeps the xmldata of a write in its call log', async () => {
		const xmldata = card('code="K2000" name="Uus" email="uus@example.org"');

		await callDirecto(sandbox(), put(xmldata));

		expect(sandbox().state.callsFor('put')).toEqual([
			expect.objectContaining({ what: 'customer', xmldata, answer: 'results 0' }),
		]);
	});
});
