import { runMaileon, useMaileonSandbox } from '../helpers';

describe('Maileon Get Many custom fields', () => {
	const { sandbox } = useMaileonSandbox();

	it('lists every custom field with its type', async () => {
		sandbox().state.defineCustomField('Interest', 'string');
		sandbox().state.defineCustomField('ImportAPI', 'boolean');

		const result = await runMaileon(sandbox(), { resource: 'customField', operation: 'getAll' });

		expect(result.items('Maileon')).toEqual([
			{ json: { name: 'Interest', type: 'string' }, pairedItem: { item: 0 } },
			{ json: { name: 'ImportAPI', type: 'boolean' }, pairedItem: { item: 0 } },
		]);
	});

	it('returns nothing for an account without custom fields', async () => {
		const result = await runMaileon(sandbox(), { resource: 'customField', operation: 'getAll' });

		expect(result.items('Maileon')).toEqual([]);
	});
});
