import type { ConsentInput } from '../../../nodes/shared/consent';
import { RunReport } from '../../../nodes/shared/report';
import { collectedConsent, ContactCollector } from '../../../nodes/shared/sourceContacts';

const OPT_IN: ConsentInput = { status: 'optIn', raw: 'tag' };
const NONE: ConsentInput = { status: 'none' };
const OPT_OUT: ConsentInput = { status: 'optOut', raw: 'opt-out tag' };

function setup() {
	const report = new RunReport({ now: () => 0 });
	return { report, collector: new ContactCollector({ report }) };
}

describe('ContactCollector', () => {
	it('keeps one contact per address in first-seen order', () => {
		const { collector } = setup();
		collector.add({ email: 'b@example.org' }, OPT_IN, 'client 1');
		collector.add({ email: 'a@example.org' }, OPT_IN, 'client 2');

		expect(collector.finish().map((entry) => entry.contact.email)).toEqual(['b@example.org', 'a@example.org']);
	});

	it('counts an invalid record with its reason and leaves it out', () => {
		const { collector, report } = setup();

		expect(collector.add({ email: 'no-at-sign' }, OPT_IN, 'client 7')).toBe('invalid');
		expect(collector.finish()).toEqual([]);
		expect(report.toJSON().reasons).toEqual([
			{ outcome: 'invalid', email: 'no-at-sign', reason: 'The email address "no-at-sign" has no @', record: 'client 7' },
		]);
	});

	it('merges a second record with the same address case-insensitively and reports it as a duplicate', () => {
		const { collector, report } = setup();
		collector.add({ email: 'Anna@Example.org', firstName: 'Anna' }, OPT_IN, 'client 1');

		expect(collector.add({ email: 'anna@example.org', lastName: 'Muster' }, OPT_IN, 'client 2')).toBe('merged');
		const [entry] = collector.finish();
		expect(entry.contact).toMatchObject({ email: 'Anna@Example.org', firstName: 'Anna', lastName: 'Muster' });
		expect(entry.records).toEqual(['client 1', 'client 2']);
		expect(report.toJSON().reasons).toEqual([
			{ outcome: 'duplicate', email: 'anna@example.org', reason: 'same email as client 1, merged', record: 'client 2' },
		]);
	});

	it('keeps the first record\'s value when both records have a field', () => {
		const { collector } = setup();
		collector.add({ email: 'a@example.org', fields: { city: 'Kiel' }, tags: ['x'] }, OPT_IN, 'client 1');
		collector.add({ email: 'a@example.org', fields: { city: 'Bonn', zip: '53111' }, tags: ['y'] }, OPT_IN, 'client 2');

		const [entry] = collector.finish();
		expect(entry.contact.fields).toEqual({ city: 'Kiel', zip: '53111' });
		expect(entry.contact.tags).toEqual(['x', 'y']);
	});

	it('fills the gaps of a merged contact without changing another contact that got the same fields', () => {
		const { collector } = setup();
		// one client with two addresses hands both of them one fields object
		const shared = { city: 'Kiel' };
		collector.add({ email: 'a@example.org', fields: shared }, OPT_IN, 'client 1');
		collector.add({ email: 'b@example.org', fields: shared }, OPT_IN, 'client 1');
		collector.add({ email: 'a@example.org', fields: { zip: '24103' } }, OPT_IN, 'client 2');

		const [a, b] = collector.finish();
		expect([a.contact.fields, b.contact.fields, shared]).toEqual([{ city: 'Kiel', zip: '24103' }, { city: 'Kiel' }, { city: 'Kiel' }]);
	});

	it.each([
		['before', 0],
		['after', 1],
	])('lets the opt-out of an invalid record %s the valid one win', (_, position) => {
		const report = new RunReport({ now: () => 0 });
		const collector = new ContactCollector({ report, contactOptions: { required: ['lastName'] } });
		const add = [
			() => collector.add({ email: 'a@example.org' }, OPT_OUT, 'client 1'),
			() => collector.add({ email: 'A@example.org', lastName: 'Muster' }, OPT_IN, 'client 2'),
		];
		if (position === 1) add.reverse();
		for (const step of add) step();

		const [entry] = collector.finish();
		expect(entry.decision.action).toBe('unsubscribe');
	});

	it('lets an empty status of a duplicate win over an opt-in', () => {
		const { collector } = setup();
		collector.add({ email: 'a@example.org' }, OPT_IN, 'client 1');
		collector.add({ email: 'a@example.org' }, NONE, 'client 2');

		expect(collector.finish()).toEqual([]);
	});

	it('lets an opt-out of a duplicate win over an opt-in', () => {
		const { collector } = setup();
		collector.add({ email: 'a@example.org' }, OPT_IN, 'client 1');
		collector.add({ email: 'a@example.org' }, OPT_OUT, 'client 2');

		expect(collector.finish()[0].decision).toEqual({ action: 'unsubscribe', reason: 'opted out' });
	});

	it('gives a merged contact the status, date and origin of the record whose status won', () => {
		const { collector } = setup();
		collector.add({ email: 'anna@example.org' }, { status: 'optIn', at: 1000, origin: { system: 'CRM', record: 'client 1' } }, 'client 1');
		collector.add({ email: 'Anna@example.org' }, { status: 'relationship', at: 500, origin: { system: 'CRM', record: 'client 2' } }, 'client 2');
		collector.add({ email: 'anna@example.org' }, { status: 'optIn', at: 3000, origin: { system: 'CRM', record: 'client 3' } }, 'client 3');

		expect(collectedConsent(collector.finish()[0])).toEqual({
			action: 'send',
			reason: 'customer relationship',
			at: 500,
			status: 'relationship',
			origin: { system: 'CRM', record: 'client 2' },
		});
	});

	it('counts contacts without consent as skipped and leaves them out by default', () => {
		const { collector, report } = setup();
		collector.add({ email: 'a@example.org' }, NONE, 'client 1');

		expect(collector.finish()).toEqual([]);
		expect(report.toJSON().counts).toMatchObject({ selected: 1, skipped: 1 });
		expect(report.toJSON().reasons[0]).toMatchObject({ reason: 'no consent recorded', record: 'client 1' });
	});

	it('emits contacts without consent uncounted when asked, so the target counts them', () => {
		const { collector, report } = setup();
		collector.add({ email: 'a@example.org' }, NONE, 'client 1');

		expect(collector.finish({ emitSkipped: true })[0].decision.action).toBe('skip');
		expect(report.selected).toBe(0);
	});

	it('applies the consent policy it was given', () => {
		const report = new RunReport({ now: () => 0 });
		const collector = new ContactCollector({ report, policy: { allowRelationship: false } });
		collector.add({ email: 'a@example.org' }, { status: 'relationship' }, 'client 1');

		expect(collector.finish()).toEqual([]);
		expect(report.toJSON().reasons[0].reason).toBe('customer relationship is not accepted as consent');
	});

	it('rejects options without a report', () => {
		expect(() => new ContactCollector({} as never)).toThrow('Expected `report` to be a RunReport.');
	});
});
