import type { IDataObject } from 'n8n-workflow';

import { contactItem, requestsTo, runMaileon, useMaileonSandbox } from '../helpers';

const SYNC = { resource: 'contact', operation: 'syncMany', setMarker: false };
// noon UTC: the same day in the time zone of any test machine
const MARCH_1 = Date.UTC(2024, 2, 1, 12);

function fromKufer(email: string, address: string, extra: IDataObject = {}): IDataObject {
	return contactItem(email, {
		consent: {
			action: 'send',
			reason: 'explicit opt-in (KUFER status J)',
			status: 'optIn',
			at: MARCH_1,
			origin: { system: 'KUFER', record: `address ${address}` },
		},
		...extra,
	});
}

describe('Maileon Synchronize Many consent trail', () => {
	const { sandbox } = useMaileonSandbox();

	it('writes the trail into the custom field the user picked, creating it', async () => {
		await runMaileon(sandbox(), { ...SYNC, options: { consentTrailField: 'ConsentTrail' } }, {
			input: [fromKufer('anna@example.org', '4711')],
		});

		expect(sandbox().state.getContact('anna@example.org')?.customFields).toEqual({
			ConsentTrail: 'KUFER address 4711 · opt-in · 2024-03-01',
		});
	});

	it('writes no trail and creates no field by default', async () => {
		await runMaileon(sandbox(), SYNC, { input: [fromKufer('anna@example.org', '4711')] });

		expect(sandbox().state.getContact('anna@example.org')?.customFields).toEqual({});
		expect(requestsTo(sandbox(), 'POST', '/contacts/fields/custom/ConsentTrail')).toEqual([]);
	});

	it('writes the trail of the record whose status won for an address that several items carry', async () => {
		const relationship = {
			action: 'send' as const,
			reason: 'customer relationship',
			status: 'relationship',
			at: Date.UTC(2023, 5, 1, 12),
			origin: { system: 'Billomat', record: 'client 12' },
		};

		const result = await runMaileon(sandbox(), { ...SYNC, options: { consentTrailField: 'ConsentTrail', listSent: true } }, {
			input: [fromKufer('anna@example.org', '4711'), contactItem('ANNA@example.org', { consent: relationship })],
		});

		const trail = 'Billomat client 12 · customer relationship · 2023-06-01';
		expect(sandbox().state.getContact('anna@example.org')?.customFields).toEqual({ ConsentTrail: trail });
		expect(result.json('Maileon', 0)[0].sent).toEqual([
			{
				email: 'anna@example.org',
				system: 'Billomat',
				record: 'client 12',
				status: 'relationship',
				consentAt: '2023-06-01T12:00:00.000Z',
				trail,
			},
		]);
	});

	it('lists the contacts Maileon took with their trail when asked, and not the one it refused', async () => {
		const result = await runMaileon(sandbox(), { ...SYNC, options: { listSent: true } }, {
			input: [
				fromKufer('anna@example.org', '4711'),
				fromKufer('bad@example.org', '4712', { fields: { BIRTHDAY: 'last spring' } }),
				fromKufer('ben@example.org', '4713'),
			],
		});

		const report = result.json('Maileon', 0)[0];
		expect(report.counts).toMatchObject({ created: 2, invalid: 1 });
		expect(report.sent).toEqual([
			expect.objectContaining({ email: 'anna@example.org', trail: 'KUFER address 4711 · opt-in · 2024-03-01' }),
			expect.objectContaining({ email: 'ben@example.org', trail: 'KUFER address 4713 · opt-in · 2024-03-01' }),
		]);
		expect(report.sentTruncated).toBe(0);
	});

	it('leaves the list out of the report by default', async () => {
		const result = await runMaileon(sandbox(), SYNC, { input: [fromKufer('anna@example.org', '4711')] });

		expect(result.json('Maileon', 0)[0]).not.toHaveProperty('sent');
	});

	it('lists what a dry run would send, writing nothing', async () => {
		const result = await runMaileon(sandbox(), { ...SYNC, dryRun: true, options: { listSent: true, consentTrailField: 'ConsentTrail' } }, {
			input: [fromKufer('anna@example.org', '4711')],
		});

		expect(result.json('Maileon', 0)[0]).toMatchObject({ dryRun: true, sent: [{ email: 'anna@example.org' }] });
		expect(sandbox().state.getContact('anna@example.org')).toBeUndefined();
	});

	it('leaves out and warns about the contacts of a request in which Maileon kept someone out without naming them', async () => {
		sandbox().state.setMarker('gone@example.org');

		const result = await runMaileon(sandbox(), { ...SYNC, options: { listSent: true } }, {
			input: [fromKufer('anna@example.org', '4711'), fromKufer('gone@example.org', '4712')],
		});

		const report = result.json('Maileon', 0)[0];
		expect(report.counts).toMatchObject({ created: 1, suppressed: 1 });
		expect(report.sent).toEqual([]);
		expect(report.warnings).toContain(
			'Maileon kept contacts out or refused them without naming them (e.g. unsubscribed there) in requests where it took 1 contact; the list of sent contacts leaves out that 1 contact.',
		);
	});
});
