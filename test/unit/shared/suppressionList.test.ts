import { SuppressionLedger } from '../../../nodes/shared/suppression';
import { changeToRow, readSuppressionRows } from '../../../nodes/shared/suppressionList';

const hash = (email: string) => SuppressionLedger.hash(email);
const origin = { source: 'test', workflowId: 'w1', executionId: 'e1' };
const row = (email: string, unsubscribedAt: string, releasedAt = '', source = 'test') => ({
	addressHash: hash(email),
	unsubscribedAt,
	releasedAt,
	source,
	id: 1,
	createdAt: '2026-01-01T00:00:00.000Z',
});

describe('readSuppressionRows', () => {
	it('suppresses each listed address from its unsubscribe time on', () => {
		const read = readSuppressionRows([row('anna@example.org', '2026-03-01T10:00:00.000Z')]);
		const ledger = new SuppressionLedger(read.store);

		expect(ledger.check('Anna@Example.org')).toMatchObject({ suppressed: true, unsubscribedAt: Date.UTC(2026, 2, 1, 10) });
		expect(ledger.check('anna@example.org', Date.UTC(2026, 3, 1)).suppressed).toBe(false);
	});

	it('treats an empty or unreadable time as unknown, which no opt-in lifts', () => {
		const ledger = new SuppressionLedger(readSuppressionRows([row('a@example.org', ''), row('b@example.org', 'yesterday')]).store);

		expect(ledger.check('a@example.org', Date.UTC(2030, 0, 1)).suppressed).toBe(true);
		expect(ledger.check('b@example.org', Date.UTC(2030, 0, 1)).suppressed).toBe(true);
	});

	it('lets a release after the unsubscribe end the suppression, also of an unknown time', () => {
		const read = readSuppressionRows([
			row('a@example.org', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'),
			row('b@example.org', '', '2026-04-01T00:00:00.000Z'),
		]);

		expect(new SuppressionLedger(read.store).size).toBe(0);
		expect(read.released).toBe(2);
	});

	it('keeps an address that unsubscribed again after its release', () => {
		const read = readSuppressionRows([row('a@example.org', '2026-05-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z')]);

		expect(new SuppressionLedger(read.store).has('a@example.org')).toBe(true);
	});

	it('reads duplicate rows of one address cautiously: a later unsubscribe beats an earlier release', () => {
		const read = readSuppressionRows([
			row('a@example.org', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'),
			row('a@example.org', '2026-06-01T00:00:00.000Z'),
		]);

		expect(new SuppressionLedger(read.store).check('a@example.org')).toMatchObject({ suppressed: true, unsubscribedAt: Date.UTC(2026, 5, 1) });
		expect(read.rows).toBe(2);
	});

	it('ignores items that are no row of the list, such as the empty item of an empty table', () => {
		const read = readSuppressionRows([{}, { addressHash: 'not-a-hash' }, row('a@example.org', '')]);

		expect(read).toMatchObject({ rows: 1, ignored: 2 });
	});

	it('knows the latest unsubscribe of each source, for cursors', () => {
		const read = readSuppressionRows([
			row('a@example.org', '2026-03-01T00:00:00.000Z', '', 'Maileon unsubscribers'),
			row('b@example.org', '2026-03-05T00:00:00.000Z', '', 'Maileon unsubscribers'),
			row('c@example.org', '2026-09-01T00:00:00.000Z', '', 'Maileon Synchronize Many'),
			row('d@example.org', '', '', 'Maileon unsubscribers'),
		]);

		expect(read.latestBySource.get('Maileon unsubscribers')).toBe(Date.UTC(2026, 2, 5));
	});
});

describe('changeToRow', () => {
	it('writes an unsubscribe with an empty release, so an earlier release is cleared', () => {
		expect(changeToRow({ hash: 'h', unsubscribedAt: Date.UTC(2026, 0, 2) }, origin, 'opted out')).toEqual({
			addressHash: 'h',
			unsubscribedAt: '2026-01-02T00:00:00.000Z',
			releasedAt: '',
			source: 'test',
			reason: 'opted out',
			workflowId: 'w1',
			executionId: 'e1',
		});
	});

	it('round-trips through the reader: what a run changed is what the next run reads', () => {
		const ledger = new SuppressionLedger({});
		ledger.add('a@example.org', Date.UTC(2026, 0, 2));
		ledger.add('b@example.org');
		const rows = ledger.changes().map((change) => changeToRow(change, origin, 'x'));
		const next = new SuppressionLedger(readSuppressionRows(rows).store);

		expect(next.check('a@example.org')).toMatchObject({ suppressed: true, unsubscribedAt: Date.UTC(2026, 0, 2) });
		expect(next.check('b@example.org', Date.UTC(2030, 0, 1)).suppressed).toBe(true);
	});

	it('records a release with the time it lifts, so the next run lets the address through', () => {
		const ledger = new SuppressionLedger({ entries: { [hash('a@example.org')]: Date.UTC(2026, 0, 2) } }, { now: () => Date.UTC(2026, 5, 1) });
		ledger.release('a@example.org');
		const rows = ledger.changes().map((change) => changeToRow(change, origin, 'x'));

		expect(rows).toEqual([expect.objectContaining({ unsubscribedAt: '2026-01-02T00:00:00.000Z', releasedAt: '2026-06-01T00:00:00.000Z', reason: 'released after new consent' })]);
		expect(new SuppressionLedger(readSuppressionRows(rows).store).has('a@example.org')).toBe(false);
	});
});
