import { SandboxClock } from '../framework/clock';
import { startMaileonSandbox } from './server';
import type { MaileonSandbox } from './server';
import { contactXml, maileonClient, textOf } from './fixtures';
import type { MaileonCall } from './fixtures';
import { childElement, childElements, childText } from './xml';
import type { XmlElement } from './xml';

const JSON_TYPE = 'application/vnd.maileon.api+json';

function fieldValues(contact: XmlElement, section: string): Record<string, string | null> {
	const container = childElement(contact, section);
	return Object.fromEntries(
		(container ? childElements(container, 'field') : []).map((f) => {
			const value = childElement(f, 'value');
			return [
				childText(f, 'name'),
				value?.attributes.nil === 'true' ? null : (value?.text ?? null),
			];
		}),
	);
}

describe('Maileon sandbox single contacts', () => {
	let sandbox: MaileonSandbox;
	let call: MaileonCall;
	const clock = new SandboxClock(Date.UTC(2024, 4, 2, 10, 0, 0));

	beforeEach(async () => {
		sandbox = await startMaileonSandbox({ clock });
		call = maileonClient(sandbox);
	});

	afterEach(async () => {
		await sandbox.close();
	});

	describe('POST /contacts/email/{email}', () => {
		it('creates a contact and answers 201 with its id', async () => {
			const response = await call('POST', '/contacts/email/anna%2Btag%40example.org', {
				query: { permission: 2 },
				body: contactXml({ externalId: 'K-1', standard: { FIRSTNAME: 'Anna' } }),
			});

			const stored = sandbox.state.getContact('anna+tag@example.org');
			expect(response.status).toBe(201);
			expect(response.xml().name).toBe('id');
			expect(Number(response.xml().text)).toBe(stored?.id);
			expect(stored).toEqual(
				expect.objectContaining({
					externalId: 'K-1',
					permission: 2,
					standardFields: { FIRSTNAME: 'Anna' },
				}),
			);
		});

		it('accepts a JSON body with field maps and typed custom values', async () => {
			sandbox.state.defineCustomField('Active', 'boolean');

			const response = await call('POST', '/contacts/email/anna%40example.org', {
				body: JSON.stringify({
					standard_fields: { LASTNAME: 'Muster' },
					custom_fields: { Active: true },
				}),
				contentType: JSON_TYPE,
			});

			expect(response.status).toBe(201);
			expect(sandbox.state.getContact('anna@example.org')).toEqual(
				expect.objectContaining({
					standardFields: { LASTNAME: 'Muster' },
					customFields: { Active: 'true' },
				}),
			);
		});

		it('answers 400 to a null custom value in JSON', async () => {
			const response = await call('POST', '/contacts/email/anna%40example.org', {
				body: JSON.stringify({ custom_fields: { Active: null } }),
				contentType: JSON_TYPE,
			});

			expect(response.status).toBe(400);
			expect(childText(response.xml(), 'message')).toBe(
				'"custom_fields.Active" must not be null; omit it or send ""',
			);
		});

		it('answers 415 to a form-encoded body', async () => {
			const response = await call('POST', '/contacts/email/anna%40example.org', {
				body: 'email=anna',
				contentType: 'application/x-www-form-urlencoded',
			});

			expect(response.status).toBe(415);
		});

		it('answers 400 to an invalid email in the path', async () => {
			const response = await call('POST', '/contacts/email/anna%40example', { body: contactXml() });

			expect(response.status).toBe(400);
		});

		it.each([
			['keeps an existing contact unchanged by default (sync_mode 2)', {}, 'Anna'],
			['updates an existing contact with sync_mode=1', { sync_mode: 1 }, 'Anne'],
		])('%s', async (_title, query, expected) => {
			const [seeded] = sandbox.state.seedContacts([
				{ email: 'anna@example.org', standardFields: { FIRSTNAME: 'Anna' } },
			]);

			const response = await call('POST', '/contacts/email/anna%40example.org', {
				query,
				body: contactXml({ standard: { FIRSTNAME: 'Anne' } }),
			});

			expect(response.status).toBe(201);
			expect(Number(response.xml().text)).toBe(seeded.id);
			expect(sandbox.state.getContact('anna@example.org')?.standardFields.FIRSTNAME).toBe(expected);
		});

		it.each([
			[4, 1, 4],
			[5, 4, 5],
			[4, 5, 5],
			[2, 1, 1],
		])(
			'turns permission %i with a later permission=%i into %i',
			async (before, requested, after) => {
				sandbox.state.seedContacts([{ email: 'anna@example.org', permission: before }]);

				await call('POST', '/contacts/email/anna%40example.org', {
					query: { sync_mode: 1, permission: requested },
				});

				expect(sandbox.state.getContact('anna@example.org')?.permission).toBe(after);
			},
		);

		it('answers 400 with the error code for an invalid GENDER', async () => {
			const response = await call('POST', '/contacts/email/anna%40example.org', {
				body: contactXml({ standard: { GENDER: 'x' } }),
			});

			expect(response.status).toBe(400);
			expect(childText(response.xml(), 'message')).toBe(
				'Invalid GENDER "x", expected m, f, d (error 19)',
			);
		});
	});

	describe('double opt-in', () => {
		it('keeps the initial permission until the confirmation is clicked', async () => {
			await call('POST', '/contacts/email/anna%40example.org', {
				query: { permission: 1, doi: true, doiplus: true, doimailing: 'doi-default', sync_mode: 1 },
			});
			const before = sandbox.state.getContact('anna@example.org');

			sandbox.state.confirmDoi('anna@example.org');

			expect(before).toEqual(expect.objectContaining({ permission: 1, doiPending: true }));
			expect(sandbox.state.getContact('anna@example.org')).toEqual(
				expect.objectContaining({ permission: 5, doiPending: false }),
			);
		});

		it('adds a /reports/subscribers row when the confirmation is clicked', async () => {
			await call('POST', '/contacts/email/anna%40example.org', { query: { doi: true } });
			sandbox.state.confirmDoi('anna@example.org');

			const response = await call('GET', '/reports/subscribers');
			const rows = childElements(response.xml(), 'subscriber');

			expect(rows).toHaveLength(1);
			expect(childText(childElement(rows[0], 'contact') ?? rows[0], 'email')).toBe(
				'anna@example.org',
			);
			expect(childText(rows[0], 'permission')).toBe('4');
			expect(childText(rows[0], 'timestamp')).toBe('2024-05-02 10:00:00');
		});

		it.each([
			[
				'an unknown doimailing key',
				{ doi: true, doimailing: 'edited-mailing' },
				'unknown DOI mailing key "edited-mailing"',
			],
			['no key and no default DOI mailing', { doi: true }, 'no default DOI mailing'],
		])('drops the contact silently for %s', async (_title, query, reason) => {
			sandbox.state.settings.hasDefaultDoiMailing = false;

			const response = await call('POST', '/contacts/email/anna%40example.org', { query });

			expect(response.status).toBe(201);
			expect(sandbox.state.getContact('anna@example.org')).toBeUndefined();
			expect(sandbox.state.droppedContacts).toEqual([
				expect.objectContaining({ email: 'anna@example.org', reason }),
			]);
		});

		it('refuses confirmDoi for a contact without a DOI process', () => {
			sandbox.state.seedContacts([{ email: 'anna@example.org' }]);

			expect(() => sandbox.state.confirmDoi('anna@example.org')).toThrow(
				'confirmDoi: no contact "anna@example.org" waits for a DOI confirmation.',
			);
		});
	});

	describe('POST /contacts/externalid/{id}', () => {
		it('creates a contact from the email in the body', async () => {
			const response = await call('POST', '/contacts/externalid/K-1', {
				body: contactXml({ email: 'anna@example.org' }),
			});

			expect(response.status).toBe(201);
			expect(sandbox.state.getContact('anna@example.org')?.externalId).toBe('K-1');
		});

		it('answers 409 when more than one contact has the external id', async () => {
			sandbox.state.seedContacts([
				{ email: 'a@example.org', externalId: 'K-1' },
				{ email: 'b@example.org', externalId: 'K-1' },
			]);

			const response = await call('POST', '/contacts/externalid/K-1', {
				body: contactXml({ email: 'c@example.org' }),
			});

			expect(response.status).toBe(409);
		});
	});

	describe('reads', () => {
		it('answers 404 with an XML error for an unknown email', async () => {
			const response = await call('GET', '/contacts/email/nobody%40example.org');

			expect(response.status).toBe(404);
			expect(response.headers.get('content-type')).toContain('application/vnd.maileon.api+xml');
			expect(childText(response.xml(), 'message')).toBe('No contact with email nobody@example.org');
		});

		it('returns only the requested fields, an empty standard field as nil', async () => {
			sandbox.state.seedContacts([
				{
					email: 'anna@example.org',
					permission: 4,
					standardFields: { FIRSTNAME: 'Anna' },
					customFields: { Source: 'shop' },
				},
			]);

			const response = await call('GET', '/contacts/email/anna%40example.org', {
				query: { standard_field: ['FIRSTNAME', 'LASTNAME'], custom_field: ['Source', 'Missing'] },
			});
			const contact = response.xml();

			expect(textOf(contact, 'permission')).toBe('4');
			expect(fieldValues(contact, 'standard_fields')).toEqual({
				FIRSTNAME: 'Anna',
				LASTNAME: null,
			});
			expect(fieldValues(contact, 'custom_fields')).toEqual({ Source: 'shop' });
		});

		it('answers XML to a contact created with JSON', async () => {
			await call('POST', '/contacts/email/anna%40example.org', {
				body: '{}',
				contentType: JSON_TYPE,
			});

			const response = await call('GET', '/contacts/email/anna%40example.org');

			expect(response.headers.get('content-type')).toContain('application/vnd.maileon.api+xml');
		});

		it('lists every contact with an email under /contacts/emails', async () => {
			sandbox.state.seedContacts([
				{ email: 'anna@example.org', externalId: 'K-1' },
				{ email: 'Anna@Example.org', externalId: 'K-2' },
			]);

			const response = await call('GET', '/contacts/emails/anna%40example.org');

			expect(
				childElements(response.xml(), 'contact').map((c) => childText(c, 'external_id')),
			).toEqual(['K-1', 'K-2']);
		});

		it('reads a contact by Maileon id with ignore_checksum=true', async () => {
			const [anna] = sandbox.state.seedContacts([{ email: 'anna@example.org' }]);

			const response = await call('GET', '/contacts/contact', {
				query: { id: anna.id, ignore_checksum: true },
			});

			expect(childText(response.xml(), 'email')).toBe('anna@example.org');
		});

		it('answers 400 to a read by id without checksum or ignore_checksum', async () => {
			const [anna] = sandbox.state.seedContacts([{ email: 'anna@example.org' }]);

			expect((await call('GET', '/contacts/contact', { query: { id: anna.id } })).status).toBe(400);
		});

		it('pages GET /contacts with X-Pages, X-Items and Link', async () => {
			sandbox.state.seedContacts(
				Array.from({ length: 5 }, (_, i) => ({ email: `c${i}@example.org` })),
			);

			const response = await call('GET', '/contacts', { query: { page_index: 2, page_size: 2 } });

			expect(childElements(response.xml(), 'contact').map((c) => childText(c, 'email'))).toEqual([
				'c2@example.org',
				'c3@example.org',
			]);
			expect(response.headers.get('x-pages')).toBe('3');
			expect(response.headers.get('x-items')).toBe('5');
			expect(response.headers.get('link')).toBe(
				[
					`<${sandbox.apiUrl}/contacts?page_size=2&page_index=1>; rel="start"`,
					`<${sandbox.apiUrl}/contacts?page_size=2&page_index=1>; rel="prev"`,
					`<${sandbox.apiUrl}/contacts?page_size=2&page_index=3>; rel="next"`,
				].join(', '),
			);
		});

		it('returns only contacts updated after updated_after', async () => {
			sandbox.state.seedContacts([
				{ email: 'old@example.org', updated: Date.UTC(2024, 0, 1) },
				{ email: 'new@example.org', updated: Date.UTC(2024, 3, 1) },
			]);

			const list = await call('GET', '/contacts', {
				query: { updated_after: '2024-02-01 00:00:00' },
			});
			const count = await call('GET', '/contacts/count', {
				query: { updated_after: '2024-02-01 00:00:00' },
			});

			expect(childElements(list.xml(), 'contact').map((c) => childText(c, 'email'))).toEqual([
				'new@example.org',
			]);
			expect(count.xml().text).toBe('1');
		});

		it('answers 400 with an XML message to page_size above 1000', async () => {
			const response = await call('GET', '/contacts', { query: { page_size: 1001 } });

			expect(response.status).toBe(400);
			expect(childText(response.xml(), 'message')).toBe('page_size must not exceed 1000');
		});
	});

	describe('updates and deletes', () => {
		it('changes the email with PUT /contacts/email/{old}', async () => {
			sandbox.state.seedContacts([{ email: 'old@example.org', externalId: 'K-1' }]);

			const response = await call('PUT', '/contacts/email/old%40example.org', {
				body: contactXml({ email: 'new@example.org' }),
			});

			expect(response.status).toBe(200);
			expect(sandbox.state.getContact('old@example.org')).toBeUndefined();
			expect(sandbox.state.getContact('new@example.org')?.externalId).toBe('K-1');
		});

		it('overwrites the permission with PUT ?permission=', async () => {
			sandbox.state.seedContacts([{ email: 'anna@example.org', permission: 4 }]);

			await call('PUT', '/contacts/email/anna%40example.org', { query: { permission: 1 } });

			expect(sandbox.state.getContact('anna@example.org')?.permission).toBe(1);
		});

		it('answers 404 to PUT for an unknown email', async () => {
			expect(
				(await call('PUT', '/contacts/email/nobody%40example.org', { body: contactXml() })).status,
			).toBe(404);
		});

		it.each<[string, (id: number) => { path: string; query: Record<string, number> }]>([
			['email', () => ({ path: '/contacts/email/anna%40example.org', query: {} })],
			['external id', () => ({ path: '/contacts/externalid/K-1', query: {} })],
			['Maileon id', (id) => ({ path: '/contacts/contact', query: { id } })],
		])('deletes a contact by %s', async (_title, target) => {
			const [anna] = sandbox.state.seedContacts([{ email: 'anna@example.org', externalId: 'K-1' }]);
			const { path, query } = target(anna.id);

			const response = await call('DELETE', path, { query });

			expect(response.status).toBe(200);
			expect(sandbox.state.listContacts({ includeAnonymised: true })).toEqual([]);
		});

		it('answers 400 to DELETE /contacts without authorized=yes', async () => {
			sandbox.state.seedContacts([{ email: 'anna@example.org' }]);

			const response = await call('DELETE', '/contacts');

			expect(response.status).toBe(400);
			expect(sandbox.state.listContacts()).toHaveLength(1);
		});
	});
});
