import { getRecipientAttributes, getRecipientFields } from '../../../../nodes/Newsletter2Go/methods/resourceMapping';
import { useNewsletter2GoSandbox } from '../../../sandbox/newsletter2go/testing';
import { loadOptionsContext } from '../helpers';

describe('Newsletter2Go recipient field mapper', () => {
	const { sandbox, listId } = useNewsletter2GoSandbox();

	it('offers the built-in attributes and the custom attributes of the chosen list, with their types', async () => {
		const other = sandbox().state.createList({ name: 'Other' });
		sandbox().state.createAttribute({ name: 'customer_no', list_ids: [listId()], type: 'number' });
		sandbox().state.createAttribute({ name: 'interest', list_ids: [listId()], type: 'text' });
		sandbox().state.createAttribute({ name: 'elsewhere', list_ids: [other.id], type: 'text' });

		const { fields } = await getRecipientFields.call(await loadOptionsContext(sandbox(), { list: listId() }));

		expect(fields.map((field) => field.id)).toEqual(['first_name', 'last_name', 'gender', 'phone', 'birthday', 'customer_no', 'interest']);
		expect(fields.find((field) => field.id === 'first_name')).toMatchObject({ displayName: 'First Name', defaultValue: '={{ $json.firstName }}' });
		expect(fields.find((field) => field.id === 'customer_no')).toMatchObject({
			displayName: 'customer_no (number)',
			type: 'number',
			defaultValue: '={{ $json.fields.customer_no }}',
		});
	});

	it('offers only the built-in attributes until a list is chosen', async () => {
		const { fields } = await getRecipientFields.call(await loadOptionsContext(sandbox()));

		expect(fields.map((field) => field.id)).toEqual(['first_name', 'last_name', 'gender', 'phone', 'birthday']);
		expect(sandbox().log.filter((entry) => entry.path.includes('/attributes'))).toEqual([]);
	});

	it('offers the custom attributes of the chosen list alone for Create or Update, typed and without a preset value', async () => {
		const other = sandbox().state.createList({ name: 'Other' });
		sandbox().state.createAttribute({ name: 'customer_no', list_ids: [listId()], type: 'number' });
		sandbox().state.createAttribute({ name: 'elsewhere', list_ids: [other.id], type: 'text' });

		const { fields } = await getRecipientAttributes.call(await loadOptionsContext(sandbox(), { list: listId() }));

		expect(fields).toEqual([
			{ id: 'customer_no', displayName: 'customer_no (number)', type: 'number', required: false, defaultMatch: false, canBeUsedToMatch: false, display: true },
		]);
	});

	it('offers no custom attribute until a list is chosen', async () => {
		const { fields } = await getRecipientAttributes.call(await loadOptionsContext(sandbox()));

		expect(fields).toEqual([]);
		expect(sandbox().log.filter((entry) => entry.path.includes('/attributes'))).toEqual([]);
	});
});
