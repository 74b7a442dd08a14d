import { STATIC_DATA_WARNING } from '../../../../nodes/shared/n8n/suppressionList';
import { contactItem, runMaileon, useMaileonSandbox } from '../helpers';

const optOut = (email: string, at: number) =>
	contactItem(email, { consent: { action: 'unsubscribe', reason: 'status N', status: 'optOut', at } });

describe('Maileon Synchronize Many and where its suppression list lives', () => {
	const { sandbox } = useMaileonSandbox();

	it("warns in the report and as a hint that the workflow's static data is lost in queue mode", async () => {
		const result = await runMaileon(sandbox(), { resource: 'contact', operation: 'syncMany', setMarker: false }, { input: [contactItem('anna@example.org')] });

		expect(result.status).toBe('success');
		expect(result.json('Maileon')[0]).toMatchObject({ warnings: [STATIC_DATA_WARNING] });
		expect(result.run.data.resultData.runData.Maileon[0].hints).toEqual([expect.objectContaining({ message: STATIC_DATA_WARNING })]);
	});

	it('refuses to run as if nobody had unsubscribed when the data table rows do not arrive', async () => {
		const result = await runMaileon(
			sandbox(),
			{ resource: 'contact', operation: 'syncMany', setMarker: false, suppressionList: 'dataTable' },
			{ input: [contactItem('anna@example.org')] },
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The suppression list arrived empty-handed: no item came in');
		expect(sandbox().state.getContact('anna@example.org')).toBeUndefined();
	});

	it('dates the rows of source opt-outs with the status date, so a later explicit opt-in can release them', async () => {
		// without the date, the KUFER N of March would keep a J of June out for good
		const result = await runMaileon(
			sandbox(),
			{ resource: 'contact', operation: 'syncMany', setMarker: false },
			{ input: [optOut('anna@example.org', Date.UTC(2026, 2, 1))] },
		);
		const later = await runMaileon(
			sandbox(),
			{ resource: 'contact', operation: 'syncMany', setMarker: false },
			{
				input: [contactItem('anna@example.org', { consent: { action: 'send', reason: 'J', status: 'optIn', at: Date.UTC(2026, 5, 1) } })],
				staticData: result.staticData,
			},
		);

		expect(later.json('Maileon')[0]).toMatchObject({ counts: { suppressed: 0 } });
		expect(sandbox().state.getContact('anna@example.org')).toBeDefined();
	});

	it('keeps an opted-out address out when the later consent is no explicit opt-in (a customer relationship)', async () => {
		const result = await runMaileon(
			sandbox(),
			{ resource: 'contact', operation: 'syncMany', setMarker: false },
			{ input: [optOut('bernd@example.org', Date.UTC(2026, 2, 1))] },
		);
		const later = await runMaileon(
			sandbox(),
			{ resource: 'contact', operation: 'syncMany', setMarker: false },
			{
				input: [contactItem('bernd@example.org', { consent: { action: 'send', reason: 'K', status: 'relationship', at: Date.UTC(2026, 5, 1) } })],
				staticData: result.staticData,
			},
		);

		expect(later.json('Maileon')[0]).toMatchObject({ counts: { suppressed: 1 } });
		expect(sandbox().state.getContact('bernd@example.org')).toBeUndefined();
	});
});
