import { formatValue } from './values';

/**
 * Neutral consent states; each source's mapping turns its own letters or flags into one of these.
 * `relationship` is permission through an existing customer relationship, `none` an empty status.
 */
export type ConsentStatus = 'optIn' | 'relationship' | 'optOut' | 'none' | 'unknown';

/**
 * Where a consent status was recorded: the system and the record in it, in that system's words
 * (e.g. system "CRM", record "customer 4711"). Proves, together with status and date, why a contact
 * may be mailed.
 */
export interface ConsentOrigin {
	system: string;
	record: string;
}

export interface ConsentInput {
	status: ConsentStatus;
	/** When the status was set, epoch milliseconds. */
	at?: number;
	/** The source's own value, quoted in reasons. */
	raw?: string;
	/** The record holding the status; `mergeConsent` keeps the winning record's. */
	origin?: ConsentOrigin;
}

export type ConsentAction = 'send' | 'skip' | 'unsubscribe';

export interface ConsentDecision {
	action: ConsentAction;
	reason: string;
	at?: number;
}

export interface ConsentPolicy {
	/**
	 * Whether a customer relationship counts as consent.
	 * @default true
	 */
	readonly allowRelationship?: boolean;
	/**
	 * Whether an empty status counts as consent.
	 * @default false
	 */
	readonly allowNone?: boolean;
}

/**
 * Decides what to do with one contact. Fail-safe: `unknown`, and any status outside the union that
 * slips through at runtime, is skipped with a reason naming the raw value.
 */
export function decideConsent(input: ConsentInput, policy: ConsentPolicy = {}): ConsentDecision {
	const allowRelationship = readFlag(policy, 'allowRelationship', true);
	const allowNone = readFlag(policy, 'allowNone', false);
	const at = typeof input.at === 'number' && Number.isFinite(input.at) ? input.at : undefined;
	switch (input.status) {
		case 'optIn':
			return decision('send', 'explicit opt-in', at);
		case 'relationship':
			return byPolicy(allowRelationship, 'customer relationship', 'customer relationship is not accepted as consent', at);
		case 'optOut':
			return decision('unsubscribe', 'opted out', at);
		case 'none':
			return byPolicy(allowNone, 'no consent recorded, accepted by policy', 'no consent recorded', at);
		default:
			return decision('skip', describeUnknown(input), at);
	}
}

/**
 * How restrictive a status is when records disagree: opt-out, then unknown and empty (no usable
 * consent), then customer relationship, then explicit opt-in.
 */
const RESTRICTION: Readonly<Record<ConsentStatus, number>> = {
	optOut: 5,
	unknown: 4,
	none: 3,
	relationship: 2,
	optIn: 1,
};

const ACTION_RESTRICTION: Readonly<Record<ConsentAction, number>> = {
	unsubscribe: 3,
	skip: 2,
	send: 1,
};

/**
 * The consent rule of a run: for one normalised address, across all records of the run, the most
 * restrictive decision wins (opt-out over unknown or empty, over customer relationship, over
 * explicit opt-in). A record that is otherwise invalid still counts, and so does every address of
 * a record holding several. Where the policy makes a less restrictive status the stricter decision
 * (a customer relationship refused while an empty status is accepted), the decision wins. The
 * result is the winning record's input, with its `raw` and `origin`: the latest `at` among the
 * records with the winning status (a later opt-in never moves the date of an opt-out), else the
 * first record.
 */
export function mergeConsent(
	a: ConsentInput,
	b: ConsentInput,
	policy: ConsentPolicy = {},
): ConsentInput {
	const restrictionA = restrictionOf(a, policy);
	const restrictionB = restrictionOf(b, policy);
	if (restrictionA !== restrictionB) return restrictionA > restrictionB ? a : b;
	const atA = a.at ?? -Infinity;
	const atB = b.at ?? -Infinity;
	return atB > atA ? b : a;
}

function restrictionOf(input: ConsentInput, policy: ConsentPolicy): number {
	return ACTION_RESTRICTION[decideConsent(input, policy).action] * 10 + statusRestriction(input.status);
}

/** How restrictive a status is (`RESTRICTION`); a status from outside the union ranks like `unknown`. */
function statusRestriction(status: ConsentStatus): number {
	return Object.hasOwn(RESTRICTION, status) ? RESTRICTION[status] : RESTRICTION.unknown;
}

/** The stricter of two decisions for one address: unsubscribe over skip over send. */
export function isStricterDecision(a: ConsentAction, b: ConsentAction): boolean {
	return ACTION_RESTRICTION[a] > ACTION_RESTRICTION[b];
}

/**
 * Whether the consent `a` of one item decides over `b` for their shared address: the stricter
 * decision, then the more restrictive status (as in `mergeConsent`; an item without a status ranks
 * below all), then the later date. On a tie `b`, the earlier item, stays.
 */
export function isStricterConsent(
	a: { readonly action: ConsentAction; readonly status?: ConsentStatus; readonly at?: number },
	b: { readonly action: ConsentAction; readonly status?: ConsentStatus; readonly at?: number },
): boolean {
	if (a.action !== b.action) return isStricterDecision(a.action, b.action);
	// an item without a status ranks below every status
	const rankA = a.status === undefined ? 0 : statusRestriction(a.status);
	const rankB = b.status === undefined ? 0 : statusRestriction(b.status);
	if (rankA !== rankB) return rankA > rankB;
	return (a.at ?? -Infinity) > (b.at ?? -Infinity);
}

function decision(action: ConsentAction, reason: string, at: number | undefined): ConsentDecision {
	return at === undefined ? { action, reason } : { action, reason, at };
}

/** Send when the policy accepts the status as consent, otherwise skip; each with its own reason. */
function byPolicy(accepted: boolean, sendReason: string, skipReason: string, at: number | undefined): ConsentDecision {
	return accepted ? decision('send', sendReason, at) : decision('skip', skipReason, at);
}

function describeUnknown(input: ConsentInput): string {
	const raw: unknown = input.raw ?? input.status;
	if (raw === undefined || raw === null || raw === 'unknown') return 'unknown consent status';
	return `unknown consent status ${JSON.stringify(String(raw))}`;
}

function readFlag(
	policy: ConsentPolicy,
	name: keyof ConsentPolicy,
	defaultValue: boolean,
): boolean {
	const value: unknown = policy[name];
	if (value === undefined) return defaultValue;
	if (typeof value !== 'boolean') {
		throw new TypeError(`Expected \`${name}\` to be a boolean, got ${formatValue(value)}.`);
	}
	return value;
}
