import { manualMapping } from '../../../harness/fieldMapping';
import { SuppressionLedger } from '../../../../nodes/shared/suppression';
import { useNewsletter2GoSandbox } from '../../../sandbox/newsletter2go/testing';
import { byId, NODE, runError, runNode } from '../helpers';

describe('Newsletter2Go Recipient Create or Update', () => {
	const { sandbox, listId } = useNewsletter2GoSandbox();

	const upsert = (parameters: Record<string, unknown> = {}, options: Parameters<typeof runNode>[2] = {}) =>
		runNode(
			sandbox(),
			{ resource: 'recipient', operation: 'upsert', list: byId(listId()), email: '={{ $json.email }}', ...parameters },
			{ input: [{ email: ' Anna@Example.org ' }], ...options },
		);

	it('creates the recipient with trimmed, lower-cased address, names and gender', async () => {
		const result = await upsert({ fields: { first_name: 'Anna', last_name: 'Muster', gender: 'f' } });

		const stored = sandbox().state.findRecipient(listId(), 'anna@example.org');
		expect(stored).toMatchObject({ email: 'anna@example.org', values: { first_name: 'Anna', last_name: 'Muster', gender: 'f' } });
		expect(result.items(NODE)).toEqual([
			{ json: { id: stored?.id, email: 'anna@example.org', listId: listId() }, pairedItem: { item: 0 } },
		]);
	});

	it('updates the existing recipient without blanking fields it does not send', async () => {
		const [anna] = sandbox().state.seedRecipients(listId(), [{ email: 'anna@example.org', values: { first_name: 'A', last_name: 'Muster' } }]);

		const result = await upsert({ fields: { first_name: 'Anna' } });

		expect(result.json(NODE)[0].id).toBe(anna.id);
		expect(anna.values).toEqual({ first_name: 'Anna', last_name: 'Muster' });
	});

	it('creates a missing custom attribute before writing its value', async () => {
		await upsert({ customAttributeMapping: manualMapping({ customer_no: '4711' }) });

		expect([...sandbox().state.attributes.values()].map((attribute) => [attribute.name, attribute.listIds])).toEqual([
			['customer_no', [listId()]],
		]);
		expect(sandbox().state.findRecipient(listId(), 'anna@example.org')?.values.customer_no).toBe('4711');
		expect(sandbox().state.ignoredKeys).toEqual([]);
	});

	it('sends the attribute values mapped from the input item, and neither a removed attribute nor an empty value', async () => {
		for (const name of ['customer_no', 'interest', 'segment']) sandbox().state.createAttribute({ name, list_ids: [listId()], type: 'text' });
		sandbox().state.seedRecipients(listId(), [{ email: 'anna@example.org', values: { segment: 'retail' } }]);
		const mapping = manualMapping({ customer_no: '={{ $json.customerNo }}', segment: '={{ $json.segment }}' }, ['interest']);
		// a value n8n kept for the removed attribute is not sent either
		(mapping.value as Record<string, unknown>).interest = 'Yoga';

		await upsert({ customAttributeMapping: mapping }, { input: [{ email: 'anna@example.org', customerNo: 4711, segment: '' }] });

		expect(sandbox().state.findRecipient(listId(), 'anna@example.org')?.values).toEqual({ customer_no: '4711', segment: 'retail' });
		expect(sandbox().state.attributes.size).toBe(3);
	});

	it('stops when an attribute is missing and may not be created', async () => {
		const result = await upsert({
			customAttributeMapping: manualMapping({ customer_no: '4711' }),
			options: { createMissingAttributes: false },
		});

		expect(runError(result).message).toBe('The list has no attribute "customer_no"');
		expect(sandbox().state.recipientsOf(listId())).toEqual([]);
		expect(sandbox().log.filter((entry) => entry.method !== 'GET' && entry.path !== '/oauth/v2/token')).toEqual([]);
	});

	it('refuses an attribute name Newsletter2Go does not allow', async () => {
		const result = await upsert({ customAttributeMapping: manualMapping({ 'customer-no': '1' }) });

		expect(runError(result).message).toBe('"customer-no" is not a valid Newsletter2Go attribute name');
	});

	it('fails the item with the reason Newsletter2Go gives for a rejected recipient', async () => {
		sandbox().state.settings.invalidRecipientMessages = true;

		const result = await upsert({}, { input: [{ email: 'x@example.c' }] });

		expect(runError(result).message).toBe(
			'Newsletter2Go did not take the recipient: rejected by Newsletter2Go: Invalid email address',
		);
	});

	it('skips an address the suppression ledger holds', async () => {
		const staticData = { global: { suppressionLedger: { version: 1, entries: { [SuppressionLedger.hash('anna@example.org')]: 1 } } } };

		const result = await upsert({}, { staticData });

		expect(result.json(NODE)).toEqual([
			{
				email: 'anna@example.org',
				listId: listId(),
				skipped: true,
				reason: 'The address unsubscribed or was erased earlier (suppression ledger).',
			},
		]);
		expect(sandbox().state.recipientsOf(listId())).toEqual([]);
	});
});
