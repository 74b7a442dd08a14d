import type { IDataObject } from 'n8n-workflow';

import { manualMapping } from '../../../harness/fieldMapping';
import { useNewsletter2GoSandbox } from '../../../sandbox/newsletter2go/testing';
import { byId, runError, runNode } from '../helpers';

const recipient = (email: string, fields: Record<string, string>): IDataObject => ({
	email,
	firstName: 'Jürgen',
	lastName: 'Muster',
	gender: 'm',
	fields,
	consent: { action: 'send', reason: 'explicit opt-in', status: 'optIn' },
});

describe('Newsletter2Go Recipient Synchronize Many field mapping', () => {
	const { sandbox, listId } = useNewsletter2GoSandbox({ logBodies: true });

	const sync = (input: IDataObject[], parameters: IDataObject = {}) =>
		runNode(sandbox(), { resource: 'recipient', operation: 'syncMany', list: byId(listId()), ...parameters }, { input });
	const postedRows = () =>
		sandbox()
			.log.filter((entry) => entry.method === 'POST' && entry.path === '/recipients')
			.flatMap((entry) => JSON.parse(entry.body ?? '[]') as IDataObject[]);
	const writes = () => sandbox().log.filter((entry) => entry.method !== 'GET' && entry.path !== '/oauth/v2/token');

	it('maps automatically names, gender and the item fields named like an attribute of the list, and sends no other', async () => {
		sandbox().state.createAttribute({ name: 'customer_no', list_ids: [listId()] });

		await sync([recipient('anna@example.org', { customer_no: '4711', other: 'x', phone: '0431 1' })]);

		expect(postedRows()).toEqual([
			{ list_id: listId(), email: 'anna@example.org', first_name: 'Jürgen', last_name: 'Muster', gender: 'm', customer_no: '4711' },
		]);
		expect(sandbox().log.filter((entry) => entry.method === 'POST' && entry.path === '/attributes')).toEqual([]);
	});

	it('sends the values the user paired with each attribute, and nothing for a removed one', async () => {
		sandbox().state.createAttribute({ name: 'customer_no', list_ids: [listId()] });

		await sync([recipient('anna@example.org', { customer_no: '4711', other: 'x' })], {
			fieldMapping: manualMapping({ last_name: '={{ $json.firstName }}', customer_no: '={{ $json.fields.other }}' }, ['first_name', 'gender']),
		});

		expect(postedRows()).toEqual([{ list_id: listId(), email: 'anna@example.org', last_name: 'Jürgen', customer_no: 'x' }]);
	});

	it('stops before writing anything when a mapped attribute is missing in the list and may not be created', async () => {
		const result = await sync([recipient('anna@example.org', { customer_no: '4711' })], {
			fieldMapping: manualMapping({ customer_no: '={{ $json.fields.customer_no }}' }),
			options: { createMissingAttributes: false },
		});

		expect(runError(result)).toEqual({
			message: 'The list has no attribute "customer_no"',
			description: 'Create it in Newsletter2Go or with the Attribute → Create operation, or turn on "Create Missing Attributes".',
		});
		expect(writes()).toEqual([]);
	});
});
