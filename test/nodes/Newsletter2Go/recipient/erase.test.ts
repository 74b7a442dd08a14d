import { SuppressionLedger } from '../../../../nodes/shared/suppression';
import { useNewsletter2GoSandbox } from '../../../sandbox/newsletter2go/testing';
import { byId, NODE, runError, runNode } from '../helpers';

describe('Newsletter2Go Recipient Erase', () => {
	const { sandbox, listId } = useNewsletter2GoSandbox({ logBodies: true });

	beforeEach(() => {
		sandbox().state.createAttribute({ list_ids: [listId()], name: 'customer_no' });
		sandbox().state.seedRecipients(listId(), [
			{
				email: 'anna.muster@example.org',
				values: {
					first_name: 'Anna',
					last_name: 'Muster',
					gender: 'f',
					phone: '+49 30 123456',
					birthday: '1980-02-03',
					customer_no: 'K-4711',
				},
			},
		]);
	});

	const erase = (parameters: Record<string, unknown> = {}, staticData?: Record<string, unknown>) =>
		runNode(
			sandbox(),
			{ resource: 'recipient', operation: 'erase', list: byId(listId()), email: 'anna.muster@example.org', ...parameters },
			{ staticData: staticData as never },
		);
	const anna = () => [...sandbox().state.recipients.values()][0];
	const PERSONAL = ['anna', 'Muster', '123456', '1980', 'K-4711'];

	it('unsubscribes, then overwrites the personal data with DELETED, leaving none behind', async () => {
		const { id } = anna();

		const result = await erase();

		expect(result.status).toBe('success');
		expect(anna()).toMatchObject({
			id,
			email: `deleted-${id}@deleted.invalid`,
			isUnsubscribed: true,
			values: { first_name: 'DELETED', last_name: 'DELETED', phone: 'DELETED', customer_no: 'DELETED', gender: '', birthday: '' },
		});
		const stored = JSON.stringify(sandbox().state.renderRecipient(anna(), sandbox().baseUrl));
		for (const piece of PERSONAL) expect(stored.toLowerCase()).not.toContain(piece.toLowerCase());
		const patches = sandbox().log.filter((entry) => entry.method === 'PATCH').map((entry) => JSON.parse(entry.body ?? '{}') as object);
		expect(patches[0]).toEqual({ is_unsubscribed: true });
		expect(patches[1]).toMatchObject({ first_name: 'DELETED', email: `deleted-${id}@deleted.invalid` });
	});

	it('keeps only a hash of the address in static data and never outputs the address', async () => {
		const result = await erase();

		const staticData = JSON.stringify(result.staticData);
		expect(staticData).toContain(SuppressionLedger.hash('anna.muster@example.org'));
		expect(staticData).not.toContain('anna.muster');
		expect(result.json(NODE)).toEqual([
			{ listId: listId(), found: true, erased: true, deleted: false, id: anna().id, email: `deleted-${anna().id}@deleted.invalid` },
		]);
	});

	it('deletes the overwritten recipient when told to', async () => {
		await erase({ emailHandling: 'delete' });

		expect(sandbox().state.recipientsOf(listId())).toEqual([]);
		expect(sandbox().log.filter((entry) => entry.method !== 'GET' && entry.path !== '/oauth/v2/token').map((entry) => entry.method)).toEqual([
			'PATCH',
			'PATCH',
			'DELETE',
		]);
	});

	it('keeps the address when told to and overwrites the rest', async () => {
		await erase({ emailHandling: 'keep' });

		expect(anna()).toMatchObject({ email: 'anna.muster@example.org', isUnsubscribed: true, values: { last_name: 'DELETED' } });
	});

	it('still records the hash when the list does not hold the address', async () => {
		sandbox().state.recipients.clear();

		const result = await erase();

		expect(result.json(NODE)).toEqual([{ listId: listId(), erased: false, found: false }]);
		expect(JSON.stringify(result.staticData)).toContain(SuppressionLedger.hash('anna.muster@example.org'));
	});

	it('says what to do when Newsletter2Go refuses the placeholder address', async () => {
		sandbox().state.settings.rejectEmailChange = true;

		const result = await erase();

		expect(runError(result)).toEqual({
			message: 'Newsletter2Go rejected the request (400): The email address cannot be changed (code 400)',
			description:
				'The recipient is unsubscribed, but its data is not overwritten yet. Run Erase again with "Email Address" set to "Delete the Recipient" or "Keep".',
		});
		expect(anna().isUnsubscribed).toBe(true);
	});

	it('keeps an erased address out of a later Synchronize Many', async () => {
		const erased = await erase();
		sandbox().state.recipients.clear();

		const sync = await runNode(
			sandbox(),
			{ resource: 'recipient', operation: 'syncMany', list: byId(listId()) },
			{
				input: [{ email: 'anna.muster@example.org', consent: { action: 'send', reason: 'explicit opt-in', status: 'optIn' } }],
				staticData: erased.staticData,
			},
		);

		expect(sync.json(NODE)[0].counts).toMatchObject({ suppressed: 1, created: 0 });
		expect(sandbox().state.recipientsOf(listId())).toEqual([]);
	});
});
