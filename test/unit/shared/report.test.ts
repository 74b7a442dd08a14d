import { OUTCOMES, RunReport, summariseReport } from '../../../nodes/shared/report';
import type { Outcome, RunReportCounts, RunReportJson, RunReportOptions } from '../../../nodes/shared/report';
import { createRandom } from '../../sandbox/framework/random';

const START = Date.UTC(2024, 0, 15, 6, 0, 0);

const OUTCOME_KEYS = [
	'created',
	'updated',
	'unchanged',
	'invalid',
	'duplicates',
	'suppressed',
	'skipped',
	'unsubscribed',
	'failed',
] as const;

function clock(start = START) {
	let time = start;
	return {
		now: () => time,
		advance: (ms: number) => {
			time += ms;
		},
	};
}

function newReport(options: RunReportOptions = {}): RunReport {
	return new RunReport({ now: clock().now, ...options });
}

/** Every key of `counts`: the derived total, the nine outcomes and the three counts beside them. */
const COUNT_KEYS = ['selected', ...OUTCOME_KEYS, 'unsubscribedAtTarget', 'unsubscribersSyncedBack', 'retried'] as const;

function counts(overrides: Partial<RunReportCounts> = {}): RunReportCounts {
	const zeros = Object.fromEntries(COUNT_KEYS.map((key) => [key, 0])) as Record<
		(typeof COUNT_KEYS)[number],
		number
	>;
	return { ...zeros, ...overrides };
}

describe('RunReport', () => {
	it('starts with every count at zero', () => {
		expect(newReport().toJSON().counts).toEqual(counts());
	});

	it.each<[Outcome, keyof RunReportCounts]>([
		['created', 'created'],
		['updated', 'updated'],
		['unchanged', 'unchanged'],
		['invalid', 'invalid'],
		['duplicate', 'duplicates'],
		['suppressed', 'suppressed'],
		['skipped', 'skipped'],
		['unsubscribed', 'unsubscribed'],
		['failed', 'failed'],
	])('counts the outcome %s under counts.%s', (outcome, key) => {
		const report = newReport();
		report.tally(outcome);
		expect(report.toJSON().counts).toEqual(counts({ selected: 1, [key]: 1 }));
	});

	it('counts several records of one outcome at once', () => {
		const report = newReport();
		report.tally('created', undefined, 5);
		expect(report.toJSON().counts.created).toBe(5);
	});

	it('keeps selected equal to the sum of the outcomes for any sequence of tallies', () => {
		// seeded, so the property test is repeatable
		const random = createRandom(20240115);
		for (let round = 0; round < 200; round++) {
			const report = newReport();
			let expected = 0;
			const tallies = Math.floor(random() * 50);
			for (let i = 0; i < tallies; i++) {
				const outcome = OUTCOMES[Math.floor(random() * OUTCOMES.length)];
				const count = Math.floor(random() * 4);
				report.tally(outcome, { reason: 'r' }, count);
				expected += count;
				report.tallyRetried(Math.floor(random() * 3));
				report.tallyUnsubscribersSyncedBack(Math.floor(random() * 3));
			}
			const json = report.toJSON();
			const sumOfOutcomes = OUTCOME_KEYS.reduce((sum, key) => sum + json.counts[key], 0);
			expect([report.selected, json.counts.selected, sumOfOutcomes]).toEqual([
				expected,
				expected,
				expected,
			]);
		}
	});

	it('does not count unsubscribers written back or retries as selected records', () => {
		const report = newReport();
		report.tallyUnsubscribersSyncedBack(6);
		report.tallyRetried(2);
		expect(report.toJSON().counts).toEqual(
			counts({ selected: 0, unsubscribersSyncedBack: 6, retried: 2 }),
		);
	});

	it.each<Outcome>(['invalid', 'duplicate', 'suppressed', 'skipped', 'failed'])(
		'records the reason for a record that is %s',
		(outcome) => {
			const report = newReport();
			report.tally(outcome, { email: 'max@example.de', reason: 'why', record: 7 });
			expect(report.toJSON().reasons).toEqual([
				{ outcome, email: 'max@example.de', reason: 'why', record: 7 },
			]);
		},
	);

	it.each<Outcome>(['created', 'updated', 'unchanged', 'unsubscribed'])(
		'records no reason for a record that is %s',
		(outcome) => {
			const report = newReport();
			report.tally(outcome, { email: 'max@example.de', reason: 'why' });
			expect(report.toJSON().reasons).toEqual([]);
		},
	);

	it('uses the outcome as the reason when none is given', () => {
		const report = newReport();
		report.tally('failed', { email: 'max@example.de' });
		expect(report.toJSON().reasons).toEqual([
			{ outcome: 'failed', email: 'max@example.de', reason: 'failed' },
		]);
	});

	it('records no reason for a tally of zero records', () => {
		const report = newReport();
		report.tally('suppressed', { reason: 'unsubscribed at the platform' }, 0);
		expect(report.toJSON().reasons).toEqual([]);
	});

	it('keeps the first maxReasons reasons and counts the rest as truncated', () => {
		const report = newReport({ maxReasons: 3 });
		for (let record = 1; record <= 5; record++) report.tally('invalid', { reason: 'bad', record });
		const json = report.toJSON();
		expect([json.reasons.map((entry) => entry.record), json.reasonsTruncated]).toEqual([
			[1, 2, 3],
			2,
		]);
	});

	it('keeps 100 reasons by default', () => {
		const report = newReport();
		for (let record = 1; record <= 101; record++)
			report.tally('skipped', { reason: 'none', record });
		expect([report.toJSON().reasons.length, report.toJSON().reasonsTruncated]).toEqual([100, 1]);
	});

	it('takes start time and duration from the injected clock', () => {
		const time = clock();
		const report = new RunReport({ now: time.now });
		time.advance(1500);
		expect(report.toJSON()).toMatchObject({
			startedAt: '2024-01-15T06:00:00.000Z',
			durationMs: 1500,
		});
	});

	it('marks a dry run', () => {
		expect(newReport({ dryRun: true }).toJSON().dryRun).toBe(true);
	});

	it('carries source, target and label when given', () => {
		const json = newReport({
			source: 'Course system',
			target: 'Newsletter',
			label: 'nightly',
		}).toJSON();
		expect([json.source, json.target, json.label]).toEqual([
			'Course system',
			'Newsletter',
			'nightly',
		]);
	});

	it('leaves out labels that were not given', () => {
		expect(Object.keys(newReport().toJSON())).toEqual([
			'summary',
			'warnings',
			'counts',
			'dryRun',
			'startedAt',
			'durationMs',
			'reasonsTruncated',
			'reasons',
		]);
	});

	it('puts the summary and counts first and the reasons last, in the order a person reads them', () => {
		const json = newReport({ source: 'Courses', target: 'Newsletter', label: 'nightly' }).toJSON();
		expect(Object.keys(json)).toEqual([
			'summary',
			'warnings',
			'counts',
			'dryRun',
			'source',
			'target',
			'label',
			'startedAt',
			'durationMs',
			'reasonsTruncated',
			'reasons',
		]);
	});

	it('includes the summary line', () => {
		const report = newReport();
		report.tally('created', undefined, 2);
		expect(report.toJSON().summary).toBe('2 selected, 2 created');
	});

	it('hands out a copy of the reasons', () => {
		const report = newReport();
		report.tally('invalid', { reason: 'bad' });
		report.toJSON().reasons.pop();
		expect(report.toJSON().reasons).toHaveLength(1);
	});

	it.each([
		[{ maxReasons: -1 }, 'Expected `maxReasons` to be a non-negative integer, got -1.'],
		[{ maxReasons: 2.5 }, 'Expected `maxReasons` to be a non-negative integer, got 2.5.'],
		[{ dryRun: 'yes' }, 'Expected `dryRun` to be a boolean, got "yes".'],
		[{ now: 5 }, 'Expected `now` to be a function, got 5.'],
		[{ source: 3 }, 'Expected `source` to be a string, got 3.'],
	])('throws for the options %p', (options, message) => {
		expect(() => new RunReport(options as unknown as RunReportOptions)).toThrow(message);
	});

	it('throws for an outcome outside the list', () => {
		expect(() => newReport().tally('deleted' as Outcome)).toThrow(
			'Expected `outcome` to be one of created, updated, unchanged, invalid, duplicate, suppressed, skipped, unsubscribed, failed, got "deleted".',
		);
	});

	it.each([
		['tally', (report: RunReport) => report.tally('created', undefined, -1), -1],
		['tallyRetried', (report: RunReport) => report.tallyRetried(1.5), 1.5],
		[
			'tallyUnsubscribersSyncedBack',
			(report: RunReport) => report.tallyUnsubscribersSyncedBack(Number.NaN),
			Number.NaN,
		],
	])('%s throws for a count that is not a non-negative integer', (_, call, count) => {
		expect(() => call(newReport())).toThrow(
			`Expected \`count\` to be a non-negative integer, got ${count}.`,
		);
	});
});

describe('summariseReport', () => {
	it('reads like the import report users know', () => {
		const line = summariseReport({
			dryRun: false,
			counts: counts({
				selected: 1297,
				updated: 621,
				created: 13,
				invalid: 657,
				unsubscribersSyncedBack: 6,
			}),
		});
		expect(line).toBe(
			'1297 selected, 621 updated, 13 created, 657 filtered as invalid, 6 unsubscribers written back',
		);
	});

	it('lists every kind of count in a fixed order', () => {
		const all = counts({
			selected: 45,
			created: 1,
			updated: 2,
			unchanged: 3,
			invalid: 4,
			duplicates: 5,
			suppressed: 6,
			skipped: 7,
			unsubscribed: 8,
			failed: 9,
			unsubscribedAtTarget: 3,
			unsubscribersSyncedBack: 10,
			retried: 11,
		});
		expect(summariseReport({ dryRun: false, counts: all })).toBe(
			'45 selected, 2 updated, 1 created, 3 unchanged, 4 filtered as invalid, 5 duplicates merged, 6 suppressed, 7 skipped without consent, 8 opted out in the source, 3 unsubscribes sent to the target, 9 failed, 10 unsubscribers written back, 11 retries',
		);
	});

	it('does not call source opt-outs that needed nothing at the target unsubscribed', () => {
		expect(summariseReport({ dryRun: false, counts: counts({ selected: 307, unsubscribed: 307 }) })).toBe(
			'307 selected, 307 opted out in the source',
		);
	});

	it('always shows selected, even at zero', () => {
		expect(summariseReport({ dryRun: false, counts: counts() })).toBe('0 selected');
	});

	it.each<[string, Partial<RunReportCounts>, string]>([
		['one duplicate', { duplicates: 1 }, '0 selected, 1 duplicate merged'],
		[
			'one unsubscriber written back',
			{ unsubscribersSyncedBack: 1 },
			'0 selected, 1 unsubscriber written back',
		],
		['one retry', { retried: 1 }, '0 selected, 1 retry'],
		['one unsubscribe sent', { unsubscribed: 1, unsubscribedAtTarget: 1 }, '0 selected, 1 opted out in the source, 1 unsubscribe sent to the target'],
	])('uses the singular for %s', (_, overrides, line) => {
		expect(summariseReport({ dryRun: false, counts: counts(overrides) })).toBe(line);
	});

	it('starts with "Dry run:" for a dry run', () => {
		expect(summariseReport({ dryRun: true, counts: counts({ selected: 3, created: 3 }) })).toBe(
			'Dry run: 3 selected, 3 created',
		);
	});
});

describe('RunReport.merge', () => {
	function reportOf(
		tallies: Array<[Outcome, number]>,
		options: RunReportOptions & { startAt?: number; durationMs?: number } = {},
	): RunReportJson {
		const { startAt = START, durationMs = 0, ...rest } = options;
		const time = clock(startAt);
		const report = new RunReport({ now: time.now, ...rest });
		for (const [outcome, count] of tallies) report.tally(outcome, { reason: outcome }, count);
		time.advance(durationMs);
		return report.toJSON();
	}

	it('adds up the counts and derives selected again', () => {
		const merged = RunReport.merge(
			reportOf([
				['created', 2],
				['invalid', 1],
			]),
			reportOf([
				['created', 1],
				['unsubscribed', 4],
			]),
		);
		expect(merged.counts).toEqual(counts({ selected: 8, created: 3, invalid: 1, unsubscribed: 4 }));
	});

	it('spans from the earliest start to the latest end', () => {
		const merged = RunReport.merge(
			reportOf([], { startAt: START + 1000, durationMs: 500 }),
			reportOf([], { startAt: START, durationMs: 4000 }),
			reportOf([], { startAt: START + 3000, durationMs: 2000 }),
		);
		expect([merged.startedAt, merged.durationMs]).toEqual(['2024-01-15T06:00:00.000Z', 5000]);
	});

	it('joins the reasons and adds up the truncated counts', () => {
		const merged = RunReport.merge(
			reportOf(
				[
					['invalid', 1],
					['failed', 1],
				],
				{ maxReasons: 1 },
			),
			reportOf([['skipped', 1]]),
		);
		expect([merged.reasons.map((entry) => entry.outcome), merged.reasonsTruncated]).toEqual([
			['invalid', 'skipped'],
			1,
		]);
	});

	it('is a dry run when any part is one', () => {
		expect(RunReport.merge(reportOf([]), reportOf([], { dryRun: true })).dryRun).toBe(true);
	});

	it('keeps a shared label once and joins different ones', () => {
		const merged = RunReport.merge(
			reportOf([], { source: 'Courses', target: 'Newsletter A' }),
			reportOf([], { source: 'Courses', target: 'Newsletter B' }),
		);
		expect([merged.source, merged.target]).toEqual(['Courses', 'Newsletter A, Newsletter B']);
	});

	it('names the systems of the transfer, not the reversed ones of a back-sync that selected no contact', () => {
		const merged = RunReport.merge(
			reportOf([], { source: 'Platform', target: 'Courses', label: 'back-sync' }),
			reportOf([['invalid', 1]], { source: 'Courses', label: 'read' }),
			reportOf([['created', 2]], { target: 'Platform', label: 'write' }),
		);
		expect([merged.source, merged.target, merged.label]).toEqual(['Courses', 'Platform', 'back-sync, read, write']);
	});

	it('names every part when none selected a contact', () => {
		const merged = RunReport.merge(reportOf([], { target: 'Platform' }), reportOf([], { target: 'Courses' }));
		expect(merged.target).toBe('Platform, Courses');
	});

	it('keeps the reading order', () => {
		const merged = RunReport.merge(reportOf([['created', 1]], { source: 'Courses' }), reportOf([]));
		expect(Object.keys(merged)).toEqual(['summary',
			'warnings', 'counts', 'dryRun', 'source', 'startedAt', 'durationMs', 'reasonsTruncated', 'reasons']);
	});

	it('writes the summary for the merged counts', () => {
		const merged = RunReport.merge(reportOf([['created', 2]]), reportOf([['updated', 3]]));
		expect(merged.summary).toBe('5 selected, 3 updated, 2 created');
	});

	it('throws when there is nothing to merge', () => {
		expect(() => RunReport.merge()).toThrow('Expected at least one report to merge.');
	});
});

describe('RunReport sent list', () => {
	const entry = (email: string) => ({ email, system: 'CRM', record: `customer ${email}`, status: 'optIn' as const, trail: `CRM customer ${email} · opt-in` });

	it('leaves the list out unless asked', () => {
		const report = newReport();
		report.listSent(entry('a@example.org'));

		expect(report.toJSON()).not.toHaveProperty('sent');
		expect(report.toJSON()).not.toHaveProperty('sentTruncated');
	});

	it('keeps the first maxSent contacts and counts the rest, like the reasons', () => {
		const report = newReport({ listSent: true, maxSent: 2 });
		for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) report.listSent(entry(email));

		const json = report.toJSON();
		expect([json.sent?.map((sent) => sent.email), json.sentTruncated]).toEqual([['a@example.org', 'b@example.org'], 1]);
	});

	it('puts the sent list before the reasons, at the end of the report', () => {
		const report = newReport({ listSent: true });

		expect(Object.keys(report.toJSON()).slice(-4)).toEqual(['sentTruncated', 'sent', 'reasonsTruncated', 'reasons']);
	});

	it('refuses a listSent that is not a boolean', () => {
		expect(() => newReport({ listSent: 'yes' as unknown as boolean })).toThrow('Expected `listSent` to be a boolean, got "yes".');
	});

	describe('merged', () => {
		function listing(target: string, emails: string[], maxSent = 100): RunReportJson {
			const report = newReport({ listSent: true, maxSent, target });
			for (const email of emails) report.listSent(entry(email));
			return report.toJSON();
		}

		it('adds up the lists and what they left out', () => {
			const merged = RunReport.merge(listing('Platform', ['a@example.org', 'b@example.org'], 1), listing('Platform', ['c@example.org']));

			expect([merged.sent?.map((sent) => sent.email), merged.sentTruncated]).toEqual([['a@example.org', 'c@example.org'], 1]);
		});

		it('names the target of each entry when the reports went to different platforms', () => {
			const merged = RunReport.merge(listing('Platform', ['a@example.org']), listing('Other', ['a@example.org']));

			expect(merged.sent?.map((sent) => [sent.email, sent.target])).toEqual([
				['a@example.org', 'Platform'],
				['a@example.org', 'Other'],
			]);
		});

		it('has no list when no part listed its contacts', () => {
			expect(RunReport.merge(newReport().toJSON(), newReport().toJSON())).not.toHaveProperty('sent');
		});
	});
});
