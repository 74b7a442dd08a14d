import type { IDataObject } from 'n8n-workflow';

import { useNewsletter2GoSandbox } from '../../../sandbox/newsletter2go/testing';
import { byId, NODE, runNode } from '../helpers';

// noon UTC: the same day in the time zone of any test machine
const MARCH_1 = Date.UTC(2024, 2, 1, 12);

function fromDirecto(email: string, code: string): IDataObject {
	return {
		email,
		firstName: 'Mari',
		consent: {
			action: 'send',
			reason: 'explicit opt-in',
			status: 'optIn',
			at: MARCH_1,
			origin: { system: 'Directo', record: `customer ${code}` },
		},
	};
}

describe('Newsletter2Go Recipient Synchronize Many consent trail', () => {
	const { sandbox, listId } = useNewsletter2GoSandbox();

	const sync = (input: IDataObject[], options: IDataObject = {}, parameters: IDataObject = {}) =>
		runNode(sandbox(), { resource: 'recipient', operation: 'syncMany', list: byId(listId()), options, ...parameters }, { input });
	const valueOf = (email: string, name: string) => sandbox().state.findRecipient(listId(), email)?.values[name];

	it('writes the trail into the attribute the user picked, creating it', async () => {
		await sync([fromDirecto('mari@mets.ee', 'K1')], { consentTrailAttribute: 'consent_trail' });

		expect([...sandbox().state.attributes.values()].map((attribute) => attribute.name)).toEqual(['consent_trail']);
		expect(valueOf('mari@mets.ee', 'consent_trail')).toBe('Directo customer K1 · opt-in · 2024-03-01');
	});

	it('writes no trail by default', async () => {
		await sync([fromDirecto('mari@mets.ee', 'K1')]);

		expect(sandbox().state.attributes.size).toBe(0);
		expect(valueOf('mari@mets.ee', 'consent_trail')).toBeUndefined();
	});

	it('refuses an attribute name Newsletter2Go does not allow', async () => {
		const result = await sync([fromDirecto('mari@mets.ee', 'K1')], { consentTrailAttribute: 'consent trail' });

		expect(result.error?.message).toBe('"consent trail" is not a valid Newsletter2Go attribute name');
	});

	it('lists the recipients Newsletter2Go took with their trail when asked, and not the one it refused', async () => {
		sandbox().state.settings.blockedDomains = ['blocked.example'];

		const result = await sync([fromDirecto('mari@mets.ee', 'K1'), fromDirecto('eve@blocked.example', 'K2')], { listSent: true });

		const report = result.json(NODE, 0)[0];
		expect(report.counts).toMatchObject({ created: 1, failed: 1 });
		expect(report.sent).toEqual([
			{
				email: 'mari@mets.ee',
				system: 'Directo',
				record: 'customer K1',
				status: 'optIn',
				consentAt: '2024-03-01T12:00:00.000Z',
				trail: 'Directo customer K1 · opt-in · 2024-03-01',
			},
		]);
	});

	it('leaves the list out of the report by default', async () => {
		const result = await sync([fromDirecto('mari@mets.ee', 'K1')]);

		expect(result.json(NODE, 0)[0]).not.toHaveProperty('sent');
	});
});
