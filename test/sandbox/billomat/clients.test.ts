import { useSandbox } from '../framework/lifecycle';
import { startBillomatSandbox } from '.';
import { call } from './testing';

describe('Billomat sandbox: clients', () => {
	const sandbox = useSandbox(startBillomatSandbox);

	function seedMuster(): number {
		const [id] = sandbox().state.seedClients([
			{
				name: 'Muster GmbH',
				salutation: 'Frau',
				first_name: 'Anna',
				last_name: 'Muster',
				street: 'Hauptstr. 1',
				zip: '80331',
				city: 'München',
				email: 'anna@example.org',
				properties: { Newsletter: '1' },
			},
		]);
		return id;
	}

	it('answers in XML when the client does not ask for JSON', async () => {
		seedMuster();
		const response = await call(sandbox(), '/clients', { accept: null });

		expect(response.headers.get('content-type')).toContain('application/xml');
		expect(response.text).toContain('<clients type="array" page="1" per_page="100" total="1"><client><id>1</id>');
	});

	it.each([
		['the Accept header', '/clients', 'application/json'],
		['format=json', '/clients?format=json', null],
	])('answers in JSON when asked by %s', async (_name, path, accept) => {
		seedMuster();
		const response = await call(sandbox(), path, { accept });

		expect(response.headers.get('content-type')).toContain('application/json');
	});

	it('sends one client of a list as an object, every value as a string', async () => {
		seedMuster();
		const body = (await call(sandbox(), '/clients')).json() as { clients: Record<string, unknown> };

		expect(body.clients).toMatchObject({ '@page': '1', '@per_page': '100', '@total': '1' });
		expect(body.clients.client).toMatchObject({ id: '1', archived: '0', number: '1', client_number: 'KD1', revenue_gross: '0.00' });
	});

	it('sends two or more clients as an array', async () => {
		sandbox().state.seedClients([{ name: 'A' }, { name: 'B' }]);
		const body = (await call(sandbox(), '/clients')).json() as { clients: { client: unknown } };

		expect(Array.isArray(body.clients.client)).toBe(true);
	});

	it.each([
		['emptyString', '{"clients":""}'],
		['emptyArray', '{"clients":{"client":[],"@page":"1","@per_page":"100","@total":"0"}}'],
		['missingKey', '{"clients":{"@page":"1","@per_page":"100","@total":"0"}}'],
	] as const)('sends an empty list in the %s form', async (form, expected) => {
		sandbox().state.settings.emptyList = form;

		expect((await call(sandbox(), '/clients')).text).toBe(expected);
	});

	it('escapes non-ASCII as \\u and keeps line breaks in the rendered address', async () => {
		seedMuster();
		const { text } = await call(sandbox(), '/clients/1');

		expect(text).toContain('"city":"M\\u00fcnchen"');
		expect(text).toContain('"address":"Muster GmbH\\nFrau Anna Muster\\nHauptstr. 1\\n80331 M\\u00fcnchen"');
		expect(text).toContain('"sepa_mandate_date":"0001-01-01T00:00:00+01:00"');
	});

	it('pages with page and per_page and reports the total', async () => {
		sandbox().state.generateClients(5, (index) => ({ name: `Client ${index + 1}` }));
		const body = (await call(sandbox(), '/clients?per_page=2&page=3')).json() as { clients: Record<string, unknown> };

		expect(body.clients).toMatchObject({ '@page': '3', '@per_page': '2', '@total': '5', client: { name: 'Client 5' } });
	});

	it('clamps per_page to 1000 by default and can refuse it instead', async () => {
		sandbox().state.generateClients(1, () => ({ name: 'A' }));
		const clamped = (await call(sandbox(), '/clients?per_page=5000')).json() as { clients: Record<string, unknown> };
		sandbox().state.settings.perPageAbove = 'error';
		const refused = await call(sandbox(), '/clients?per_page=5000');

		expect(clamped.clients['@per_page']).toBe('1000');
		expect(refused.status).toBe(400);
		expect(refused.json()).toEqual({ errors: { error: 'per_page must not exceed 1000' } });
	});

	it('matches text filters as case-insensitive substrings', async () => {
		sandbox().state.seedClients([
			{ name: 'Muster GmbH', email: 'anna@example.org' },
			{ name: 'Beispiel AG', email: 'hanna@example.org' },
			{ name: 'Foo KG', email: 'ben@example.org' },
		]);
		const byName = (await call(sandbox(), '/clients?name=gmbh')).json() as { clients: Record<string, unknown> };
		const byEmail = (await call(sandbox(), '/clients?email=ANNA@')).json() as { clients: Record<string, unknown> };

		expect(byName.clients['@total']).toBe('1');
		expect(byEmail.clients['@total']).toBe('2');
	});

	it('filters by tags, country and custom field and keeps archived clients in', async () => {
		sandbox().state.seedClients([
			{ name: 'A', tags: ['newsletter'], country_code: 'AT', customfield: 'crm-17' },
			{ name: 'B', tags: ['newsletter', 'vip'], archived: true, customfield: 'crm-170' },
			{ name: 'C', tags: ['vip'] },
		]);
		const total = async (query: string) =>
			((await call(sandbox(), `/clients?${query}`)).json() as { clients: Record<string, unknown> }).clients['@total'];

		expect(await total('tags=NEWSLETTER')).toBe('2');
		expect(await total('tags=newsletter,vip')).toBe('1');
		expect(await total('country_code=at')).toBe('1');
		expect(await total('customfield=crm-17')).toBe('2');
	});

	it('sorts with order_by and refuses an unknown field', async () => {
		sandbox().state.seedClients([{ name: 'B' }, { name: 'C' }, { name: 'A' }]);
		const names = async (orderBy: string) => {
			const body = (await call(sandbox(), `/clients?order_by=${encodeURIComponent(orderBy)}`)).json() as {
				clients: { client: Array<{ name: string }> };
			};
			return body.clients.client.map((client) => client.name);
		};

		expect(await names('name ASC')).toEqual(['A', 'B', 'C']);
		expect(await names('id DESC')).toEqual(['A', 'C', 'B']);
		expect((await call(sandbox(), '/clients?order_by=shoe_size')).status).toBe(400);
	});

	it('refuses order_by=id when the setting says Billomat does', async () => {
		sandbox().state.settings.idSortable = false;

		expect((await call(sandbox(), '/clients?order_by=id%20ASC')).json()).toEqual({ errors: { error: 'Invalid order_by: id ASC' } });
	});

	it('counts the filtered clients with HEAD in X-Total-Count', async () => {
		sandbox().state.seedClients([{ name: 'Muster GmbH' }, { name: 'Other' }]);
		const response = await call(sandbox(), '/clients?name=muster', { method: 'HEAD' });

		expect(response.headers.get('x-total-count')).toBe('1');
		expect(response.text).toBe('');
	});

	it('embeds the property values in a single client and sends "" when there are none', async () => {
		const id = seedMuster();
		sandbox().state.seedClients([{ name: 'Without' }]);
		const withValues = (await call(sandbox(), `/clients/${id}`)).json() as { client: Record<string, unknown> };
		const without = (await call(sandbox(), '/clients/2')).json() as { client: Record<string, unknown> };

		expect(withValues.client['client-property-values']).toEqual({
			'client-property-value': { id: '1', client_id: '1', client_property_id: '1', type: 'TEXTFIELD', name: 'Newsletter', value: '1', customfield: '' },
		});
		expect(without.client['client-property-values']).toBe('');
	});

	it('leaves property values out of lists unless configured', async () => {
		seedMuster();
		const plain = (await call(sandbox(), '/clients')).json() as { clients: { client: Record<string, unknown> } };
		sandbox().state.settings.embedPropertyValuesInList = true;
		const embedded = (await call(sandbox(), '/clients')).json() as { clients: { client: Record<string, unknown> } };

		expect(plain.clients.client['client-property-values']).toBeUndefined();
		expect(embedded.clients.client['client-property-values']).toBeDefined();
	});

	it('drops updated from clients when configured', async () => {
		seedMuster();
		sandbox().state.settings.clientsHaveUpdated = false;
		const body = (await call(sandbox(), '/clients/1')).json() as { client: Record<string, unknown> };

		expect(body.client.updated).toBeUndefined();
		expect(body.client.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+01:00$/);
	});

	it('answers 404 with an errors body for an unknown client', async () => {
		const response = await call(sandbox(), '/clients/99');

		expect(response.status).toBe(404);
		expect(response.json()).toEqual({ errors: { error: 'Client not found' } });
	});

	it('answers the own account at /clients/myself', async () => {
		const body = (await call(sandbox(), '/clients/myself')).json() as { client: Record<string, unknown> };

		expect(body.client).toMatchObject({ id: '1', name: 'Demo Account GmbH' });
	});

	it('creates a client with 201 from JSON and from XML', async () => {
		const json = await call(sandbox(), '/clients', { method: 'POST', body: { client: { name: 'Neu GmbH', archived: 0 } } });
		const xml = await call(sandbox(), '/clients', {
			method: 'POST',
			body: '<client><name>XML AG</name><country_code>CH</country_code></client>',
			contentType: 'application/xml',
		});

		expect(json.status).toBe(201);
		expect(xml.status).toBe(201);
		expect(sandbox().state.renderClient(2)).toMatchObject({ name: 'XML AG', country_code: 'CH', client_number: 'KD2' });
	});

	it('updates only the fields sent and stamps updated', async () => {
		const id = seedMuster();
		sandbox().state.clock.set(Date.UTC(2025, 0, 2, 10, 0, 0));
		const response = await call(sandbox(), `/clients/${id}`, { method: 'PUT', body: { client: { city: 'Kiel' } } });

		expect(response.status).toBe(200);
		expect(sandbox().state.renderClient(id)).toMatchObject({ city: 'Kiel', name: 'Muster GmbH', updated: '2025-01-02T11:00:00+01:00' });
	});

	it('lists every validation error as an array', async () => {
		const response = await call(sandbox(), '/clients', { method: 'POST', body: { client: { country_code: 'Germany', email: 'nope' } } });

		expect(response.status).toBe(400);
		expect(response.json()).toEqual({ errors: { error: ['Invalid country_code "Germany"', 'Invalid email "nope"'] } });
	});

	it('refuses to edit an archived client in the read-only mode but lets it be unarchived', async () => {
		sandbox().state.settings.archivedReadOnly = true;
		const [id] = sandbox().state.seedClients([{ name: 'Old', archived: true }]);

		expect((await call(sandbox(), `/clients/${id}`, { method: 'PUT', body: { client: { name: 'New' } } })).status).toBe(400);
		expect((await call(sandbox(), `/clients/${id}`, { method: 'PUT', body: { client: { archived: '0' } } })).status).toBe(200);
	});

	it('deletes a client with its tags and contact persons', async () => {
		const [id] = sandbox().state.seedClients([{ name: 'Gone', tags: ['x'], contacts: [{ email: 'p@example.org' }] }]);
		const response = await call(sandbox(), `/clients/${id}`, { method: 'DELETE' });

		expect(response.status).toBe(200);
		expect(sandbox().state.clients.size + sandbox().state.tags.size + sandbox().state.contacts.size).toBe(0);
	});

	it('reads and sets the integrator field', async () => {
		const id = seedMuster();
		await call(sandbox(), `/clients/${id}/customfield`, { method: 'PUT', body: { client: { customfield: 'crm-4711' } } });
		const body = (await call(sandbox(), `/clients/${id}/customfield`)).json();

		expect(body).toEqual({ client: { id: String(id), customfield: 'crm-4711' } });
	});
});
