import { RunReport } from '../../../nodes/shared/report';
import { selectContacts } from '../../../nodes/shared/selection';
import { SuppressionLedger } from '../../../nodes/shared/suppression';

describe('selectContacts with items a source already held back', () => {
	it("counts a skipped item whose address the ledger holds as suppressed, with the source's reason", () => {
		const ledger = new SuppressionLedger({});
		ledger.add('anna@example.org', 1000);
		const report = new RunReport({ now: () => 0 });

		selectContacts(
			[
				{
					email: 'Anna@example.org',
					consent: {
						action: 'skip',
						reason: 'unsubscribed on 1970-01-01T00:00:01.000Z (suppression ledger)',
					},
				},
				{ email: 'ben@example.org', consent: { action: 'skip', reason: 'no consent recorded' } },
			],
			{ ledger, report },
		);

		expect(report.toJSON().counts).toMatchObject({ selected: 2, suppressed: 1, skipped: 1 });
		expect(report.toJSON().reasons).toEqual([
			{
				outcome: 'suppressed',
				email: 'Anna@example.org',
				reason: 'unsubscribed on 1970-01-01T00:00:01.000Z (suppression ledger)',
				record: 1,
			},
			{ outcome: 'skipped', email: 'ben@example.org', reason: 'no consent recorded', record: 2 },
		]);
	});
});
