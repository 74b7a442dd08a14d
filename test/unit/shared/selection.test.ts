import { RunReport } from '../../../nodes/shared/report';
import { selectContacts } from '../../../nodes/shared/selection';
import { SuppressionLedger } from '../../../nodes/shared/suppression';

const optIn = (at?: number) => ({ action: 'send', reason: 'explicit opt-in', status: 'optIn', at });

function setUp(entries: Record<string, number> = {}) {
	const store = { entries: Object.fromEntries(Object.entries(entries).map(([email, at]) => [SuppressionLedger.hash(email), at])) };
	return { ledger: new SuppressionLedger(store), report: new RunReport({ now: () => 0 }) };
}

describe('selectContacts', () => {
	it('sends a valid, consented contact and counts nothing yet', () => {
		const { ledger, report } = setUp();

		const selection = selectContacts([{ email: 'Anna@Example.org', consent: optIn() }], { ledger, report });

		expect(selection.send.map((selected) => [selected.index, selected.contact.key, selected.releaseFromLedger])).toEqual([
			[0, 'anna@example.org', false],
		]);
		expect(report.selected).toBe(0);
	});

	it('counts every item that is not sent with its reason, so selected covers the input', () => {
		const { ledger, report } = setUp({ 'eve@example.org': 1000 });

		const selection = selectContacts(
			[
				{ email: 'not-an-email', consent: optIn() },
				{ email: 'anna@example.org', consent: optIn() },
				{ email: 'ANNA@example.org', consent: optIn() },
				{ email: 'ben@example.org' },
				{ email: 'carl@example.org', consent: { action: 'skip', reason: 'no permission' } },
				{ email: 'dora@example.org', consent: { action: 'unsubscribe', reason: 'opted out', at: 5 } },
				{ email: 'eve@example.org', consent: optIn(500) },
			],
			{ ledger, report },
		);

		expect(report.toJSON().counts).toMatchObject({ invalid: 1, duplicates: 1, skipped: 2, unsubscribed: 1, suppressed: 1 });
		expect(report.selected + selection.send.length).toBe(7);
		expect(report.toJSON().reasons.map((entry) => [entry.record, entry.reason])).toEqual([
			[1, expect.stringContaining('not-an-email')],
			[3, 'same email earlier in this run'],
			[4, 'no consent decision on the item'],
			[5, 'no permission'],
			[7, 'unsubscribed on 1970-01-01T00:00:01.000Z'],
		]);
		expect(selection.rejected.map((rejected) => rejected.index)).toEqual([0]);
		expect(selection.optOuts.map((optOut) => [optOut.index, optOut.consent?.at])).toEqual([[5, 5]]);
	});

	it('treats items without a consent decision as consented when the input is trusted', () => {
		const { ledger, report } = setUp();

		const selection = selectContacts([{ email: 'ben@example.org' }], { ledger, report, consentMode: 'trust' });

		expect(selection.send).toHaveLength(1);
	});

	it('lets an opt-in dated after the unsubscribe through and marks the entry for release', () => {
		const { ledger, report } = setUp({ 'eve@example.org': 1000 });

		const selection = selectContacts([{ email: 'eve@example.org', consent: optIn(2000) }], { ledger, report });

		expect(selection.send.map((selected) => selected.releaseFromLedger)).toEqual([true]);
	});

	it('rejects an unknown consent mode', () => {
		const { ledger, report } = setUp();

		expect(() => selectContacts([], { ledger, report, consentMode: 'always' as never })).toThrow(
			new TypeError('Expected `consentMode` to be one of require, trust, got "always".'),
		);
	});
});

describe('selectContacts across the items of a run', () => {
	const optOut = { action: 'unsubscribe', reason: 'opted out', status: 'optOut' };

	it.each([
		['a later item of the address unsubscribes', [{ email: 'anna@example.org', consent: optIn() }, { email: 'ANNA@example.org', consent: optOut }]],
		['an invalid item of the address unsubscribes', [{ email: 'anna@example.org', consent: optIn() }, { email: 'Anna@Example.org', gender: 'x', firstName: 'A\u0000', consent: optOut }]],
		['the address is spelt with a punycode domain', [{ email: 'anna@müller.de', consent: optIn() }, { email: 'anna@xn--mller-kva.de', consent: optOut }]],
	])('sends nothing when %s', (_, items) => {
		const { ledger, report } = setUp();

		const selection = selectContacts(items, { ledger, report });

		expect(selection.send).toEqual([]);
		expect(selection.optOuts).toHaveLength(1);
	});
});

describe('selectContacts choosing the consent of an address', () => {
	const origin = (record: string) => ({ system: 'CRM', record });

	it.each([
		[
			'the more restrictive status',
			{ action: 'send', reason: 'explicit opt-in', status: 'optIn', at: 2000, origin: origin('1') },
			{ action: 'send', reason: 'customer relationship', status: 'relationship', at: 1000, origin: origin('2') },
			'2',
		],
		[
			'the later date of the same status',
			{ action: 'send', reason: 'explicit opt-in', status: 'optIn', at: 1000, origin: origin('1') },
			{ action: 'send', reason: 'explicit opt-in', status: 'optIn', at: 2000, origin: origin('2') },
			'2',
		],
		[
			'the first of two equal ones',
			{ action: 'send', reason: 'explicit opt-in', status: 'optIn', origin: origin('1') },
			{ action: 'send', reason: 'explicit opt-in', status: 'optIn', origin: origin('2') },
			'1',
		],
	])('sends a merged address with the consent and origin of %s', (_, first, second, record) => {
		const { ledger, report } = setUp();

		const selection = selectContacts(
			[
				{ email: 'anna@example.org', firstName: 'Anna', consent: first },
				{ email: 'ANNA@example.org', consent: second },
			],
			{ ledger, report },
		);

		expect(selection.send).toHaveLength(1);
		expect(selection.send[0]).toMatchObject({ index: 0, contact: { firstName: 'Anna' }, consent: { origin: { record } } });
	});
});
