import { errorOf, requestsTo, runBillomat, START, useBillomatSandbox } from '../helpers';

describe('Billomat Client Update', () => {
	const { sandbox } = useBillomatSandbox({ logBodies: true });

	beforeEach(() => {
		sandbox().state.seedClients([{ name: 'Muster GmbH', city: 'Kiel', email: 'anna@example.org' }]);
	});

	it('sends only the changed fields, as strings, and returns the normalised client', async () => {
		sandbox().state.clock.set(START + 60_000);

		const result = await runBillomat(sandbox(), {
			resource: 'client',
			operation: 'update',
			clientId: '1',
			updateFields: { city: 'Bonn', archived: true },
		});

		const [request] = requestsTo(sandbox(), 'PUT', '/clients/1');
		expect(JSON.parse(request.body ?? '')).toEqual({ client: { city: 'Bonn', archived: '1' } });
		expect(request.headers['content-type']).toBe('application/json');
		expect(result.json('Billomat')[0]).toMatchObject({ id: '1', city: 'Bonn', archived: true, name: 'Muster GmbH', updated: '2025-06-02T11:01:00+01:00' });
	});

	it('refuses to send an update without fields', async () => {
		const result = await runBillomat(sandbox(), { resource: 'client', operation: 'update', clientId: '1', updateFields: {} });

		expect(errorOf(result).message).toBe('No fields to update');
		expect(sandbox().log.size).toBe(0);
	});

	it('passes Billomat\'s validation errors on in the message', async () => {
		const result = await runBillomat(sandbox(), {
			resource: 'client',
			operation: 'update',
			clientId: '1',
			updateFields: { country_code: 'Germany', email: 'nope' },
		});

		expect(errorOf(result).message).toBe('Billomat rejected the request (400): Invalid country_code "Germany"; Invalid email "nope"');
	});

	it('tells about an archived client that Billomat will not edit', async () => {
		sandbox().state.settings.archivedReadOnly = true;
		sandbox().state.updateClient(1, { archived: '1' });

		const result = await runBillomat(sandbox(), { resource: 'client', operation: 'update', clientId: '1', updateFields: { city: 'Bonn' } });

		expect(errorOf(result).message).toBe('Billomat rejected the request (400): Archived clients cannot be edited');
	});

	it('keeps going with an error item per failed client when the node continues on fail', async () => {
		const result = await runBillomat(
			sandbox(),
			{ resource: 'client', operation: 'update', clientId: '={{ $json.id }}', updateFields: { city: 'Bonn' } },
			{ input: [{ id: '9' }, { id: '1' }], onError: 'continueRegularOutput' },
		);

		expect(result.json('Billomat')).toEqual([
			{ error: 'Billomat has no client "9" (404)', description: 'Check the ID given to the node; the record may have been deleted in Billomat.' },
			expect.objectContaining({ id: '1', city: 'Bonn' }),
		]);
		expect(result.items('Billomat').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
