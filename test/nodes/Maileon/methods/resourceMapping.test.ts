import { getContactFields, getCustomContactFields } from '../../../../nodes/Maileon/methods/resourceMapping';
import { loadOptionsContext, useMaileonSandbox } from '../helpers';

describe('Maileon contact field mapper', () => {
	const { sandbox } = useMaileonSandbox();

	it('offers the standard fields and the custom fields of the account, with their types', async () => {
		sandbox().state.defineCustomField('Interest', 'string');
		sandbox().state.defineCustomField('Age', 'integer');
		sandbox().state.defineCustomField('Vip', 'boolean');

		const { fields } = await getContactFields.call(loadOptionsContext(sandbox()));

		expect(fields.slice(0, 6).map((field) => field.id)).toEqual(['SALUTATION', 'TITLE', 'FIRSTNAME', 'LASTNAME', 'ORGANIZATION', 'GENDER']);
		expect(fields.map((field) => field.id)).toEqual(expect.arrayContaining(['CITY', 'ZIP', 'BIRTHDAY']));
		expect(fields.find((field) => field.id === 'FIRSTNAME')).toMatchObject({ type: 'string', defaultValue: '={{ $json.firstName }}', display: true, required: false });
		expect(fields.filter((field) => !/^[A-Z]+$/.test(field.id))).toEqual([
			expect.objectContaining({ id: 'Age', displayName: 'Age (integer)', type: 'number', defaultValue: '={{ $json.fields.Age }}' }),
			expect.objectContaining({ id: 'Interest', displayName: 'Interest (string)', type: 'string' }),
			expect.objectContaining({ id: 'Vip', displayName: 'Vip (boolean)', type: 'boolean' }),
		]);
	});

	it('offers the custom fields alone for Create or Update, typed and without a preset value', async () => {
		sandbox().state.defineCustomField('PurchaseValue', 'float');
		sandbox().state.defineCustomField('Interest', 'string');

		const { fields } = await getCustomContactFields.call(loadOptionsContext(sandbox()));

		expect(fields).toEqual([
			{ id: 'Interest', displayName: 'Interest (string)', type: 'string', required: false, defaultMatch: false, canBeUsedToMatch: false, display: true },
			{ id: 'PurchaseValue', displayName: 'PurchaseValue (float)', type: 'number', required: false, defaultMatch: false, canBeUsedToMatch: false, display: true },
		]);
	});
});
