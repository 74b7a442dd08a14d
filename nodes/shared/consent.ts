/**
 * Neutral consent states; each source's mapping turns its own letters or flags into one of these.
 * `relationship` is permission through an existing customer relationship, `none` an empty status.
 */
export type ConsentStatus = 'optIn' | 'relationship' | 'optOut' | 'none' | 'unknown';

export interface ConsentInput {
	status: ConsentStatus;
	/** When the status was set, epoch milliseconds. */
	at?: number;
	/** The source's own value, quoted in reasons. */
	raw?: string;
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

// Merge precedence for duplicates of one address; an opt-out is handled before ranking.
const RANK: Readonly<Record<Exclude<ConsentStatus, 'optOut'>, number>> = {
	optIn: 4,
	relationship: 3,
	none: 2,
	unknown: 1,
};

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
 * Combines the consent of two records for one address: any opt-out wins, then opt-in, relationship,
 * none, unknown. The result carries the winning record's `raw` and the latest `at` among the
 * records with the winning status (a later opt-in must not move the date of an opt-out).
 */
export function mergeConsent(a: ConsentInput, b: ConsentInput): ConsentInput {
	const rankA = rankOf(a.status);
	const rankB = rankOf(b.status);
	if (rankA !== rankB) return rankA > rankB ? a : b;
	const atA = a.at ?? -Infinity;
	const atB = b.at ?? -Infinity;
	return atB > atA ? b : a;
}

function rankOf(status: unknown): number {
	if (status === 'optOut') return Infinity;
	// a status from outside the union ranks like `unknown`
	return typeof status === 'string' && Object.hasOwn(RANK, status)
		? RANK[status as keyof typeof RANK]
		: RANK.unknown;
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

function formatValue(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' && value !== null ? 'an object' : String(value);
}
