import { requestsTo, runBillomat, useBillomatSandbox } from '../helpers';

describe('Billomat Client Set Custom Field', () => {
	const { sandbox } = useBillomatSandbox({ logBodies: true });

	it('writes the integrator field through /clients/{id}/customfield', async () => {
		sandbox().state.seedClients([{ name: 'Muster GmbH' }]);

		const result = await runBillomat(sandbox(), { resource: 'client', operation: 'setCustomField', clientId: '1', value: 'maileon-4711' });

		expect(JSON.parse(requestsTo(sandbox(), 'PUT', '/clients/1/customfield')[0].body ?? '')).toEqual({ client: { customfield: 'maileon-4711' } });
		expect(sandbox().state.renderClient(1)?.customfield).toBe('maileon-4711');
		expect(result.json('Billomat')).toEqual([{ id: '1', customfield: 'maileon-4711' }]);
	});

	it('escapes the client ID as one path segment', async () => {
		await runBillomat(sandbox(), { resource: 'client', operation: 'setCustomField', clientId: '1/../2', value: 'x' });

		expect(sandbox().log.entries[0].path).toBe('/demo/api/clients/1%2F..%2F2/customfield');
	});
});
