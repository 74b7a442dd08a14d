import { useNewsletter2GoSandbox } from '../../../sandbox/newsletter2go/testing';
import { byId, NODE, runError, runNode } from '../helpers';

describe('Newsletter2Go Attribute', () => {
	const { sandbox, listId } = useNewsletter2GoSandbox();

	const create = (name: string, extra: Record<string, unknown> = {}) =>
		runNode(sandbox(), { resource: 'attribute', operation: 'create', list: byId(listId()), name, ...extra });

	it('creates a custom attribute for the list with the sub type of its type', async () => {
		const result = await create('customer_no', { type: 'number' });

		const [attribute] = [...sandbox().state.attributes.values()];
		expect(attribute).toMatchObject({ name: 'customer_no', listIds: [listId()], fields: { type: 'number', sub_type: 'integer' } });
		expect(result.json(NODE)[0]).toMatchObject({ id: attribute.id, name: 'customer_no', list_ids: [listId()] });
	});

	it.each([
		['customer-no', '"customer-no" is not a valid Newsletter2Go attribute name'],
		['first_name', '"first_name" is a built-in attribute'],
	])('refuses the name %s before calling Newsletter2Go', async (name, message) => {
		const result = await create(name);

		expect(runError(result).message).toBe(message);
		expect(sandbox().log.filter((entry) => entry.path === '/attributes')).toEqual([]);
	});

	it('explains a duplicate name', async () => {
		sandbox().state.createAttribute({ list_ids: [listId()], name: 'customer_no' });

		const result = await create('customer_no');

		expect(runError(result)).toEqual({
			message: "Newsletter2Go already has an object with this name (400): Duplicate entry 'customer_no' for key 'name' (code 1062)",
			description: 'Pick another name, or use the existing object.',
		});
	});

	it('gets the attributes of the list expanded', async () => {
		sandbox().state.createAttribute({ list_ids: [listId()], name: 'customer_no' });
		sandbox().state.createAttribute({ list_ids: [sandbox().state.createList({ name: 'Other' }).id], name: 'elsewhere' });

		const result = await runNode(sandbox(), { resource: 'attribute', operation: 'getAll', list: byId(listId()), returnAll: true });

		expect(result.json(NODE)).toEqual([expect.objectContaining({ name: 'customer_no', type: 'text' })]);
	});
});
