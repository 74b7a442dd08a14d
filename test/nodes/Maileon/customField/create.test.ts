import { requestsTo, runMaileon, useMaileonSandbox } from '../helpers';

const CREATE = { resource: 'customField', operation: 'create' };

describe('Maileon Create custom field', () => {
	const { sandbox } = useMaileonSandbox();

	it('creates a field of the chosen type', async () => {
		const result = await runMaileon(sandbox(), { ...CREATE, name: 'CustomerSince', type: 'date' });

		expect(requestsTo(sandbox(), 'POST', '/contacts/fields/custom/CustomerSince')[0].query).toEqual(
			{ type: 'date' },
		);
		expect(sandbox().state.customFieldList()).toEqual([{ name: 'CustomerSince', type: 'date' }]);
		expect(result.json('Maileon')).toEqual([
			{ name: 'CustomerSince', type: 'date', created: true },
		]);
	});

	it.each([
		['a standard field', 'FIRSTNAME'],
		['a standard field in other case', 'Firstname'],
		['a reserved name', 'external_id'],
		['fewer than 3 characters', 'ab'],
		['more than 64 characters', 'x'.repeat(65)],
	])('refuses %s without asking Maileon', async (_, name) => {
		const result = await runMaileon(sandbox(), { ...CREATE, name });

		expect(result.error?.message).toBe(`"${name}" cannot be a Maileon custom field name`);
		expect(sandbox().log.size).toBe(0);
	});
});
