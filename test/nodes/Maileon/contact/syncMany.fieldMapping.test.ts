import { manualMapping } from '../../../harness/fieldMapping';
import { contactItem, runMaileon, useMaileonSandbox } from '../helpers';

const SYNC = { resource: 'contact', operation: 'syncMany', setMarker: false };

describe('Maileon Synchronize Many field mapping', () => {
	const { sandbox } = useMaileonSandbox();

	const posts = () => sandbox().log.filter((entry) => entry.method === 'POST');

	it('maps automatically the standard fields and the item fields named like a Maileon custom field, and sends no other', async () => {
		sandbox().state.defineCustomField('Interest', 'string');

		const result = await runMaileon(sandbox(), SYNC, {
			input: [contactItem('anna@example.org', { fields: { Interest: 'Yoga', Hobby: 'Chess', city: 'Kiel' } })],
		});

		expect(result.status).toBe('success');
		expect(sandbox().state.getContact('anna@example.org')).toMatchObject({
			standardFields: { FIRSTNAME: 'Anna', CITY: 'Kiel' },
			customFields: { Interest: 'Yoga' },
		});
		expect(sandbox().state.getContact('anna@example.org')?.customFields).not.toHaveProperty('Hobby');
		expect(sandbox().state.customFieldList().map((field) => field.name)).toEqual(['Interest']);
	});

	it('sends the values the user paired with each field, and nothing for a removed field', async () => {
		sandbox().state.defineCustomField('Interest', 'string');

		await runMaileon(
			sandbox(),
			{ ...SYNC, fieldMapping: manualMapping({ LASTNAME: '={{ $json.firstName }}', Interest: '={{ $json.fields.Hobby }}' }, ['FIRSTNAME']) },
			{ input: [contactItem('anna@example.org', { fields: { Interest: 'Yoga', Hobby: 'Chess' } })] },
		);

		const contact = sandbox().state.getContact('anna@example.org');
		expect(contact?.standardFields).toEqual({ LASTNAME: 'Anna' });
		expect(contact?.customFields).toEqual({ Interest: 'Chess' });
	});

	it('stops before writing anything when a mapped custom field is missing in Maileon and may not be created', async () => {
		const result = await runMaileon(
			sandbox(),
			{ ...SYNC, setMarker: true, fieldMapping: manualMapping({ Interest: '={{ $json.fields.Interest }}' }), options: { createMissingFields: false } },
			{ input: [contactItem('anna@example.org', { fields: { Interest: 'Yoga' } })] },
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Maileon has no custom field "Interest"');
		expect((result.error as { description?: string }).description).toBe(
			'"Fields to Send" maps a field Maileon does not have (typed in, or deleted since the fields were loaded). Create it in Maileon under Contacts → Contact fields, remove it from the mapping, or turn on "Create Missing Custom Fields".',
		);
		expect(posts()).toEqual([]);
		expect(sandbox().state.customFieldList()).toEqual([]);
	});

	it('creates a mapped custom field Maileon lacks when "Create Missing Custom Fields" is on', async () => {
		await runMaileon(
			sandbox(),
			{ ...SYNC, fieldMapping: manualMapping({ Interest: '={{ $json.fields.Interest }}' }) },
			{ input: [contactItem('anna@example.org', { fields: { Interest: 'Yoga' } })] },
		);

		expect(sandbox().state.customFieldList()).toEqual([{ name: 'Interest', type: 'string' }]);
		expect(sandbox().state.getContact('anna@example.org')?.customFields).toEqual({ Interest: 'Yoga' });
	});
});
