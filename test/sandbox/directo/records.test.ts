import { useSandbox } from '../framework/lifecycle';
import { parseXml } from '../maileon/xml';
import { callDirecto, codesIn, contact, customer } from './testing';
import { startDirectoSandbox } from './server';

const get = (what: string, extra: Record<string, string> = {}) => ({
	query: { get: '1', what, ...extra },
});

describe('Directo sandbox: reading customers and contacts', () => {
	const sandbox = useSandbox(startDirectoSandbox);

	beforeEach(() => {
		sandbox().state.addCustomers([
			customer({ name: 'Mets & Põld OÜ', closed: '0', comment: 'line one\nline two' }),
			{
				code: 'K1002',
				name: 'Kask AS',
				email: 'a@kask.ee, b@kask.ee',
				closed: '1',
				ts: '2024-01-16T08:00:00',
			},
			{
				code: 'K1003',
				name: 'Tamm',
				email: 'tamm@example.org',
				closed: '0',
				ts: '2024-01-17T23:59:59',
			},
		]);
	});

	it('answers customers as attributes with their datafields inside <transport><customers>', async () => {
		const response = await callDirecto(sandbox(), get('customer', { code: 'K1001' }));
		const root = parseXml(response.text);

		expect(root.name).toBe('transport');
		const record = root.children[0].children[0];
		expect(record.attributes).toMatchObject({
			code: 'K1001',
			name: 'Mets & Põld OÜ',
			comment: 'line one\nline two',
			ts: '2024-01-15T10:30:00',
		});
		expect(record.children[0].children[0].attributes).toEqual({
			code: 'OPTIN',
			content: 'yes',
			param: '15.01.2024',
		});
		expect(response.text).toContain('name="Mets &amp; Põld OÜ"');
	});

	it('leaves out the <customers> container when so configured', async () => {
		sandbox().state.settings.recordContainer = false;

		const response = await callDirecto(sandbox(), get('customer', { code: 'K1003' }));

		expect(response.text).toMatch(/<transport><customer code="K1003"/);
	});

	it('answers an empty <transport> when nothing matches', async () => {
		const response = await callDirecto(sandbox(), get('customer', { ts: '01.01.2030' }));

		expect(response.text).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<transport></transport>');
	});

	it.each([
		['dd.mm.yyyy', '16.01.2024', ['K1002', 'K1003']],
		['d.m.yyyy', '17.1.2024', ['K1003']],
		['yyyy-MM-dd HH:mm:ss, time ignored', '2024-01-16 12:00:00', ['K1002', 'K1003']],
	])('filters by changed-since ts in %s', async (_format, ts, codes) => {
		const response = await callDirecto(sandbox(), get('customer', { ts }));

		expect(codesIn(response.text)).toEqual(codes);
	});

	it('honours a time of day in ts when so configured', async () => {
		sandbox().state.settings.honourTimeOfDay = true;

		const response = await callDirecto(sandbox(), get('customer', { ts: '2024-01-16 12:00:00' }));

		expect(codesIn(response.text)).toEqual(['K1003']);
	});

	it('answers an error for a ts it cannot read', async () => {
		const response = await callDirecto(sandbox(), get('customer', { ts: 'yesterday' }));

		expect(response.text).toContain('<err>invalid ts &quot;yesterday&quot;</err>');
	});

	it.each([
		['closed=1', { closed: '1' }, ['K1002']],
		['closed=0', { closed: '0' }, ['K1001', 'K1003']],
		['one address of a multi-address field', { email: 'B@kask.ee' }, ['K1002']],
		['an unknown filter, ignored', { class: 'KLIENT' }, ['K1001', 'K1002', 'K1003']],
	])('filters customers by %s', async (_name, filter, codes) => {
		const response = await callDirecto(sandbox(), get('customer', filter));

		expect(codesIn(response.text)).toEqual(codes);
	});

	it('ignores customer filters the interface does not know', async () => {
		sandbox().state.settings.customerFilters = [];

		const response = await callDirecto(sandbox(), get('customer', { code: 'K1001' }));

		expect(codesIn(response.text)).toEqual(['K1001', 'K1002', 'K1003']);
	});

	it('answers contacts with names, sex and their customer code, filtered by customercode', async () => {
		sandbox().state.addContacts([
			contact(),
			{
				code: '12',
				customercode: 'K1003',
				firstname: 'Jaan',
				lastname: 'Tamm',
				sex: '0',
				email: 'jaan@tamm.ee',
			},
		]);

		const response = await callDirecto(sandbox(), get('contact', { customercode: 'K1001' }));

		expect(codesIn(response.text, 'contact')).toEqual(['11']);
		expect(response.text).toContain(
			'<contacts><contact code="11" customercode="K1001" firstname="Mari" lastname="Mets" sex="1"',
		);
	});

	it('streams a generated feed in chunks without a Content-Length', async () => {
		sandbox().state.reset();
		sandbox().state.generateCustomers(20_000);

		const response = await callDirecto(sandbox(), get('customer'));

		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('transfer-encoding')).toBe('chunked');
		expect(sandbox().state.calls[0].records).toBe(20_000);
		expect(response.text.endsWith('</customers></transport>')).toBe(true);
		expect(response.text.includes('email="user000050@example.org; info000050@example.org"')).toBe(
			true,
		);
	});

	it('stamps a changed card with the sandbox clock', async () => {
		sandbox().state.clock.set(Date.UTC(2024, 1, 1, 9, 0, 0));

		sandbox().state.change('customer', 'K1003', { datafields: { OPTIN: ['no', '01.02.2024'] } });

		expect(
			codesIn((await callDirecto(sandbox(), get('customer', { ts: '01.02.2024' }))).text),
		).toEqual(['K1003']);
	});
});
