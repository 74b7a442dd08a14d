import type { ConsentStatus } from './consent';
import { formatValue } from './values';

/**
 * What happened to one selected record. `skipped`: no valid consent; `suppressed`: held back by the
 * suppression ledger or the platform's unsubscriber list; `failed`: the platform rejected it.
 */
export type Outcome =
	| 'created'
	| 'updated'
	| 'unchanged'
	| 'invalid'
	| 'duplicate'
	| 'suppressed'
	| 'skipped'
	| 'unsubscribed'
	| 'failed';

export const OUTCOMES: readonly Outcome[] = [
	'created',
	'updated',
	'unchanged',
	'invalid',
	'duplicate',
	'suppressed',
	'skipped',
	'unsubscribed',
	'failed',
];

export interface ReportEntry {
	outcome: Outcome;
	email?: string;
	reason: string;
	/** Position or id of the record in its source. */
	record?: number | string;
}

/**
 * A contact the platform took (in a dry run: would be sent), with the consent that allowed it: the
 * record it came from, that record's status and its date.
 */
export interface SentEntry {
	email: string;
	/** The system and record the consent came from, when the item names them. */
	system?: string;
	record?: string;
	status?: ConsentStatus;
	/** When the status was set, ISO 8601. */
	consentAt?: string;
	/** All of it as one line, as written into a platform field. */
	trail: string;
	/** The platform, when reports of several targets were merged. */
	target?: string;
}

export interface RunReportCounts {
	/** Always the sum of the nine outcome counts. */
	selected: number;
	created: number;
	updated: number;
	unchanged: number;
	invalid: number;
	duplicates: number;
	suppressed: number;
	skipped: number;
	/** Records whose source opted out, whether or not the target had anything to do for them. */
	unsubscribed: number;
	failed: number;
	/**
	 * Of `unsubscribed`, the unsubscribes the target was sent and took; an opt-out whose address the
	 * target does not hold, or the ledger already keeps out, needs none.
	 */
	unsubscribedAtTarget: number;
	/** Platform unsubscribers written back to the source; not an outcome of a selected record. */
	unsubscribersSyncedBack: number;
	/** Requests repeated after a transient failure. */
	retried: number;
}

/** The single output item of a run. */
export interface RunReportJson {
	dryRun: boolean;
	source?: string;
	target?: string;
	label?: string;
	/** ISO 8601. */
	startedAt: string;
	durationMs: number;
	counts: RunReportCounts;
	reasons: ReportEntry[];
	/** Reasons left out because the list was full. */
	reasonsTruncated: number;
	/** With `listSent` only: the contacts sent, with their consent trail, capped like the reasons. */
	sent?: SentEntry[];
	/** Sent contacts left out of `sent` because the list was full. */
	sentTruncated?: number;
	summary: string;
	/** What the user should know about the run as a whole, e.g. a suppression list that is not durable. */
	warnings: string[];
}

export interface RunReportOptions {
	/** @default false */
	readonly dryRun?: boolean;
	/**
	 * Clock, epoch milliseconds.
	 * @default Date.now
	 */
	readonly now?: () => number;
	/**
	 * Longest list of reasons kept; further ones are only counted.
	 * @default 100
	 */
	readonly maxReasons?: number;
	/**
	 * Whether the report lists the contacts sent with their consent trail (`listSent`).
	 * @default false
	 */
	readonly listSent?: boolean;
	/**
	 * Longest list of sent contacts kept; further ones are only counted.
	 * @default 100
	 */
	readonly maxSent?: number;
	/** Names of the systems synced, shown in the report. */
	readonly source?: string;
	readonly target?: string;
	/** Free label of the run, e.g. the workflow step. */
	readonly label?: string;
}

type OutcomeCountKey = Exclude<
	keyof RunReportCounts,
	'selected' | 'unsubscribedAtTarget' | 'unsubscribersSyncedBack' | 'retried'
>;

const COUNT_KEYS: Readonly<Record<Outcome, OutcomeCountKey>> = {
	created: 'created',
	updated: 'updated',
	unchanged: 'unchanged',
	invalid: 'invalid',
	duplicate: 'duplicates',
	suppressed: 'suppressed',
	skipped: 'skipped',
	unsubscribed: 'unsubscribed',
	failed: 'failed',
};

// Only outcomes a user has to act on carry a reason; a list of created contacts would bury them.
const WITH_REASON: ReadonlySet<Outcome> = new Set([
	'invalid',
	'duplicate',
	'suppressed',
	'skipped',
	'failed',
]);

const DEFAULT_MAX_REASONS = 100;

/** A list that keeps its first `max` entries and counts the rest. */
class CappedList<T> {
	readonly entries: T[] = [];

	truncated = 0;

	constructor(private readonly max: number) {}

	push(entry: T): void {
		if (this.entries.length >= this.max) this.truncated += 1;
		else this.entries.push(entry);
	}
}

/**
 * Counts the outcomes of one run through `tally`; `selected` is derived, never stored, so it always
 * equals the sum of the outcomes.
 */
export class RunReport {
	private readonly counts: Omit<RunReportCounts, 'selected'> = {
		created: 0,
		updated: 0,
		unchanged: 0,
		invalid: 0,
		duplicates: 0,
		suppressed: 0,
		skipped: 0,
		unsubscribed: 0,
		failed: 0,
		unsubscribedAtTarget: 0,
		unsubscribersSyncedBack: 0,
		retried: 0,
	};

	private readonly reasons: CappedList<ReportEntry>;

	/** `undefined` unless the report lists the contacts sent. */
	private readonly sent: CappedList<SentEntry> | undefined;

	private readonly warnings = new Set<string>();

	private readonly startedAt: number;

	private readonly now: () => number;

	private readonly labels: Pick<RunReportJson, 'dryRun' | 'source' | 'target' | 'label'>;

	constructor(options: RunReportOptions = {}) {
		const { dryRun = false, now = Date.now, maxReasons = DEFAULT_MAX_REASONS, listSent = false, maxSent = DEFAULT_MAX_REASONS } = options;
		if (typeof dryRun !== 'boolean') {
			throw new TypeError(`Expected \`dryRun\` to be a boolean, got ${formatValue(dryRun)}.`);
		}
		if (typeof now !== 'function') {
			throw new TypeError(`Expected \`now\` to be a function, got ${formatValue(now)}.`);
		}
		checkCount('maxReasons', maxReasons);
		checkCount('maxSent', maxSent);
		if (typeof listSent !== 'boolean') {
			throw new TypeError(`Expected \`listSent\` to be a boolean, got ${formatValue(listSent)}.`);
		}
		this.labels = { dryRun };
		for (const name of ['source', 'target', 'label'] as const) {
			const value = options[name];
			if (value === undefined) continue;
			if (typeof value !== 'string') {
				throw new TypeError(`Expected \`${name}\` to be a string, got ${formatValue(value)}.`);
			}
			this.labels[name] = value;
		}
		this.now = now;
		this.reasons = new CappedList(maxReasons);
		this.sent = listSent ? new CappedList(maxSent) : undefined;
		this.startedAt = now();
	}

	/**
	 * Counts `count` records with `outcome`. For outcomes that need attention (invalid, duplicate,
	 * suppressed, skipped, failed) `entry` becomes one line in the capped list of reasons.
	 */
	tally(
		outcome: Outcome,
		entry?: { email?: string; reason?: string; record?: number | string },
		count = 1,
	): void {
		if (!Object.hasOwn(COUNT_KEYS, outcome)) {
			throw new TypeError(
				`Expected \`outcome\` to be one of ${OUTCOMES.join(', ')}, got ${formatValue(outcome)}.`,
			);
		}
		checkCount('count', count);
		this.counts[COUNT_KEYS[outcome]] += count;
		if (count === 0 || entry === undefined || !WITH_REASON.has(outcome)) return;
		const line: ReportEntry = { outcome, reason: entry.reason ?? outcome };
		if (entry.email !== undefined) line.email = entry.email;
		if (entry.record !== undefined) line.record = entry.record;
		this.reasons.push(line);
	}

	/** Whether the report lists the contacts sent (option `listSent`). */
	get listsSent(): boolean {
		return this.sent !== undefined;
	}

	/**
	 * Lists a contact the platform took, with its consent trail; without `listSent` it does nothing.
	 * Counting it is `tally`'s job.
	 */
	listSent(entry: SentEntry): void {
		this.sent?.push(entry);
	}

	/** Adds a warning about the whole run; the same text is kept once. */
	warn(message: string): void {
		if (typeof message !== 'string' || message === '') {
			throw new TypeError(`Expected \`message\` to be a non-empty string, got ${formatValue(message)}.`);
		}
		this.warnings.add(message);
	}

	/** Counts unsubscribes the target took; the opt-outs themselves are tallied as `unsubscribed`. */
	tallyUnsubscribedAtTarget(count: number): void {
		checkCount('count', count);
		this.counts.unsubscribedAtTarget += count;
	}

	tallyUnsubscribersSyncedBack(count: number): void {
		checkCount('count', count);
		this.counts.unsubscribersSyncedBack += count;
	}

	tallyRetried(count: number): void {
		checkCount('count', count);
		this.counts.retried += count;
	}

	get selected(): number {
		return sumOutcomes(this.counts);
	}

	toJSON(): RunReportJson {
		const counts: RunReportCounts = { selected: this.selected, ...this.counts };
		return withSummary({
			...this.labels,
			startedAt: new Date(this.startedAt).toISOString(),
			durationMs: Math.max(0, this.now() - this.startedAt),
			counts,
			reasons: this.reasons.entries.slice(),
			reasonsTruncated: this.reasons.truncated,
			...(this.sent === undefined ? {} : { sent: this.sent.entries.slice(), sentTruncated: this.sent.truncated }),
			warnings: [...this.warnings],
		});
	}

	/**
	 * Combines the reports of several nodes of one run: counts and reasons add up, the run spans from
	 * the earliest start to the latest end, and it is a dry run if any part was.
	 */
	static merge(...reports: RunReportJson[]): RunReportJson {
		if (reports.length === 0) throw new TypeError('Expected at least one report to merge.');
		const counts: RunReportCounts = { ...reports[0].counts };
		let start = Date.parse(reports[0].startedAt);
		let end = start + reports[0].durationMs;
		for (const report of reports.slice(1)) {
			for (const key of Object.keys(counts) as Array<keyof RunReportCounts>) {
				// a report stored before a count existed lacks it
				counts[key] = (counts[key] ?? 0) + (report.counts[key] ?? 0);
			}
			const reportStart = Date.parse(report.startedAt);
			start = Math.min(start, reportStart);
			end = Math.max(end, reportStart + report.durationMs);
		}
		counts.selected = sumOutcomes(counts);
		const merged: Omit<RunReportJson, 'summary'> = {
			warnings: [...new Set(reports.flatMap((report) => report.warnings ?? []))],
			dryRun: reports.some((report) => report.dryRun),
			startedAt: new Date(start).toISOString(),
			durationMs: end - start,
			counts,
			reasons: reports.flatMap((report) => report.reasons),
			reasonsTruncated: reports.reduce((sum, report) => sum + report.reasonsTruncated, 0),
			...mergeSent(reports),
		};
		// A back-sync selects no contact and names the run's source as its target, so it names the
		// run's systems only when no part of the run selected contacts.
		const transfers = reports.filter((report) => report.counts.selected > 0);
		for (const name of ['source', 'target', 'label'] as const) {
			const parts = name === 'label' || transfers.length === 0 ? reports : transfers;
			const values = new Set(parts.map((report) => report[name]).filter((value) => value));
			if (values.size > 0) merged[name] = [...values].join(', ');
		}
		return withSummary(merged);
	}
}

/**
 * The sent lists of several reports, one after the other; when they come from different targets,
 * each entry names its target, as the same address may appear once per platform.
 */
function mergeSent(reports: readonly RunReportJson[]): Pick<RunReportJson, 'sent' | 'sentTruncated'> {
	const listing = reports.filter((report) => Array.isArray(report.sent));
	if (listing.length === 0) return {};
	const targets = new Set(listing.map((report) => report.target));
	const sent = listing.flatMap((report) =>
		targets.size > 1 && report.target !== undefined
			? (report.sent ?? []).map((entry) => ({ ...entry, target: report.target }))
			: (report.sent ?? []),
	);
	return { sent, sentTruncated: listing.reduce((sum, report) => sum + (report.sentTruncated ?? 0), 0) };
}

/**
 * One line in the words of the users' old import report, e.g. "1297 selected, 621 updated,
 * 13 created, 657 filtered as invalid, 6 unsubscribers written back". Zero counts are left out,
 * except `selected`.
 */
export function summariseReport(report: Pick<RunReportJson, 'dryRun' | 'counts'>): string {
	const { counts } = report;
	const parts = [`${counts.selected} selected`];
	const add = (count: number, text: string): void => {
		if (count > 0) parts.push(`${count} ${text}`);
	};
	add(counts.updated, 'updated');
	add(counts.created, 'created');
	add(counts.unchanged, 'unchanged');
	add(counts.invalid, 'filtered as invalid');
	add(counts.duplicates, counts.duplicates === 1 ? 'duplicate merged' : 'duplicates merged');
	add(counts.suppressed, 'suppressed');
	add(counts.skipped, 'skipped without consent');
	// an opt-out in the source often needs nothing at the target: only the second count made a call
	add(counts.unsubscribed, 'opted out in the source');
	const sent = counts.unsubscribedAtTarget ?? 0;
	add(sent, sent === 1 ? 'unsubscribe sent to the target' : 'unsubscribes sent to the target');
	add(counts.failed, 'failed');
	add(
		counts.unsubscribersSyncedBack,
		counts.unsubscribersSyncedBack === 1
			? 'unsubscriber written back'
			: 'unsubscribers written back',
	);
	add(counts.retried, counts.retried === 1 ? 'retry' : 'retries');
	const line = parts.join(', ');
	return report.dryRun ? `Dry run: ${line}` : line;
}

/**
 * The fields in the order a person reads them, which n8n's table and JSON views keep: the one-line
 * summary and any warnings first, the long list of reasons last; a field not named goes in between.
 */
const READ_FIRST = ['summary', 'warnings', 'counts', 'dryRun', 'source', 'target', 'label', 'startedAt', 'durationMs'];
const READ_LAST = ['sentTruncated', 'sent', 'reasonsTruncated', 'reasons'];

function readingRank(field: string): number {
	const first = READ_FIRST.indexOf(field);
	return first >= 0 ? first : READ_FIRST.length + 1 + READ_LAST.indexOf(field);
}

function withSummary(report: Omit<RunReportJson, 'summary'>): RunReportJson {
	const complete: RunReportJson = { ...report, summary: summariseReport(report) };
	const fields = Object.entries(complete).sort(([a], [b]) => readingRank(a) - readingRank(b));
	return Object.fromEntries(fields) as unknown as RunReportJson;
}

function sumOutcomes(counts: Omit<RunReportCounts, 'selected'>): number {
	let sum = 0;
	for (const outcome of OUTCOMES) sum += counts[COUNT_KEYS[outcome]];
	return sum;
}

function checkCount(name: string, value: unknown): void {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
		throw new TypeError(
			`Expected \`${name}\` to be a non-negative integer, got ${formatValue(value)}.`,
		);
	}
}
