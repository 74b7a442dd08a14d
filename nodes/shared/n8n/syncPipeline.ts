import { sleep, type IExecuteFunctions, type INode, type INodeExecutionData } from 'n8n-workflow';

import { drainInBatches } from '../batch';
import { toSentEntry } from '../consentTrail';
import type { SelectedContact, ConsentMode } from '../selection';
import { sendSplittingOnRefusal } from './http';
import { rejectedItem, reportItem } from './reportOutput';
import { finishSyncRun, startSyncRun, type SyncRun } from './syncRun';

/** A selected contact with what the target sends for it. */
export type Pending<Payload> = SelectedContact & { readonly payload: Payload };

/** Why a contact stays out before anything is sent. */
export interface Held {
	readonly outcome: 'invalid' | 'suppressed';
	readonly reason: string;
}

/** What a target may count for the contacts of a request the platform took. */
export type TakenOutcome = 'created' | 'updated' | 'unchanged' | 'suppressed';

/**
 * How a target reports the platform's answer to one request. Every contact it neither counts,
 * refuses nor resends is counted as failed.
 */
export interface Acknowledgement<Payload> {
	/** The contact of this request with that address, if the platform named one of them. */
	find(email: string | undefined): Pending<Payload> | undefined;
	/** `count` contacts of the request the platform took, with this outcome. */
	took(outcome: TakenOutcome, count?: number, reason?: string): void;
	/**
	 * The platform refused `pending` (when it named no contact of the request: one not accounted for
	 * yet). A refused contact keeps its ledger entry and goes to the "Rejected" output. Returns the
	 * contact counted as refused.
	 */
	refuse(
		pending: Pending<Payload> | undefined,
		email: string | undefined,
		reason: string,
		outcome: 'invalid' | 'failed',
	): Pending<Payload> | undefined;
	/** Sends the contact again, with another payload, in a request of its own after this one. */
	resend(pending: Pending<Payload>, payload: Payload): void;
}

/**
 * The vendor pieces of a Synchronize Many operation; `runSyncPipeline` does everything else:
 * selection, batches, the ledger and the report.
 */
export interface SyncTarget<Payload, Answer> {
	readonly batchSize: number;
	readonly dryRun: boolean;
	/** Whether opt-outs not in the ledger yet are unsubscribed at the platform. */
	readonly unsubscribeOptOuts: boolean;
	/**
	 * Reads what `prepare` needs from the platform (its fields), before any contact is prepared and
	 * anything is written; called only when there are contacts to send.
	 */
	beforePrepare?(send: readonly SelectedContact[]): Promise<void>;
	/**
	 * The contact as the platform's payload, or why it stays out. Called after `beforeWrite`, as the
	 * contacts stream into their batches: only the batches being filled hold payloads.
	 */
	prepare(selected: SelectedContact): Payload | Held;
	/**
	 * Reads and writes the platform needs before the first batch (fields, who exists already), with
	 * the contacts to send and the opt-outs to unsubscribe; returns the contacts still to send,
	 * having counted the others.
	 */
	beforeWrite(send: SelectedContact[], unsubscribe: readonly SelectedContact[]): Promise<SelectedContact[]>;
	/** Only contacts with the same key share a request. */
	requestKey(pending: Pending<Payload>): string;
	/** Sends one request; a size refusal (`isSizeRefusal`) makes the pipeline send halves. */
	send(rows: Array<Pending<Payload>>): Promise<Answer>;
	/** Reads the platform's answer to `rows` into `ack`. */
	acknowledge(rows: Array<Pending<Payload>>, answer: Answer, ack: Acknowledgement<Payload>): void;
	/** Counts what a write would do, without writing. */
	countDryRun(pending: Array<Pending<Payload>>): Promise<void>;
	/** Unsubscribes the opt-outs; `taken` marks one the platform acknowledged. */
/** Called once after the writes (or the dry run), before the report is made: run-wide warnings go here. */
	finish?(): void;
	unsubscribe(
		optOuts: readonly SelectedContact[],
		taken: (optOut: SelectedContact) => void,
	): Promise<void>;
}

export interface SyncPipelineOptions {
	/** The platform's name in the report and in the suppression list rows, e.g. "Maileon". */
	readonly label: string;
	readonly dryRun: boolean;
	readonly consentMode: ConsentMode;
	/**
	 * Whether the report lists the contacts the platform took, each with its consent trail.
	 * @default false
	 */
	readonly listSent?: boolean;
}

// a line of the report, not a platform field: long enough for any origin a source writes
const SENT_TRAIL_MAX_LENGTH = 500;

/**
 * Synchronize Many for any target: select the contacts → read the platform's fields → what the
 * platform needs before writing → prepare each contact's payload as the batches of its request key
 * fill (`drainInBatches`), so only those batches hold payloads → write each full batch →
 * acknowledge each answer → move the ledger for acknowledged batches only → unsubscribe the
 * opt-outs → report. The suppression list rows on the last output come from the ledger's changes
 * after all writes.
 */
export async function runSyncPipeline<Payload, Answer>(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	options: SyncPipelineOptions,
	openTarget: (run: SyncRun) => SyncTarget<Payload, Answer>,
): Promise<INodeExecutionData[][]> {
	const run = startSyncRun.call(this, items, options);
	const target = openTarget(run);
	const unsubscribe = target.unsubscribeOptOuts && !target.dryRun ? freshOptOuts(run) : [];
	if (run.selection.send.length > 0) await target.beforePrepare?.(run.selection.send);
	const send = await target.beforeWrite(run.selection.send, unsubscribe);
	const listSent = sentLister(run, this.getTimezone());
	if (target.dryRun) {
		const pending = [...prepareEach(run, target, send)];
		await target.countDryRun(pending);
		// a dry run lists what it would send
		for (const entry of pending) listSent(entry);
	} else {
		const writer = { node: this.getNode(), run, target, label: options.label, listSent, unnamed: { count: 0 } };
		await writeInBatches(writer, prepareEach(run, target, send));
		warnAboutUnnamed(writer);
		await unsubscribeOptOuts(run, target, unsubscribe);
	}
	target.finish?.();
	return finishSyncRun.call(this, run, reportItem(run.report, items.length), options.label);
}

/** Lists a contact in the report with its consent trail, when the report lists sent contacts. */
function sentLister({ report }: SyncRun, timeZone: string): (selected: SelectedContact) => void {
	if (!report.listsSent) return () => {};
	return ({ contact, consent }) => report.listSent(toSentEntry(contact.email, consent, { maxLength: SENT_TRAIL_MAX_LENGTH, timeZone }));
}

/** Opt-outs the ledger does not hold yet, once per address. */
function freshOptOuts({ selection, ledger }: SyncRun): SelectedContact[] {
	const seen = new Set<string>();
	return selection.optOuts.filter(({ contact }) => {
		if (ledger.has(contact.key) || seen.has(contact.key)) return false;
		seen.add(contact.key);
		return true;
	});
}

/**
 * Each contact with its payload, prepared when its batch takes it; a contact the target holds back
 * is counted (and rejected when invalid) instead.
 */
function* prepareEach<Payload>(
	{ report, rejected }: SyncRun,
	target: SyncTarget<Payload, unknown>,
	send: Iterable<SelectedContact>,
): Generator<Pending<Payload>> {
	for (const selected of send) {
		const payload = target.prepare(selected);
		if (isHeld(payload)) {
			const { email } = selected.contact;
			report.tally(payload.outcome, { email, reason: payload.reason, record: selected.index + 1 });
			if (payload.outcome === 'invalid')
				rejected.push(rejectedItem(selected.index, email, payload.reason, 'invalid'));
			continue;
		}
		yield withPayload(selected, payload);
	}
}

// one literal shape: a spread gave each of 60,000 pending contacts a hidden class of its own in V8
function withPayload<Payload>({ index, contact, consent, releaseFromLedger }: SelectedContact, payload: Payload): Pending<Payload> {
	return { index, contact, consent, releaseFromLedger, payload };
}

function isHeld(value: unknown): value is Held {
	return (
		typeof value === 'object' &&
		value !== null &&
		(value as Held).outcome !== undefined &&
		typeof (value as Held).reason === 'string'
	);
}

/** What every request of a run needs. */
interface Writer<Payload, Answer> {
	readonly node: INode;
	readonly run: SyncRun;
	readonly target: SyncTarget<Payload, Answer>;
	readonly label: string;
	/** Lists a contact the platform took in the report. */
	readonly listSent: (selected: SelectedContact) => void;
	/** Contacts of answers that counted the contacts taken without naming them. */
	readonly unnamed: { count: number };
}

/**
 * Writes the contacts batch by batch. Only once the platform acknowledged a batch does a re-consent
 * in it end the address's suppression; a contact the platform refused keeps its ledger entry.
 */
async function writeInBatches<Payload, Answer>(
	writer: Writer<Payload, Answer>,
	pending: Iterable<Pending<Payload>>,
): Promise<void> {
	const { run, target } = writer;
	await drainInBatches(pending, {
		maxSize: target.batchSize,
		groupBy: (entry) => target.requestKey(entry),
		// the next batch is prepared once the request is on its way, while the platform answers
		readAhead: async () => await sleep(0),
		write: async (batch) => {
			const refused = new Set<string>();
			await sendRequest(writer, batch, refused);
			return refused;
		},
		onDrained: (batch, refused) => {
			for (const entry of batch) {
				if (entry.releaseFromLedger && !refused.has(entry.contact.key))
					run.ledger.release(entry.contact.key);
			}
		},
	});
}

/** Sends one request (halves when the platform refuses its size) and any resends its answer asks for. */
async function sendRequest<Payload, Answer>(
	writer: Writer<Payload, Answer>,
	rows: Array<Pending<Payload>>,
	refused: Set<string>,
): Promise<void> {
	await sendSplittingOnRefusal(
		writer.node,
		rows,
		async (part) => await writer.target.send(part),
		async (part, answer) => {
			const resend = acknowledgeAnswer(writer, part, answer, refused);
			if (resend.length > 0) await sendRequest(writer, resend, refused);
		},
	);
}

/**
 * Reads one answer into the report and `refused`; returns the contacts to send again. A contact
 * enters the sent list only here, once the platform took it: when the answer counts as many contacts
 * written as remain after the refused and resent ones, those are the ones it took.
 */
function acknowledgeAnswer<Payload, Answer>(
	{ run: { report, rejected }, target, label, listSent, unnamed }: Writer<Payload, Answer>,
	rows: Array<Pending<Payload>>,
	answer: Answer,
	refused: Set<string>,
): Array<Pending<Payload>> {
	const byKey = new Map(rows.map((row) => [row.contact.key, row]));
	const resend: Array<Pending<Payload>> = [];
	const settled = new Set<string>();
	let taken = 0;
	let written = 0;
	// a refusal that named no contact of the request settles one by guess, which cannot prove the rest taken
	let guessed = false;
	target.acknowledge(rows, answer, {
		find: (email) => (email === undefined ? undefined : byKey.get(email.trim().toLowerCase())),
		took: (outcome, count = 1, reason) => {
			report.tally(outcome, reason === undefined ? undefined : { reason }, count);
			taken += count;
			if (outcome !== 'suppressed') written += count;
		},
		refuse: (pending, email, reason, outcome) => {
			// a contact the platform changed beyond recognition still costs one, so the counts stay exact
			const row = pending ?? rows.find((candidate) => !settled.has(candidate.contact.key));
			if (pending === undefined) guessed = true;
			report.tally(outcome, { email, reason, record: pending ? pending.index + 1 : undefined });
			rejected.push(rejectedItem((row ?? rows[0]).index, email, reason, outcome));
			if (row !== undefined) {
				settled.add(row.contact.key);
				refused.add(row.contact.key);
			}
			return row;
		},
		resend: (pending, payload) => {
			settled.add(pending.contact.key);
			resend.push(withPayload(pending, payload));
		},
	});
	const unaccounted = rows.length - taken - settled.size;
	if (unaccounted > 0)
		report.tally(
			'failed',
			{ reason: `${label} did not report an outcome for these contacts` },
			unaccounted,
		);
	if (report.listsSent) {
		const took = rows.filter((row) => !settled.has(row.contact.key));
		if (written === took.length && !guessed) for (const row of took) listSent(row);
		else unnamed.count += written;
	}
	return resend;
}

/** One warning for the contacts the sent list could not name, so the list is not read as complete. */
function warnAboutUnnamed<Payload, Answer>({ run: { report }, label, unnamed }: Writer<Payload, Answer>): void {
	if (unnamed.count === 0) return;
	const contacts = unnamed.count === 1 ? 'that 1 contact' : `those ${unnamed.count} contacts`;
	report.warn(
		`${label} kept contacts out or refused them without naming them (e.g. unsubscribed there) in requests where it took ${unnamed.count === 1 ? '1 contact' : `${unnamed.count} contacts`}; the list of sent contacts leaves out ${contacts}.`,
	);
}

/** Unsubscribes the fresh opt-outs, then records every opt-out, dated by the source's status. */
async function unsubscribeOptOuts<Payload, Answer>(
	{ ledger, selection }: SyncRun,
	target: SyncTarget<Payload, Answer>,
	unsubscribe: readonly SelectedContact[],
): Promise<void> {
	// only once the platform took them: a run that fails before sends the unsubscribes again next time
	if (unsubscribe.length > 0)
		await target.unsubscribe(unsubscribe, ({ contact, consent }) =>
			ledger.add(contact.key, consent?.at),
		);
	// dated by the source's status, so a later explicit opt-in can end the suppression
	for (const { contact, consent } of selection.optOuts) ledger.add(contact.key, consent?.at);
}
