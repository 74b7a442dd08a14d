import { checkCustomFieldName, isValidDate, isValidEmail } from './fields';
import { useMaileonClient } from './fixtures';
import { childElements, childText } from './xml';

describe('Maileon sandbox custom field registry', () => {
	const { sandbox, call } = useMaileonClient();
	const listFields = async (): Promise<Array<[string | undefined, string | undefined]>> =>
		childElements((await call('GET', '/contacts/fields/custom')).xml(), 'custom_field').map((f) => [
			childText(f, 'name'),
			childText(f, 'type'),
		]);

	it('creates fields with ?type= and lists them as XML', async () => {
		const created = await call('POST', '/contacts/fields/custom/ImportAPI', {
			query: { type: 'boolean' },
		});
		await call('POST', '/contacts/fields/custom/CustomerSince', { query: { type: 'date' } });

		expect(created.status).toBe(201);
		expect(await listFields()).toEqual([
			['ImportAPI', 'boolean'],
			['CustomerSince', 'date'],
		]);
	});

	it.each([
		[
			'an unknown type',
			'/contacts/fields/custom/Score',
			{ type: 'double' },
			'Unknown field type "double", expected one of string, integer, float, date, boolean',
		],
		[
			'a name shorter than 3 characters',
			'/contacts/fields/custom/ab',
			{},
			'Custom field name "ab" must have 3 to 64 characters',
		],
		[
			'a standard field name',
			'/contacts/fields/custom/FIRSTNAME',
			{},
			'Custom field name "FIRSTNAME" is a standard field name',
		],
		[
			'a reserved name',
			'/contacts/fields/custom/external_id',
			{},
			'Custom field name "external_id" is reserved',
		],
	])('answers 400 to %s', async (_title, path, query, message) => {
		const response = await call('POST', path, { query });

		expect(response.status).toBe(400);
		expect(childText(response.xml(), 'message')).toBe(message);
	});

	it('answers 409 to a field that exists', async () => {
		await call('POST', '/contacts/fields/custom/Source');

		expect((await call('POST', '/contacts/fields/custom/Source')).status).toBe(409);
	});

	it('renames a field and keeps its values', async () => {
		sandbox().state.seedContacts([{ email: 'anna@example.org', customFields: { Source: 'shop' } }]);

		const response = await call('PUT', '/contacts/fields/custom/Source/Origin');

		expect(response.status).toBe(200);
		expect(await listFields()).toEqual([['Origin', 'string']]);
		expect(sandbox().state.getContact('anna@example.org')?.customFields).toEqual({ Origin: 'shop' });
	});

	it('deletes a field together with its values', async () => {
		sandbox().state.seedContacts([{ email: 'anna@example.org', customFields: { Source: 'shop' } }]);

		const response = await call('DELETE', '/contacts/fields/custom/Source');

		expect(response.status).toBe(200);
		expect(await listFields()).toEqual([]);
		expect(sandbox().state.getContact('anna@example.org')?.customFields).toEqual({});
	});

	it('answers 404 to deleting a field that does not exist', async () => {
		expect((await call('DELETE', '/contacts/fields/custom/Nothing')).status).toBe(404);
	});

	it('treats field names as case-sensitive', async () => {
		await call('POST', '/contacts/fields/custom/Source');

		const response = await call('POST', '/contacts/email/anna%40example.org', {
			body: '<contact><custom_fields><field><name>source</name><value>x</value></field></custom_fields></contact>',
		});

		expect(response.status).toBe(400);
		expect(childText(response.xml(), 'message')).toBe('No custom field named "source" (error 21)');
	});
});

describe('isValidEmail', () => {
	it.each([
		'anna@example.org',
		'anna+news@example.org',
		'a.b-c@sub.example.co.uk',
		'jörg@müller.de',
		'x@xn--p1ai.example',
	])('accepts %s', (email) => {
		expect(isValidEmail(email)).toBe(true);
	});

	it.each([
		['two @', 'a@b@example.org'],
		['no dot in the domain', 'anna@localhost'],
		['a space', 'anna @example.org'],
		['consecutive dots', 'an..na@example.org'],
		['a leading dot', '.anna@example.org'],
		['an empty label', 'anna@example..org'],
		['a numeric top-level label', 'anna@127.0.0.1'],
		['a label starting with a hyphen', 'anna@-example.org'],
		['a 65-character local part', `${'a'.repeat(65)}@example.org`],
	])('rejects an address with %s', (_title, email) => {
		expect(isValidEmail(email)).toBe(false);
	});
});

describe('isValidDate', () => {
	it.each([
		['2024-02-29', true],
		['2023-02-29', false],
		['2024-05-02 14:03:11', true],
		['2024-05-02 24:00:00', false],
		['02.05.2024', false],
	])('judges %s as %s', (value, expected) => {
		expect(isValidDate(value, true)).toBe(expected);
	});
});

describe('checkCustomFieldName', () => {
	it('allows a name that differs from a standard field only in case', () => {
		expect(checkCustomFieldName('Firstname')).toBeUndefined();
	});
});
