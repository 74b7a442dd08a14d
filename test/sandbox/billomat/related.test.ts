import { useSandbox } from '../framework/lifecycle';
import { startBillomatSandbox } from '.';
import { call } from './testing';

describe('Billomat sandbox: tags, contact persons and properties', () => {
	const sandbox = useSandbox(startBillomatSandbox);

	beforeEach(() => {
		sandbox().state.seedClients([
			{ name: 'A', tags: ['newsletter', 'vip'], contacts: [{ first_name: 'Paul', email: 'paul@example.org' }] },
			{ name: 'B', tags: ['newsletter'], properties: { Newsletter: '1' } },
		]);
	});

	it('lists the tags of one client, a single one as an object', async () => {
		const body = (await call(sandbox(), '/client-tags?client_id=2')).json();

		expect(body).toEqual({
			'client-tags': {
				'client-tag': { id: '3', client_id: '2', name: 'newsletter', customfield: '' },
				'@page': '1',
				'@per_page': '100',
				'@total': '1',
			},
		});
	});

	it.each(['client-tag', 'tag'] as const)('lists the tag cloud with counts under "%s" when no client is given', async (itemKey) => {
		sandbox().state.settings.tagCloudItemKey = itemKey;

		const body = (await call(sandbox(), '/client-tags')).json() as { 'client-tags': Record<string, unknown> };

		expect(body['client-tags'][itemKey]).toEqual([
			{ id: '1', name: 'newsletter', count: '2' },
			{ id: '2', name: 'vip', count: '1' },
		]);
	});

	it('adds a tag with 201 and deletes it with 200', async () => {
		const created = await call(sandbox(), '/client-tags', {
			method: 'POST',
			body: { 'client-tag': { client_id: '2', name: 'newsletter-unsubscribed' } },
		});
		const { id } = (created.json() as { 'client-tag': { id: string } })['client-tag'];
		expect(created.status).toBe(201);
		expect(sandbox().state.tagsOf(2)).toEqual(['newsletter', 'newsletter-unsubscribed']);

		expect((await call(sandbox(), `/client-tags/${id}`, { method: 'DELETE' })).status).toBe(200);
		expect(sandbox().state.tagsOf(2)).toEqual(['newsletter']);
	});

	it('lists contact persons by client and refuses a list without client_id, as Billomat documents, unless configured otherwise', async () => {
		const byClient = (await call(sandbox(), '/contacts?client_id=1')).json() as { contacts: Record<string, unknown> };
		const refused = await call(sandbox(), '/contacts');
		sandbox().state.settings.contactsRequireClientId = false;
		const all = await call(sandbox(), '/contacts');

		expect(byClient.contacts.contact).toMatchObject({ id: '1', client_id: '1', first_name: 'Paul', email: 'paul@example.org', label: '' });
		expect(refused.status).toBe(400);
		expect(all.status).toBe(200);
	});

	it('lists property definitions and the values of one property across clients', async () => {
		const definitions = (await call(sandbox(), '/client-properties')).json();
		const values = (await call(sandbox(), '/client-property-values?client_property_id=1')).json() as {
			'client-property-values': Record<string, unknown>;
		};

		expect(definitions).toMatchObject({ 'client-properties': { 'client-property': { id: '1', name: 'Newsletter', type: 'TEXTFIELD' } } });
		expect(values['client-property-values']['client-property-value']).toMatchObject({ client_id: '2', value: '1' });
	});

	it('sets a property value with POST, replacing the old one', async () => {
		await call(sandbox(), '/client-property-values', {
			method: 'POST',
			body: { 'client-property-value': { client_id: '2', client_property_id: '1', value: '0' } },
		});

		expect(sandbox().state.propertyValuesOf(2).map((value) => value.value)).toEqual(['0']);
	});
});
